import CalendarStore
import WebDAV

extension MethodContext {
    /// A 207 written page by page from `source`, with the errors of its first page (read before the response
    /// exists) mapped to DAV errors, so a missing calendar or a stale sync token is still a proper status.
    func streamedMultistatus(from source: some MultistatusPageSource) async throws(DAVError) -> DAVResponse {
        do {
            return try await Multistatus.streamed(from: source)
        } catch let error as DAVError {
            throw error
        } catch let error as StoreError {
            throw error.davError
        } catch {
            throw DAVError(status: 500, message: "The listing could not be read.")
        }
    }
}
