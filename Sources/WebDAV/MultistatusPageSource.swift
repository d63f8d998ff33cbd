/// Where a streamed multistatus gets its responses from: pages produced on demand (for example one store query
/// per page), so a 100,000-member listing never sits in memory at once.
/// Spec: RFC 4918 §13 (the body), RFC 6578 §6.2 (the trailing sync token).
public protocol MultistatusPageSource: Sendable {
    /// The next responses, or nil when there are no more.
    func nextPage() async throws -> [MultistatusResponse]?
    /// The `<D:sync-token>` written after the last response (asked once `nextPage` returned nil); nil for none.
    func syncToken() async throws -> String?
}
