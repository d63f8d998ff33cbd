#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif
import ICalendar
import ICalendarRecurrence

/// CALDAV:expand of a stored object of VEVENTs (one event, or a series: a master and its overrides), written line
/// by line from the stored bytes instead of through a parsed tree, giving byte for byte what
/// `RecurrenceExpansionRenderer` and the serializer give.
///
/// The walk copies each line as it was stored when the tree's serializer would write it back unchanged (an
/// uppercase name, parameters whose quoting the serializer would repeat, valid UTF-8), reads the other lines as
/// properties and writes them as the serializer does, and writes every line with a TZID in UTC. Each event becomes
/// a template: its lines in order, with the places of DTSTART, DTEND and RECURRENCE-ID marked, and the RRULE,
/// RDATE, EXDATE and EXRULE lines an instance drops. Only the properties the recurrence reads (DTSTART, DTEND,
/// DURATION, the recurrence set, RECURRENCE-ID, STATUS) are parsed into a small component for `ObjectRecurrence`,
/// which finds the instances as the tree path does; each instance is then its template with those lines replaced.
/// The events must carry the same UID line (or none has one), so they are the one group the tree would make.
/// VTIMEZONEs are passed over: every TZID must be one the tz database knows, which the tree reads from there too.
///
/// Anything else answers nil and goes the tree's way: another component than VEVENT and VTIMEZONE, events with
/// different UID lines, a TZID the tz database does not know (only the object's own VTIMEZONE can define it), a
/// line with a lowercase name, a blank line, a property after a sub-component, DTSTART, DTEND, RECURRENCE-ID or
/// UID twice, an event without DTSTART, invalid UTF-8, a recurrence that does not read, or a line that does not
/// scan strictly.
///
/// Spec: RFC 4791 §9.6.5 (instances chosen with the §9.9 overlap, each with RECURRENCE-ID, no RRULE, RDATE,
/// EXDATE or EXRULE, no VTIMEZONE, date-times with a TZID in UTC).
struct StoredObjectExpansion {
    let range: TimeRange
    let context: TimeContext
    /// Whether objects that recur are expanded here; when false they answer nil (`SingleEventExpansion`).
    var expandsRecurrence = true

    /// The reason to stop walking and take the tree path.
    struct Fallback: Error {}

    /// A property line an instance replaces or drops, as a byte range of its template.
    struct Mark {
        enum Kind { case dtstart, dtend, recurrenceID, recurrenceSet }
        var kind: Kind
        var start: Int
        var end: Int
    }

    /// One VEVENT as written back: its lines (TZIDs in UTC), and what an instance changes in them.
    struct EventTemplate {
        var bytes: [UInt8] = []
        /// In line order.
        var marks: [Mark] = []
        /// Where the event's own properties end (before its first sub-component or its END line).
        var propertiesEnd: Int?
        /// The parameters of DTSTART, DTEND and RECURRENCE-ID as stored (an instance drops their TZID and VALUE).
        var dtstart: [Parameter]?
        var dtend: [Parameter]?
        var recurrenceID: [Parameter]?
        /// The properties `ObjectRecurrence` and `TimeRangeFilter` read, as stored.
        var timing = Component(name: .vevent)
        /// RRULE, RDATE, EXDATE and EXRULE lines with a TZID, not converted yet: every instance of a series drops
        /// them, so they are written (at these offsets) only when the event does not recur after all.
        var deferred: [(offset: Int, property: Property)] = []
        /// RRULE, RDATE or RECURRENCE-ID seen: `ObjectRecurrence.isRecurring` of the event.
        var recurs = false
        var hasUID = false
    }

    /// The name of the property that tells the expander's instances which event they come from.
    static let memberName = PropertyName(uppercased: "X-ALMANAC-EXPANSION-MEMBER")

    func expand(_ data: [UInt8]) -> [UInt8]? {
        var walk = Walk(context: context)
        do throws(Fallback) {
            try data.withUnsafeBufferPointer { (bytes) throws(Fallback) in
                guard Self.isValidUTF8(bytes) else { throw Fallback() }
                walk.source = bytes
                try Self.unfold(bytes, into: &walk)
                walk.flush()
                walk.source = UnsafeBufferPointer(start: nil, count: 0)
            }
        } catch {
            return nil
        }
        guard walk.finished, !walk.events.isEmpty else { return nil }
        return render(walk.calendar, walk.events, zones: walk.zones)
    }

