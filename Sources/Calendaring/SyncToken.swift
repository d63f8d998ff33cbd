/// The RFC 6578 sync token of a calendar: a URI naming the calendar and a change-log revision. It doubles as the
/// CalendarServer CTag, which must change whenever anything in the collection changes.
///
/// Spec: RFC 6578 §3.2 (tokens are URIs the client treats as opaque).
package struct SyncToken: Hashable, Sendable {
    package static let prefix = "http://almanac.invalid/ns/sync/"

    package let calendarID: Int64
    package let revision: Int64

    package var uri: String { "\(Self.prefix)\(calendarID)-\(revision)" }

    /// Nil when the text is not one of our tokens.
    package init?(uri: String) {
        guard uri.hasPrefix(Self.prefix) else { return nil }
        let parts = uri.dropFirst(Self.prefix.count).split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 2, let calendar = Int64(parts[0]), let revision = Int64(parts[1]), revision >= 0 else {
            return nil
        }
        self.calendarID = calendar
        self.revision = revision
    }

    package init(calendarID: Int64, revision: Int64) {
        self.calendarID = calendarID
        self.revision = revision
    }
}
