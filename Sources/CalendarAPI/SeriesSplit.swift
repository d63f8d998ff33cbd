import ICalendar
import ICalendarRecurrence

/// "This and following": a series cut at one instance into the part before it, which now ends there, and a new
/// series (a new UID) that starts with it and carries the rest: the rule's remaining count or its end, the RDATEs,
/// EXDATEs and overrides from that instance on, the attendees and everything else the master holds.
///
/// Spec: RFC 5545 §3.8.5.3 (UNTIL in UTC when DTSTART has a zone, a DATE when it is a DATE; COUNT and UNTIL never
/// both), §3.8.4.4 (an override belongs to the series whose instance its RECURRENCE-ID names), RFC 5546 §2.1.4 (a
/// new UID is a new event for the attendees).
struct SeriesSplit {
    let context: TimeContext

    /// The two parts, or nil when `original` is the series' first instance (the change is then the whole series).
    func split(_ document: EventDocument, at original: DateTime, newUID: String, now: Instant)
        throws(APIError) -> (earlier: EventDocument, later: EventDocument)? {
        guard let masterIndex = document.masterIndex,
              let start = try? document.calendar.components[masterIndex].property(.dtstart)?.dateTime() else {
            throw APIError.invalid("This event has no series to split.")
        }
        let cut = context.instant(original)
        guard cut > context.instant(start) else { return nil }
        let master = document.calendar.components[masterIndex]

        var earlierMaster = master
        var laterMaster = master
        EventEditor.removeRecurrence(from: &earlierMaster)
        EventEditor.removeRecurrence(from: &laterMaster)
        let before = try occurrencesBefore(cut, of: master)
        for property in master.properties {
            switch property.name {
            case .rrule, .exrule:
                guard var rule = try? property.recurrenceRule(tzid: start.tzid) else {
                    throw APIError.invalid("The series' rule cannot be read, so it cannot be split.")
                }
                var laterRule = rule
                if let count = rule.count {
                    rule.count = before
                    laterRule.count = max(1, count - before)
                } else {
                    rule.until = start.isDate ? .date(original.date.adding(days: -1)) : .utc(cut.adding(seconds: -1).utc)
                }
                earlierMaster.properties.append(Property(name: property.name, parameters: property.parameters,
                                                         value: rule.icalValue))
                laterMaster.properties.append(Property(name: property.name, parameters: property.parameters,
                                                       value: laterRule.icalValue))
            case .rdate, .exdate:
                let (early, late) = divided(property, at: cut)
                if let early { earlierMaster.properties.append(early) }
                if let late { laterMaster.properties.append(late) }
            default:
                continue
            }
        }
        // The new series starts at the instance, as long as the series' events are.
        let shift = cut.secondsSinceEpoch - context.instant(start).secondsSinceEpoch
        laterMaster.setProperty(.dtstart, Property(name: .dtstart, dateTime: original,
                                                   parameters: master.property(.dtstart)?.parameters ?? []))
        if let end = try? master.property(.dtend)?.dateTime() {
            let moved: DateTime = if case .date(let date) = end {
                .date(date.adding(days: Int(shift / 86_400)))
            } else {
                EventTimes.same(form: end, at: context.instant(end).adding(seconds: shift), context: context)
            }
            laterMaster.setProperty(.dtend, Property(name: .dtend, dateTime: moved,
                                                     parameters: master.property(.dtend)?.parameters ?? []))
        }
        let stamp = DateTime.utc(now.utc)
        laterMaster.setProperty(.uid, Property(name: .uid, text: newUID))
        laterMaster.setProperty(.sequence, Property(name: .sequence, value: "0"))
        laterMaster.setProperty(.created, Property(name: .created, dateTime: stamp))
        laterMaster.setProperty(.dtstamp, Property(name: .dtstamp, dateTime: stamp))

        var earlier = document
        earlier.calendar.components[masterIndex] = earlierMaster
        var later = EventDocument(calendar: Component(name: .vcalendar, properties: document.calendar.properties,
                                                      components: document.calendar.components(.vtimezone)))
        later.calendar.components.append(laterMaster)
        // Overrides of instances from the cut on belong to the new series.
        earlier.calendar.components.removeAll { component in
            guard component.name == .vevent, let id = try? component.property(.recurrenceID)?.dateTime(),
                  context.instant(id) >= cut else { return false }
            var moved = component
            moved.setProperty(.uid, Property(name: .uid, text: newUID))
            later.calendar.components.append(moved)
            return true
        }
        return (earlier, later)
    }

    /// How many instances the rule alone (no RDATE, no EXDATE) makes before `cut`: what COUNT has used up.
    private func occurrencesBefore(_ cut: Instant, of master: Component) throws(APIError) -> Int {
        var rule = master
        rule.properties.removeAll { $0.name == .rdate || $0.name == .exdate || $0.name == .exrule }
        let expander = RecurrenceExpander(resolver: context.resolver, floating: context.floating,
                                          limits: ExpansionLimits(maxInstances: 100_000))
        guard let expansion = try? expander.instances(of: [rule], in: TimeRange(start: nil, end: cut)) else {
            throw APIError.invalid("The series' rule cannot be expanded, so it cannot be split.")
        }
        return expansion.instances.filter { $0.startInstant < cut }.count
    }

    /// An RDATE or EXDATE property's values before `cut` and from it on, each as a property (nil when empty).
    private func divided(_ property: Property, at cut: Instant) -> (Property?, Property?) {
        let values = property.value.split(separator: ",").map(String.init)
        var early: [String] = []
        var late: [String] = []
        for value in values {
            let first = value.split(separator: "/").first.map(String.init) ?? value
            let time = try? DateTime.parse(first, tzid: property.tzid,
                                           valueType: property[parameter: .value]?.uppercased() == "DATE" ? .date : nil)
            if let time, context.instant(time) >= cut { late.append(value) } else { early.append(value) }
        }
        let made = { (values: [String]) -> Property? in
            values.isEmpty ? nil : Property(name: property.name, parameters: property.parameters,
                                            value: values.joined(separator: ","))
        }
        return (made(early), made(late))
    }
}
