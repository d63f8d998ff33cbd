/// How forgiving parsing is, and the limits that keep hostile input cheap.
public struct ParseOptions: Sendable, Hashable {
    public enum Mode: Sendable, Hashable {
        /// RFC 5545 as written: producer quirks are errors.
        case strict
        /// Accepts what real producers emit (bare LF, BOM, missing VERSION/PRODID, stray blank lines, unclosed
        /// components, invalid UTF-8, malformed typed values) and reports each as an `ICalendarWarning`.
        case lenient
    }

    public var mode: Mode
    /// Deepest component nesting accepted (VCALENDAR > VEVENT > VALARM is 3).
    public var maxDepth: Int
    /// Longest logical (unfolded) content line in bytes.
    public var maxLineLength: Int
    /// Check the values of known typed properties (DTSTART, RRULE, DURATION, ...) while parsing.
    public var validatesValues: Bool

    public init(mode: Mode = .strict, maxDepth: Int = 16, maxLineLength: Int = 8 << 20, validatesValues: Bool = true) {
        self.mode = mode
        self.maxDepth = maxDepth
        self.maxLineLength = maxLineLength
        self.validatesValues = validatesValues
    }

    public static let strict = ParseOptions(mode: .strict)
    public static let lenient = ParseOptions(mode: .lenient)

    var isLenient: Bool { mode == .lenient }
}
