import ICalendar
import ICalendarRecurrence

/// CALDAV:expand of the commonest stored object, one VEVENT that does not recur, written line by line from the
/// stored bytes instead of through a parsed tree: the answer `RecurrenceExpansionRenderer` gives for it (the
/// VCALENDAR's properties, no VTIMEZONE, every date-time with a TZID in UTC, and the event only when it overlaps
/// the range), at a fraction of the cost, since only the lines with parameters are read as properties.
///
/// Anything else answers nil and goes the tree's way: recurrence (RRULE, RDATE, RECURRENCE-ID), another component
/// or a second event, a TZID only the object's own VTIMEZONE defines, a name not written in uppercase (data stored
/// before PUT repaired those), or a line that does not read.
///
/// Spec: RFC 4791 §9.6.5, §9.9 (the overlap is `TimeRangeFilter`'s, on the event's DTSTART, DTEND and DURATION).
struct SingleEventExpansion {
    let range: TimeRange
    let context: TimeContext

    /// The reason to stop walking and take the tree path.
    private struct NotSingleEvent: Error {}

    /// Where the walk is: which component the next line belongs to.
    private enum Place { case calendar, timeZone(depth: Int), event(depth: Int) }

    func expand(_ data: [UInt8]) -> [UInt8]? {
        var walk = Walk(context: context)
        var decoder = ContentLineDecoder()
        do throws(NotSingleEvent) {
            try data.withUnsafeBufferPointer { (bytes) throws(NotSingleEvent) in
                try decoder.feed(bytes) { (line, _) throws(NotSingleEvent) in try walk.take(line) }
                try decoder.finish { (line, _) throws(NotSingleEvent) in try walk.take(line) }
            }
        } catch {
            return nil
        }
        guard walk.finished else { return nil }
        let overlaps = (try? TimeRangeFilter(range: range, context: context).matches(walk.timing)) ?? false
        return walk.calendar + (overlaps ? walk.event : []) + Array("END:VCALENDAR\r\n".utf8)
    }

    private struct Walk {
        let context: TimeContext
        /// BEGIN:VCALENDAR and the calendar's properties.
        var calendar: [UInt8] = []
        /// The event, converted, from BEGIN to END.
        var event: [UInt8] = []
        /// The event's DTSTART, DTEND and DURATION, for the overlap test.
        var timing = Component(name: .vevent)
        var place: Place?
        var sawEvent = false
        var finished = false

        mutating func take(_ line: UnsafeBufferPointer<UInt8>) throws(NotSingleEvent) {
            // Names are compared as bytes: this runs for every line of every object in the answer.
            guard !finished, let nameEnd = Self.uppercaseNameEnd(line) else { throw NotSingleEvent() }
            let name = UnsafeBufferPointer(rebasing: line[..<nameEnd])
            let value = UnsafeBufferPointer(rebasing: line[(nameEnd + 1)...])
            if Self.equal(name, "BEGIN") {
                try begin(value, line)
            } else if Self.equal(name, "END") {
                try end(line)
            } else {
                switch place {
                case .calendar: ICalendarSerializer.appendFolded(line, to: &calendar)
                case .timeZone: break
                case .event(let depth): try takeEventProperty(name, line, depth: depth)
                case nil: throw NotSingleEvent()
                }
            }
        }

        private mutating func begin(_ component: UnsafeBufferPointer<UInt8>,
                                    _ line: UnsafeBufferPointer<UInt8>) throws(NotSingleEvent) {
            switch place {
            case nil:
                guard Self.equal(component, "VCALENDAR") else { throw NotSingleEvent() }
                place = .calendar
                ICalendarSerializer.appendFolded(line, to: &calendar)
            case .calendar:
                if Self.equal(component, "VTIMEZONE") {
                    place = .timeZone(depth: 1)
                } else if Self.equal(component, "VEVENT"), !sawEvent {
                    sawEvent = true
                    place = .event(depth: 1)
                    ICalendarSerializer.appendFolded(line, to: &event)
                } else {
                    throw NotSingleEvent()
                }
            case .timeZone(let depth): place = .timeZone(depth: depth + 1)
            case .event(let depth):
                place = .event(depth: depth + 1)
                ICalendarSerializer.appendFolded(line, to: &event)
            }
        }

        private mutating func end(_ line: UnsafeBufferPointer<UInt8>) throws(NotSingleEvent) {
            switch place {
            case nil: throw NotSingleEvent()
            case .calendar:
                guard sawEvent else { throw NotSingleEvent() }
                finished = true
            case .timeZone(let depth): place = depth == 1 ? .calendar : .timeZone(depth: depth - 1)
            case .event(let depth):
                place = depth == 1 ? .calendar : .event(depth: depth - 1)
                ICalendarSerializer.appendFolded(line, to: &event)
            }
        }

        private mutating func takeEventProperty(_ name: UnsafeBufferPointer<UInt8>, _ line: UnsafeBufferPointer<UInt8>,
                                                depth: Int) throws(NotSingleEvent) {
            if depth == 1 && (Self.equal(name, "RRULE") || Self.equal(name, "RDATE") || Self.equal(name, "RECURRENCE-ID")) {
                throw NotSingleEvent()
            }
            let isTiming = depth == 1
                && (Self.equal(name, "DTSTART") || Self.equal(name, "DTEND") || Self.equal(name, "DURATION"))
            // Only a line with parameters, one of them TZID, can have a zoned date-time (ATTENDEE;CN=... cannot).
            guard isTiming || (line[name.count] == UInt8(ascii: ";") && Self.mentionsTZID(line)) else {
                ICalendarSerializer.appendFolded(line, to: &event)
                return
            }
            guard let property = try? Property(contentLine: line) else { throw NotSingleEvent() }
            if let tzid = property.tzid {
                // A zone only the object's VTIMEZONE defines needs that VTIMEZONE read: the tree path does it.
                guard context.resolver.rules(for: tzid) != nil else { throw NotSingleEvent() }
            }
            if isTiming { timing.properties.append(property) }
            if let converted = RecurrenceExpansionRenderer.inUTC(property, context: context) {
                ICalendarSerializer.appendContentLine(converted, to: &event)
            } else {
                ICalendarSerializer.appendFolded(line, to: &event)
            }
        }

        /// Where the line's name ends (at its first ';' or ':'), when the name is written in uppercase: the only
        /// form this walk compares.
        private static func uppercaseNameEnd(_ line: UnsafeBufferPointer<UInt8>) -> Int? {
            var end = 0
            while end < line.count, line[end] != UInt8(ascii: ";"), line[end] != UInt8(ascii: ":") {
                guard line[end] < 0x61 || line[end] > 0x7A else { return nil }
                end += 1
            }
            return end > 0 && end < line.count ? end : nil
        }

        /// Whether "TZID" appears anywhere in the line, in any case (a parameter name is case-insensitive).
        private static func mentionsTZID(_ line: UnsafeBufferPointer<UInt8>) -> Bool {
            guard line.count >= 4 else { return false }
            for start in 0...(line.count - 4) where line[start] | 0x20 == UInt8(ascii: "t")
                && line[start + 1] | 0x20 == UInt8(ascii: "z") && line[start + 2] | 0x20 == UInt8(ascii: "i")
                && line[start + 3] | 0x20 == UInt8(ascii: "d") {
                return true
            }
            return false
        }

        private static func equal(_ bytes: UnsafeBufferPointer<UInt8>, _ text: StaticString) -> Bool {
            text.withUTF8Buffer { $0.elementsEqual(bytes) }
        }
    }
}
