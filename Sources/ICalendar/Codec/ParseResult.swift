/// What parsing produced: the top-level components (normally one VCALENDAR) and the quirks it accepted.
public struct ParseResult: Sendable, Hashable {
    public var components: [Component]
    public var warnings: [ICalendarWarning]

    public init(components: [Component], warnings: [ICalendarWarning]) {
        self.components = components
        self.warnings = warnings
    }
}
