import CalendarStore
import ICalendar
import WebDAV

/// INTERIM (the free/busy helper replaces this file).
struct OutboxFreeBusy: Sendable {
    let context: MethodContext
    let sender: User

    func respond(to request: Component) async throws(DAVError) -> DAVResponse {
        throw DAVError(status: 501, message: "Free/busy requests are not implemented yet.")
    }
}
