import Foundation

/// Parses iCalendar text into a lossless component tree.
///
/// Spec: RFC 5545 §3. The tree keeps every property, parameter and component in order, values as written.
public struct ICalendarParser: Sendable {
    public var options: ParseOptions

    public init(options: ParseOptions = .strict) { self.options = options }

    public func parse(_ bytes: UnsafeBufferPointer<UInt8>) throws(ICalendarParseError) -> ParseResult {
        var stream = ICalendarStreamParser(options: options)
        try stream.feed(bytes)
        return try stream.finish()
    }

    public func parse(_ bytes: [UInt8]) throws(ICalendarParseError) -> ParseResult {
        try bytes.withUnsafeBufferPointer { (buffer) throws(ICalendarParseError) in try parse(buffer) }
    }

    public func parse(_ data: Data) throws(ICalendarParseError) -> ParseResult {
        try parse([UInt8](data))
    }

    public func parse(_ text: String) throws(ICalendarParseError) -> ParseResult {
        try parse(Array(text.utf8))
    }

    /// Parses input that must hold exactly one VCALENDAR.
    public func parseCalendar(_ text: String) throws(ICalendarParseError) -> Component {
        try single(parse(text))
    }

    public func parseCalendar(_ bytes: [UInt8]) throws(ICalendarParseError) -> Component {
        try single(parse(bytes))
    }

    private func single(_ result: ParseResult) throws(ICalendarParseError) -> Component {
        guard result.components.count == 1, let calendar = result.components.first, calendar.name == .vcalendar else {
            let found = result.components.map(\.name.rawValue).joined(separator: ", ")
            throw ICalendarParseError(.notVCalendar, message: "expected exactly one VCALENDAR, found \(found.isEmpty ? "none" : found)")
        }
        return calendar
    }
}

extension Component {
    /// Parses a single VCALENDAR (strict unless told otherwise).
    public init(parsing text: String, options: ParseOptions = .strict) throws(ICalendarParseError) {
        self = try ICalendarParser(options: options).parseCalendar(text)
    }
}
