import HTTPTypes
import Hummingbird
import Logging

/// Gives every request an id and writes one access-log line per request; also the last line of defence that turns
/// any escaped error into a logged 500 whose body carries only the request id.
///
/// The id comes from a well-formed `X-Request-ID` header (so a proxy's id carries through) or is generated; it is
/// echoed in the response's `X-Request-ID` and attached to every log line of the request.
public struct RequestLogMiddleware: RouterMiddleware {
    public typealias Context = AlmanacRequestContext

    public static let requestIDHeader = HTTPField.Name("X-Request-ID")!
    /// `app;dur=<ms>`: the time from receiving the request to producing the response head (a streamed body is
    /// written afterwards), so clients and benchmarks can tell server time from network and client time.
    /// Spec: W3C Server Timing.
    public static let serverTimingHeader = HTTPField.Name("Server-Timing")!

    public init() {}

    public func handle(_ request: Request, context: Context,
                       next: (Request, Context) async throws -> Response) async throws -> Response {
        let requestID = Self.acceptedID(request.headers[Self.requestIDHeader]) ?? RequestID().description
        var context = context
        context.requestID = requestID
        context.logger[metadataKey: "hb.request.id"] = .string(requestID)
        let start = ContinuousClock.now

        var response: Response
        do {
            response = try await next(request, context)
        } catch {
            context.logger.error("Unhandled error", metadata: ["error": .string(String(reflecting: error))])
            response = ServerResponse.internalError(requestID: requestID)
        }
        response.headers[Self.requestIDHeader] = requestID

        let elapsed = ContinuousClock.now - start
        let milliseconds = Double(elapsed.components.seconds) * 1000 + Double(elapsed.components.attoseconds) / 1e15
        response.headers[Self.serverTimingHeader] = "app;dur=\((milliseconds * 1000).rounded() / 1000)"
        let user = context.authenticatedUser.value ?? "-"
        var metadata: Logger.Metadata = [
            "http.method": .string(request.method.rawValue),
            "http.path": .string(request.uri.path),
            "http.status": .stringConvertible(response.status.code),
            "http.duration_ms": .string(Self.format(milliseconds)),
            "user": .string(user),
        ]
        var line = "\(request.method.rawValue) \(request.uri.path) \(response.status.code) \(Self.format(milliseconds)) ms \(user)"
        if let note = context.logNote.value.map(Self.oneLine) {
            metadata["note"] = .string(note)
            line += ": " + note
        }
        context.logger.info("\(line)", metadata: metadata)
        return response
    }

    /// A client-supplied id is used only when it is short printable ASCII, so it cannot forge log lines or headers.
    static func acceptedID(_ value: String?) -> String? {
        guard let value, (1...128).contains(value.utf8.count),
              value.utf8.allSatisfy({ (0x21...0x7E).contains($0) }) else { return nil }
        return value
    }

    /// A note on one log line: control characters (a newline from a client's data) cannot forge further lines.
    static func oneLine(_ note: String) -> String {
        String(note.unicodeScalars.map { $0.properties.generalCategory == .control ? " " : Character($0) })
    }

    private static func format(_ milliseconds: Double) -> String {
        String((milliseconds * 10).rounded() / 10)
    }
}
