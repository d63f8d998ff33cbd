import CalendarStore
import ICalendar
import ICalendarRecurrence

/// A free/busy query (the CALDAV:free-busy-query REPORT): busy time over a range from the events and VFREEBUSY
/// components of a calendar.
///
/// Spec: RFC 4791 §7.10 — the range has both start and end; the answer is a VCALENDAR with one VFREEBUSY whose DTSTART and
/// DTEND are the range, holding only FREEBUSY periods: VEVENT instances by TRANSP and STATUS (TRANSPARENT and
/// CANCELLED add nothing, TENTATIVE is BUSY-TENTATIVE), stored VFREEBUSY periods by FBTYPE, overlapping periods of a
/// type coalesced. VTODO, VJOURNAL and everything else add nothing. Recurring events count instance by instance.
public struct FreeBusyQuery: Sendable, Hashable {
    public var start: Instant
    public var end: Instant

    public init(start: Instant, end: Instant) {
        self.start = start
        self.end = end
    }

    public var range: TimeRange { TimeRange(start: start, end: end) }

    /// The window for `CalendarStore.objects(calendarID:componentType:overlapping:)` (an `ObjectQuery` window), once per component type
    /// (VEVENT, then VFREEBUSY).
    public var window: TimeWindow { TimeWindow(start: start.secondsSinceEpoch, end: end.secondsSinceEpoch) }

    /// The busy periods of `objects` (parsed calendar objects) in the range.
    public func result(for objects: [Component], context: TimeContext) -> FreeBusyResult {
        let calculator = FreeBusyCalculator(context: context)
        var candidates: [FreeBusyCandidate] = []
        for calendar in objects {
            let objectContext = context.resolving(embeddedZonesOf: calendar)
            for candidate in self.candidates(in: calendar, context: objectContext) {
                // One unreadable object must not spoil everyone's answer: skip what the calculator cannot read.
                if (try? FreeBusyCalculator(context: objectContext).busyPeriods(of: candidate)) != nil { candidates.append(candidate) }
            }
        }
        return (try? calculator.compute(from: start, to: end, candidates: candidates))
            ?? FreeBusyResult(start: start, end: end, periods: [])
    }

    /// The iCalendar text of the response body: a VCALENDAR holding the VFREEBUSY, stamped `now`.
    public func response(for objects: [Component], context: TimeContext, now: Instant) -> String {
        let freeBusy = result(for: objects, context: context).component(dtstamp: now)
        let calendar = Component(name: .vcalendar, properties: [
            Property(name: .version, value: "2.0"),
            Property(name: .prodid, value: Self.productID),
        ], components: [freeBusy])
        return calendar.serialized
    }

    static let productID = "-//Almanac//CalDAV Server//EN"

    /// VEVENT instances (with their times resolved in the object's context, so the calculator needs no zones) and
    /// stored VFREEBUSY components.
    private func candidates(in calendar: Component, context: TimeContext) -> [FreeBusyCandidate] {
        var result: [FreeBusyCandidate] = []
        let events = calendar.components(.vevent)
        var seen: Set<String?> = []
        for event in events where seen.insert(event.property(.uid)?.value).inserted {
            let uid = event.property(.uid)?.value
            let members = events.filter { $0.property(.uid)?.value == uid }
            if ObjectRecurrence.isRecurring(members),
                let expansion = ObjectRecurrence(members: members, context: context).instances(overlapping: range, margin: 0) {
                result += expansion.instances.map {
                    FreeBusyCandidate(component: $0.component, start: $0.startInstant, end: $0.endInstant)
                }
                continue
            }
            for member in members {
                guard case .event(let start, let end)? = try? InstanceSpan(member, context: context) else { continue }
                result.append(FreeBusyCandidate(component: member, start: start, end: end))
            }
        }
        result += calendar.components(.vfreebusy).map { FreeBusyCandidate(component: $0) }
        return result
    }
}
