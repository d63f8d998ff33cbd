/// An RRULE names a calendar scale (RSCALE) this server cannot iterate.
///
/// Spec: RFC 7529 §5.3 — a CalDAV server refuses such data with the CALDAV:supported-rscale precondition.
public struct UnsupportedCalendarScale: Error, Hashable, Sendable, CustomStringConvertible {
    /// The RSCALE value as written in the rule.
    public let name: String

    public init(name: String) { self.name = name }

    public var description: String {
        "RSCALE \(name) is not supported; supported: " + RecurrenceCalendarScale.supported.map(\.name).joined(separator: ", ")
    }
}