    /// The logical lines of a whole stored object, handed to the walk as `ContentLineDecoder` hands them out (a
    /// leading byte order mark skipped, lines ended by LF with one CR before it dropped, a line that begins with a
    /// space or tab continuing the one before), without its chunk bookkeeping: a line that is not folded is a
    /// slice of `bytes`, and only folded ones are joined in a buffer.
    private static func unfold(_ bytes: UnsafeBufferPointer<UInt8>, into walk: inout Walk) throws(Fallback) {
        guard let base = bytes.baseAddress else { return }
        let n = bytes.count
        var i = n >= 3 && bytes[0] == 0xEF && bytes[1] == 0xBB && bytes[2] == 0xBF ? 3 : 0
        /// The line before the current physical one: a slice of `bytes`, or joined in `folded`.
        var previous: Range<Int>?
        var isFolded = false
        var folded: [UInt8] = []
        func emitPrevious(_ walk: inout Walk) throws(Fallback) {
            if isFolded {
                try folded.withUnsafeBufferPointer { (line) throws(Fallback) in try walk.take(line) }
            } else if let range = previous {
                try walk.take(UnsafeBufferPointer(rebasing: bytes[range]))
            }
        }
        while i < n {
            let lineFeed = memchr(base + i, 0x0A, n - i).map { base.distance(to: $0.assumingMemoryBound(to: UInt8.self)) }
            var end = lineFeed ?? n
            if end > i && bytes[end - 1] == 0x0D { end -= 1 }
            let first: UInt8? = end > i ? bytes[i] : nil
            if (first == 0x20 || first == 0x09) && (previous != nil || isFolded) {
                if !isFolded, let range = previous {
                    folded.removeAll(keepingCapacity: true)
                    folded.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[range]))
                    isFolded = true
                }
                folded.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[(i + 1)..<end]))
            } else {
                try emitPrevious(&walk)
                previous = i..<end
                isFolded = false
            }
            i = (lineFeed ?? n - 1) + 1
        }
        try emitPrevious(&walk)
    }

    /// How the overlap of an event's instances is tested.
    private enum Timing {
        /// Read once for all its instances.
        case span(InstanceSpan.EventTiming)
        /// DTSTART, DTEND or DURATION does not read: no instance matches (`TimeRangeFilter.matches` throws).
        case unreadable
        /// Through `TimeRangeFilter` with the component.
        case component
    }

    private func render(_ calendar: [UInt8], _ events: [EventTemplate], zones: Zones) -> [UInt8]? {
        // The object's zones are looked up once, not on every conversion the recurrence and the filter make.
        let context = zones.names.isEmpty ? self.context
            : TimeContext(resolver: ObjectZones(base: self.context.resolver, zones: zones), floating: self.context.floating)
        var out: [UInt8] = []
        let filter = TimeRangeFilter(range: range, context: context)
        if !events.contains(where: \.recurs) {
            out.reserveCapacity(calendar.count + events.reduce(0) { $0 + $1.bytes.count } + 64)
            out.append(contentsOf: calendar)
            for index in events.indices where (try? filter.matches(events[index].timing)) ?? false {
                guard !events[index].deferred.isEmpty else {
                    out.append(contentsOf: events[index].bytes)
                    continue
                }
                var cursor = 0
                for (offset, property) in events[index].deferred {
                    out.append(contentsOf: events[index].bytes[cursor..<offset])
                    cursor = offset
                    guard let tzid = property.tzid, let rules = zones.rules(for: tzid) else { return nil }
                    Self.appendInUTC(property, rules: rules, context: context, to: &out)
                }
                out.append(contentsOf: events[index].bytes[cursor...])
            }
        } else {
            guard expandsRecurrence else { return nil }
            let members = events.map(\.timing)
            var tagged = members
            for index in tagged.indices {
                tagged[index].properties.append(Property(name: Self.memberName, value: String(index)))
            }
            guard let expansion = ObjectRecurrence(members: tagged, context: context).instances(overlapping: range)
            else { return nil }
            let largest = events.reduce(0) { Swift.max($0, $1.bytes.count) }
            out.reserveCapacity(calendar.count + expansion.instances.count * (largest + 64) + 32)
            out.append(contentsOf: calendar)
            let timings = members.map { (member) -> Timing in
                do throws(ICalendarParseError) {
                    return try InstanceSpan.EventTiming(member, context: context).map(Timing.span) ?? .component
                } catch {
                    return .unreadable
                }
            }
            for instance in expansion.instances {
                guard let tag = instance.component.properties.last, tag.name == Self.memberName,
                      let index = Int(tag.value), events.indices.contains(index)
                else { return nil }
                let overlaps = switch timings[index] {
                case .span(let timing): filter.matches(timing.span(at: instance.startInstant))
                case .unreadable: false
                case .component: (try? filter.matches(instance.component, instanceStart: instance.startInstant)) ?? false
                }
                if overlaps { write(instance, from: events[index], context: context, to: &out) }
            }
        }
        out.append(contentsOf: "END:VCALENDAR\r\n".utf8)
        return out
    }

    /// One instance: the template with DTSTART, DTEND and RECURRENCE-ID replaced and the recurrence set dropped,
    /// as `RecurrenceExpansionRenderer.materialise` builds it.
    private func write(_ instance: RecurrenceInstance, from template: borrowing EventTemplate, context: TimeContext,
                       to out: inout [UInt8]) {
        var cursor = 0
        template.bytes.withUnsafeBufferPointer { bytes in
            func copy(to end: Int) {
                if end > cursor { out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[cursor..<end])) }
            }
            for mark in template.marks {
                copy(to: mark.start)
                cursor = mark.end
                switch mark.kind {
                case .recurrenceSet: break
                case .dtstart:
                    Self.appendInstanceProperty("DTSTART", .dtstart, RecurrenceExpansionRenderer.utc(instance.start, instance.startInstant),
                                                parameters: template.dtstart ?? [], to: &out)
                case .dtend:
                    Self.appendInstanceProperty("DTEND", .dtend, RecurrenceExpansionRenderer.utc(instance.end, instance.endInstant),
                                                parameters: template.dtend ?? [], to: &out)
                case .recurrenceID:
                    if let recurrenceID = instance.recurrenceID {
                        Self.appendRecurrenceID(recurrenceID, parameters: template.recurrenceID ?? [], context: context, to: &out)
                    } else {
                        cursor = mark.start  // kept as the template has it
                    }
                }
            }
            if template.recurrenceID == nil, let recurrenceID = instance.recurrenceID, let end = template.propertiesEnd {
                copy(to: end)
                cursor = end
                Self.appendRecurrenceID(recurrenceID, parameters: [], context: context, to: &out)
            }
            copy(to: bytes.count)
        }
    }

    /// `RecurrenceExpansionRenderer.instanceProperty` as the serializer writes it: straight to bytes when the
    /// template property has no parameters besides TZID and VALUE (the usual case), else through a `Property`.
    private static func appendInstanceProperty(_ name: StaticString, _ propertyName: PropertyName, _ value: DateTime,
                                               parameters: [Parameter], to out: inout [UInt8]) {
        guard parameters.allSatisfy({ $0.name == .tzid || $0.name == .value }) else {
            ICalendarSerializer.appendContentLine(
                Property(name: propertyName, dateTime: value, parameters: parameters), to: &out)
            return
        }
        appendDateLine(name, value, to: &out)
    }

    /// `RecurrenceExpansionRenderer.recurrenceIDProperty` as the serializer writes it.
    private static func appendRecurrenceID(_ value: DateTime, parameters: [Parameter], context: TimeContext,
                                           to out: inout [UInt8]) {
        let utc = RecurrenceExpansionRenderer.utc(value, context.instant(value))
        guard parameters.allSatisfy({ $0.name == .tzid || $0.name == .value || $0.name == .range }) else {
            var property = Property(name: .recurrenceID, dateTime: utc)
            property.parameters += parameters.filter { $0.name != .tzid && $0.name != .value && $0.name != .range }
            ICalendarSerializer.appendContentLine(property, to: &out)
            return
        }
        Self.appendDateLine("RECURRENCE-ID", utc, to: &out)
    }

    /// `NAME:value` or `NAME;VALUE=DATE:value` with CRLF: what `Property(name:dateTime:)` serialises to for a
    /// value that is not zoned (always shorter than a folded line).
    private static func appendDateLine(_ name: StaticString, _ value: DateTime, to out: inout [UInt8]) {
        // Assembled on the stack and appended in one piece: each `Array.append` costs more than the bytes.
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 160) { line in
            var count = name.withUTF8Buffer { name in
                _ = line.initialize(fromContentsOf: name)
                return name.count
            }
            if value.isDate {
                for byte in ";VALUE=DATE".utf8 { line[count] = byte; count += 1 }
            }
            line[count] = UInt8(ascii: ":")
            count = value.writeICalValue(into: line, at: count + 1)
            line[count] = 0x0D
            line[count + 1] = 0x0A
            out.append(contentsOf: UnsafeBufferPointer(rebasing: line[..<(count + 2)]))
        }
    }

    /// A property with a TZID as `RecurrenceExpansionRenderer.inUTC` and the serializer write it: its date-times in
    /// UTC and the TZID gone, or as it is when it holds periods or its values do not read. Written straight to
    /// bytes when TZID is its only parameter; `rules` are the TZID's.
    static func appendInUTC(_ property: Property, rules: any TimeZoneRules, context: TimeContext, to out: inout [UInt8]) {
        guard property.parameters.count == 1 else {
            ICalendarSerializer.appendContentLine(
                RecurrenceExpansionRenderer.inUTC(property, context: context) ?? property, to: &out)
            return
        }
        guard property.valueType != .period else {
            ICalendarSerializer.appendContentLine(property, to: &out)
            return
        }
        let start = out.count
        var name = property.name.rawValue
        name.withUTF8 { out.append(contentsOf: $0) }
        out.append(UInt8(ascii: ":"))
        var value = property.value
        guard value.withUTF8({ DateTime.appendInUTC($0, rules: rules, to: &out) }) else {
            out.removeSubrange(start...)
            ICalendarSerializer.appendContentLine(property, to: &out)
            return
        }
        if out.count - start > ICalendarSerializer.maxLineOctets {
            let line = Array(out[start...])
            out.removeSubrange(start...)
            line.withUnsafeBufferPointer { ICalendarSerializer.appendFolded($0, to: &out) }
        } else {
            out.append(0x0D); out.append(0x0A)
        }
    }

    /// The resolver of the base context with the object's zones (already found in it) answered first.
    struct ObjectZones: TimeZoneResolving {
        let base: any TimeZoneResolving
        let zones: Zones

        func rules(for tzid: String) -> (any TimeZoneRules)? {
            zones.rules(for: tzid) ?? base.rules(for: tzid)
        }
    }

    /// The TZIDs an object names, found in the tz database once each.
    struct Zones {
        var names: [String] = []
        var rules: [any TimeZoneRules] = []

        func rules(for tzid: String) -> (any TimeZoneRules)? {
            names.firstIndex(of: tzid).map { rules[$0] }
        }
    }

    /// Whether the bytes are UTF-8 the tree would read unchanged (it replaces invalid sequences): ASCII is skipped
    /// eight bytes at a time, and each multi-byte sequence checked as `String(validating:)` would (no overlong
    /// forms, no surrogates, nothing past U+10FFFF).
    static func isValidUTF8(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        guard let base = bytes.baseAddress else { return true }
        let raw = UnsafeRawPointer(base)
        let n = bytes.count
        var i = 0
        @inline(__always) func continuation(_ index: Int) -> Bool { index < n && bytes[index] & 0xC0 == 0x80 }
        while i < n {
            while i + 8 <= n, raw.loadUnaligned(fromByteOffset: i, as: UInt64.self) & 0x8080_8080_8080_8080 == 0 { i += 8 }
            guard i < n else { break }
            let b = bytes[i]
            if b < 0x80 {
                i += 1
            } else if b < 0xC2 {
                return false
            } else if b < 0xE0 {
                guard continuation(i + 1) else { return false }
                i += 2
            } else if b < 0xF0 {
                guard continuation(i + 1), continuation(i + 2) else { return false }
                let second = bytes[i + 1]
                if b == 0xE0 && second < 0xA0 || b == 0xED && second > 0x9F { return false }
                i += 3
            } else if b < 0xF5 {
                guard continuation(i + 1), continuation(i + 2), continuation(i + 3) else { return false }
                let second = bytes[i + 1]
                if b == 0xF0 && second < 0x90 || b == 0xF4 && second > 0x8F { return false }
                i += 4
            } else {
                return false
            }
        }
        return true
    }

    // MARK: The walk

    private enum Place { case calendar, timeZone, event }

    private struct Walk {
        let context: TimeContext
        /// The stored object being walked (valid while the walk runs).
        var source = UnsafeBufferPointer<UInt8>(start: nil, count: 0)
        /// BEGIN:VCALENDAR and the calendar's properties (the tree keeps them as they are, TZIDs included).
        var calendar: [UInt8] = []
        var events: [EventTemplate] = []
        var event = EventTemplate()
        var place: Place?
        /// Components open inside the current VTIMEZONE or VEVENT, innermost last.
        var nested: [ShortName] = []
        var finished = false
        /// TZIDs already found in the tz database (an object names one or two, on several lines).
        var zones = Zones()
        /// The first event's UID line: every event must have the same one (or none has one), so they form the one
        /// group the tree would make. (The recurrence then needs no UID: all the events are the object's.)
        var uid: [UInt8]?
        var eventsWithoutUID = 0
        /// Stored lines written as they are, not copied yet: a range of `source` that goes to `runTarget`, so
        /// consecutive lines are copied in one piece.
        var runStart = 0
        var runEnd = 0
        var runTarget = Target.calendar

        enum Target { case calendar, event }

        /// A component name of at most 16 bytes (STANDARD, DAYLIGHT, VALARM...), held without an allocation.
        struct ShortName: Equatable {
            var head: UInt64 = 0
            var tail: UInt64 = 0
            var count: Int

            init?(_ bytes: UnsafeBufferPointer<UInt8>) {
                guard bytes.count <= 16 else { return nil }
                count = bytes.count
                for (index, byte) in bytes.enumerated() {
                    if index < 8 { head |= UInt64(byte) << (8 * UInt64(index)) } else { tail |= UInt64(byte) << (8 * UInt64(index - 8)) }
                }
            }
        }

        init(context: TimeContext) {
            self.context = context
        }

        mutating func take(_ line: UnsafeBufferPointer<UInt8>) throws(Fallback) {
            // Inside a VTIMEZONE only BEGIN and END lines matter (for the nesting): the tree writes no VTIMEZONE,
            // and reads its zones from the tz database.
            if place == .timeZone, line.count <= ParseOptions.storedObject.maxLineLength, let first = line.first,
               first | 0x20 != UInt8(ascii: "b"), first | 0x20 != UInt8(ascii: "e") {
                return
            }
            guard !finished, line.count <= ParseOptions.storedObject.maxLineLength,
                  let nameEnd = Self.uppercaseNameEnd(line)
            else { throw Fallback() }
            let name = UnsafeBufferPointer(rebasing: line[..<nameEnd])
            if Self.equal(name, "BEGIN") {
                try begin(Self.componentName(line, nameEnd), line)
            } else if Self.equal(name, "END") {
                try end(Self.componentName(line, nameEnd), line)
            } else {
                switch place {
                case .calendar: try appendAsTheTreeWrites(line, nameEnd, to: .calendar)
                case .timeZone: break
                case .event:
                    if nested.isEmpty {
                        try takeEventProperty(name, line)
                    } else {
                        try appendConverted(line, nameEnd)
                    }
                case nil: throw Fallback()
                }
            }
        }

        /// Writes the pending run of stored lines.
        mutating func flush() {
            guard runEnd > runStart else { return }
            let bytes = UnsafeBufferPointer(rebasing: source[runStart..<runEnd])
            switch runTarget {
            case .calendar: calendar.append(contentsOf: bytes)
            case .event: event.bytes.append(contentsOf: bytes)
            }
            runStart = 0
            runEnd = 0
        }

        /// A line written as `ICalendarSerializer.appendFolded` writes it. A line that is stored unfolded with CRLF
        /// and needs no folding is those very bytes: it joins the run when it follows it.
        mutating func appendStored(_ line: UnsafeBufferPointer<UInt8>, to target: Target) {
            if line.count <= ICalendarSerializer.maxLineOctets, let base = line.baseAddress,
               let sourceBase = source.baseAddress, base >= sourceBase {
                let offset = sourceBase.distance(to: base)
                let end = offset + line.count
                if end + 2 <= source.count, source[end] == 0x0D, source[end + 1] == 0x0A {
                    if runEnd == offset, runEnd > runStart, runTarget == target {
                        runEnd = end + 2
                    } else {
                        flush()
                        runStart = offset
                        runEnd = end + 2
                        runTarget = target
                    }
                    return
                }
            }
            flush()
            switch target {
            case .calendar: ICalendarSerializer.appendFolded(line, to: &calendar)
            case .event: ICalendarSerializer.appendFolded(line, to: &event.bytes)
            }
        }

        private mutating func begin(_ component: UnsafeBufferPointer<UInt8>,
                                    _ line: UnsafeBufferPointer<UInt8>) throws(Fallback) {
            switch place {
            case nil:
                guard Self.equal(component, "VCALENDAR") else { throw Fallback() }
                place = .calendar
                calendar.reserveCapacity(256)
                appendStored(line, to: .calendar)
            case .calendar:
                if Self.equal(component, "VTIMEZONE") {
                    place = .timeZone
                } else if Self.equal(component, "VEVENT") {
                    flush()
                    place = .event
                    event = EventTemplate()
                    // One allocation each for what a typical event holds, instead of growing 1, 2, 4, 8...
                    event.bytes.reserveCapacity(1_024)
                    event.marks.reserveCapacity(8)
                    event.timing.properties.reserveCapacity(8)
                    appendStored(line, to: .event)
                } else {
                    throw Fallback()
                }
            case .timeZone, .event:
                guard nested.count < 8 else { throw Fallback() }
                if place == .event {
                    if event.propertiesEnd == nil {
                        flush()
                        event.propertiesEnd = event.bytes.count
                    }
                    appendStored(line, to: .event)
                }
                guard let name = ShortName(component) else { throw Fallback() }
                nested.append(name)
            }
        }

        private mutating func end(_ component: UnsafeBufferPointer<UInt8>,
                                  _ line: UnsafeBufferPointer<UInt8>) throws(Fallback) {
            if let open = nested.last {
                guard ShortName(component) == open else { throw Fallback() }
                nested.removeLast()
                if place == .event { appendStored(line, to: .event) }
                return
            }
            switch place {
            case nil: throw Fallback()
            case .calendar:
                guard Self.equal(component, "VCALENDAR") else { throw Fallback() }
                flush()
                finished = true
            case .timeZone:
                guard Self.equal(component, "VTIMEZONE") else { throw Fallback() }
                place = .calendar
            case .event:
                guard Self.equal(component, "VEVENT"), event.dtstart != nil else { throw Fallback() }
                if !event.hasUID { eventsWithoutUID += 1 }
                guard uid == nil || eventsWithoutUID == 0 else { throw Fallback() }
                if event.propertiesEnd == nil {
                    flush()
                    event.propertiesEnd = event.bytes.count
                }
                appendStored(line, to: .event)
                flush()
                events.append(event)
                place = .calendar
            }
        }

        /// A property of the event itself: the ones the recurrence reads are parsed and marked.
        private mutating func takeEventProperty(_ name: UnsafeBufferPointer<UInt8>,
                                                _ line: UnsafeBufferPointer<UInt8>) throws(Fallback) {
            // The tree writes properties before sub-components, whatever order they were stored in.
            guard event.propertiesEnd == nil else { throw Fallback() }
            if Self.equal(name, "UID") {
                guard !event.hasUID else { throw Fallback() }
                event.hasUID = true
                if let uid {
                    guard uid.elementsEqual(line) else { throw Fallback() }
                } else {
                    guard eventsWithoutUID == 0 else { throw Fallback() }
                    uid = Array(line)
                }
            }
            guard let kind = Self.timingKind(name) else {
                try appendConverted(line, name.count)
                return
            }
            guard let property = Self.simpleProperty(line, name.count) ?? (try? Property(contentLine: line))
            else { throw Fallback() }
            flush()
            let start = event.bytes.count
            if kind == .recurrenceSet, let tzid = property.tzid {
                _ = try zone(tzid)
                if Self.equal(name, "RRULE") || Self.equal(name, "RDATE") { event.recurs = true }
                event.deferred.append((start, property))
                event.marks.append(Mark(kind: .recurrenceSet, start: start, end: start))
                event.timing.properties.append(property)
                return
            }
            if property.tzid != nil {
                try appendInUTC(property)
            } else if line[name.count] == UInt8(ascii: ":") {
                appendStored(line, to: .event)
                flush()
            } else {
                ICalendarSerializer.appendContentLine(property, to: &event.bytes)
            }
            let end = event.bytes.count
            if kind == .recurrenceID || (kind == .recurrenceSet && (Self.equal(name, "RRULE") || Self.equal(name, "RDATE"))) {
                event.recurs = true
            }
            switch kind {
            case .dtstart:
                guard event.dtstart == nil else { throw Fallback() }
                event.dtstart = property.parameters
                event.marks.append(Mark(kind: .dtstart, start: start, end: end))
            case .dtend:
                guard event.dtend == nil else { throw Fallback() }
                event.dtend = property.parameters
                event.marks.append(Mark(kind: .dtend, start: start, end: end))
            case .recurrenceID:
                guard event.recurrenceID == nil else { throw Fallback() }
                event.recurrenceID = property.parameters
                event.marks.append(Mark(kind: .recurrenceID, start: start, end: end))
            case .recurrenceSet:
                event.marks.append(Mark(kind: .recurrenceSet, start: start, end: end))
            case nil:
                break
            }
            event.timing.properties.append(property)
        }

        /// A line of the event or its sub-components that the recurrence does not read, added to the event: with a
        /// TZID in UTC, else as the tree writes it.
        private mutating func appendConverted(_ line: UnsafeBufferPointer<UInt8>, _ nameEnd: Int) throws(Fallback) {
            // Only a line with parameters, one of them TZID, can have a zoned date-time (ATTENDEE;CN=... cannot).
            guard line[nameEnd] == UInt8(ascii: ";") else {
                appendStored(line, to: .event)
                return
            }
            var namesTZID = false
            if Self.parametersRoundTrip(line, from: nameEnd, namesTZID: &namesTZID) {
                guard namesTZID else {
                    appendStored(line, to: .event)
                    return
                }
            } else if !Self.mentionsTZID(line) {
                try appendAsTheTreeWrites(line, nameEnd, to: .event)
                return
            }
            guard let property = try? Property(contentLine: line) else { throw Fallback() }
            flush()
            guard property.tzid != nil else {
                ICalendarSerializer.appendContentLine(property, to: &event.bytes)
                return
            }
            try appendInUTC(property)
        }

        /// A property with a TZID added to the event as `RecurrenceExpansionRenderer.inUTC` and the serializer
        /// write it: its date-times in UTC and the TZID gone, or as it is when it holds periods or its values do not
        /// read. Written straight to bytes when TZID is its only parameter, with the zone looked up once per object.
        private mutating func appendInUTC(_ property: Property) throws(Fallback) {
            guard let tzid = property.tzid else { return }
            let rules = try zone(tzid)
            flush()
            let context = context
            StoredObjectExpansion.appendInUTC(property, rules: rules, context: context, to: &event.bytes)
        }

        /// The rules of a TZID the tz database knows, which read the same with or without the object's VTIMEZONEs
        /// (one only the object defines is left to the tree).
        private mutating func zone(_ tzid: String) throws(Fallback) -> any TimeZoneRules {
            if let known = zones.rules(for: tzid) { return known }
            guard let rules = context.resolver.rules(for: tzid) else { throw Fallback() }
            zones.names.append(tzid)
            zones.rules.append(rules)
            return rules
        }

        /// A line copied as stored when the tree's serializer would write the same bytes, else read and written
        /// as the serializer does.
        mutating func appendAsTheTreeWrites(_ line: UnsafeBufferPointer<UInt8>, _ nameEnd: Int,
                                            to target: Target) throws(Fallback) {
            if line[nameEnd] == UInt8(ascii: ":") || Self.parametersRoundTrip(line, from: nameEnd) {
                appendStored(line, to: target)
                return
            }
            guard let property = try? Property(contentLine: line) else { throw Fallback() }
            flush()
            switch target {
            case .calendar: ICalendarSerializer.appendContentLine(property, to: &calendar)
            case .event: ICalendarSerializer.appendContentLine(property, to: &event.bytes)
            }
        }

        /// Whether the parameters from `start` (a ';') are written back unchanged by the serializer: uppercase
        /// names, no caret escapes, and quotes exactly around the values that need them (a ':', ';' or ',').
        static func parametersRoundTrip(_ line: UnsafeBufferPointer<UInt8>, from start: Int) -> Bool {
            var namesTZID = false
            return parametersRoundTrip(line, from: start, namesTZID: &namesTZID)
        }

        /// `parametersRoundTrip`, also telling whether a parameter is TZID (when the answer is true: the names are
        /// then in uppercase).
        static func parametersRoundTrip(_ line: UnsafeBufferPointer<UInt8>, from start: Int, namesTZID: inout Bool) -> Bool {
            var i = start
            let n = line.count
            while i < n && line[i] == UInt8(ascii: ";") {
                i += 1
                let nameStart = i
                while i < n, line[i] != UInt8(ascii: "=") {
                    let b = line[i]
                    guard (b >= 0x41 && b <= 0x5A) || (b >= 0x30 && b <= 0x39) || b == 0x2D else { return false }
                    i += 1
                }
                guard i > nameStart, i < n else { return false }
                if i - nameStart == 4 && line[nameStart] == UInt8(ascii: "T") && line[nameStart + 1] == UInt8(ascii: "Z")
                    && line[nameStart + 2] == UInt8(ascii: "I") && line[nameStart + 3] == UInt8(ascii: "D") {
                    namesTZID = true
                }
                i += 1
                while true {
                    if i < n, line[i] == UInt8(ascii: "\"") {
                        var needsQuotes = false
                        i += 1
                        while i < n, line[i] != UInt8(ascii: "\"") {
                            switch line[i] {
                            case UInt8(ascii: ":"), UInt8(ascii: ";"), UInt8(ascii: ","): needsQuotes = true
                            case UInt8(ascii: "^"): return false
                            default: break
                            }
                            i += 1
                        }
                        guard needsQuotes, i < n else { return false }
                        i += 1
                    } else {
                        while i < n, line[i] != UInt8(ascii: ","), line[i] != UInt8(ascii: ";"), line[i] != UInt8(ascii: ":") {
                            if line[i] == UInt8(ascii: "^") || line[i] == UInt8(ascii: "\"") { return false }
                            i += 1
                        }
                    }
                    guard i < n else { return false }
                    if line[i] == UInt8(ascii: ",") { i += 1; continue }
                    break
                }
            }
            return i < n && line[i] == UInt8(ascii: ":")
        }

        /// The properties the recurrence reads, with the mark an instance needs (none for DURATION and STATUS,
        /// read but left as they are); nil for the rest.
        /// `Property(contentLine:)` for the commonest shapes of the properties the recurrence reads, `NAME:value`
        /// and `NAME;TZID=zone:value` (an unquoted zone without ',', ';' or '^'), without the general scanner; nil
        /// for any other line. The name is already known to be uppercase letters, digits and '-', and the object
        /// valid UTF-8.
        static func simpleProperty(_ line: UnsafeBufferPointer<UInt8>, _ nameEnd: Int) -> Property? {
            let name = PropertyName(uppercased: String(decoding: UnsafeBufferPointer(rebasing: line[..<nameEnd]), as: UTF8.self))
            if line[nameEnd] == UInt8(ascii: ":") {
                return Property(name: name, value: String(decoding: UnsafeBufferPointer(rebasing: line[(nameEnd + 1)...]), as: UTF8.self))
            }
            let n = line.count
            guard nameEnd + 6 < n, line[nameEnd + 1] == UInt8(ascii: "T"), line[nameEnd + 2] == UInt8(ascii: "Z"),
                  line[nameEnd + 3] == UInt8(ascii: "I"), line[nameEnd + 4] == UInt8(ascii: "D"),
                  line[nameEnd + 5] == UInt8(ascii: "=")
            else { return nil }
            let zoneStart = nameEnd + 6
            var i = zoneStart
            while i < n, line[i] != UInt8(ascii: ":") {
                switch line[i] {
                case UInt8(ascii: ";"), UInt8(ascii: ","), UInt8(ascii: "\""), UInt8(ascii: "^"): return nil
                default: i += 1
                }
            }
            guard i < n, i > zoneStart else { return nil }
            let zone = String(decoding: UnsafeBufferPointer(rebasing: line[zoneStart..<i]), as: UTF8.self)
            return Property(name: name, parameters: [Parameter(.tzid, zone)],
                            value: String(decoding: UnsafeBufferPointer(rebasing: line[(i + 1)...]), as: UTF8.self))
        }

        static func timingKind(_ name: UnsafeBufferPointer<UInt8>) -> Mark.Kind?? {
            switch name.first {
            case UInt8(ascii: "D"):
                if equal(name, "DTSTART") { return .some(.dtstart) }
                if equal(name, "DTEND") { return .some(.dtend) }
                if equal(name, "DURATION") { return .some(nil) }
            case UInt8(ascii: "R"):
                if equal(name, "RRULE") || equal(name, "RDATE") { return .some(.recurrenceSet) }
                if equal(name, "RECURRENCE-ID") { return .some(.recurrenceID) }
            case UInt8(ascii: "E"):
                if equal(name, "EXDATE") || equal(name, "EXRULE") { return .some(.recurrenceSet) }
            case UInt8(ascii: "S"):
                if equal(name, "STATUS") { return .some(nil) }
            default: break
            }
            return nil
        }

        /// The component name after BEGIN: or END:, which must be written as the tree writes it (uppercase).
        static func componentName(_ line: UnsafeBufferPointer<UInt8>, _ nameEnd: Int) throws(Fallback) -> UnsafeBufferPointer<UInt8> {
            guard line[nameEnd] == UInt8(ascii: ":"), nameEnd + 1 < line.count else { throw Fallback() }
            let value = UnsafeBufferPointer(rebasing: line[(nameEnd + 1)...])
            for b in value {
                guard (b >= 0x41 && b <= 0x5A) || (b >= 0x30 && b <= 0x39) || b == 0x2D else { throw Fallback() }
            }
            return value
        }

        /// Where the line's name ends (at its first ';' or ':'), when the name is written as the tree writes it:
        /// uppercase letters, digits and '-'.
        static func uppercaseNameEnd(_ line: UnsafeBufferPointer<UInt8>) -> Int? {
            var end = 0
            while end < line.count, line[end] != UInt8(ascii: ";"), line[end] != UInt8(ascii: ":") {
                let b = line[end]
                guard (b >= 0x41 && b <= 0x5A) || (b >= 0x30 && b <= 0x39) || b == 0x2D else { return nil }
                end += 1
            }
            return end > 0 && end < line.count ? end : nil
        }

        /// Whether "TZID" appears anywhere in the line, in any case (a parameter name is case-insensitive).
        static func mentionsTZID(_ line: UnsafeBufferPointer<UInt8>) -> Bool {
            guard line.count >= 4 else { return false }
            for start in 0...(line.count - 4) where line[start] | 0x20 == UInt8(ascii: "t")
                && line[start + 1] | 0x20 == UInt8(ascii: "z") && line[start + 2] | 0x20 == UInt8(ascii: "i")
                && line[start + 3] | 0x20 == UInt8(ascii: "d") {
                return true
            }
            return false
        }

        static func equal(_ bytes: UnsafeBufferPointer<UInt8>, _ text: StaticString) -> Bool {
            text.withUTF8Buffer { $0.elementsEqual(bytes) }
        }
    }
}
