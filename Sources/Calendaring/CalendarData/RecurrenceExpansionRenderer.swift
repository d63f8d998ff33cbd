import ICalendar
import ICalendarRecurrence

/// CALDAV:expand: a calendar object rewritten as one component per recurrence instance in a range.
///
/// Spec: RFC 4791 §9.6.5 — instances are chosen with the CALDAV:time-range logic (§9.9, `TimeRangeFilter`); each
/// carries RECURRENCE-ID (every instance of a recurring series gets one, the first too, so clients can always tell
/// them apart), no RRULE, RDATE, EXRULE or EXDATE, no VTIMEZONE, and every date-time with a TZID converted to UTC.
/// DATEs and floating times refer to no zone and stay as written. Non-recurring components are returned (converted
/// to UTC) when they overlap the range, like an instance; components without time semantics (VFREEBUSY, X-) stay.
struct RecurrenceExpansionRenderer {
    let range: TimeRange
    let context: TimeContext

    func expand(_ calendar: Component) -> Component {
        var result = calendar
        result.components = []
        let filter = TimeRangeFilter(range: range, context: context)
        var done: Set<Int> = []
        for (index, component) in calendar.components.enumerated() where !done.contains(index) {
            guard component.name != .vtimezone else { continue }
            guard FilterEvaluator.recurringTypes.contains(component.name) else {
                result.components.append(utc(component))
                continue
            }
            let uid = component.property(.uid)?.value
            let group = calendar.components.indices.filter {
                calendar.components[$0].name == component.name && calendar.components[$0].property(.uid)?.value == uid
            }
            done.formUnion(group)
            let members = group.map { calendar.components[$0] }
            guard ObjectRecurrence.isRecurring(members),
                let expansion = ObjectRecurrence(members: members, context: context).instances(overlapping: range)
            else {
                for member in members where (try? filter.matches(member)) ?? false { result.components.append(utc(member)) }
                continue
            }
            for instance in expansion.instances
            where (try? filter.matches(instance.component, instanceStart: instance.startInstant)) ?? false {
                result.components.append(materialise(instance))
            }
        }
        return result
    }

    /// One instance as a stand-alone component.
    private func materialise(_ instance: RecurrenceInstance) -> Component {
        var component = instance.component
        for name in [PropertyName.rrule, .rdate, .exrule, .exdate] { component.removeProperties(name) }
        if component.name == .vtodo && component.property(.dtstart) == nil {
            // A to-do that recurs from DUE: the instance start is its due time.
            set(.due, in: &component, to: instance.start, at: instance.startInstant)
        } else {
            set(.dtstart, in: &component, to: instance.start, at: instance.startInstant)
            let endName: PropertyName = component.name == .vtodo ? .due : .dtend
            if component.property(endName) != nil { set(endName, in: &component, to: instance.end, at: instance.endInstant) }
        }
        if let recurrenceID = instance.recurrenceID {
            var property = Property(name: .recurrenceID, dateTime: Self.utc(recurrenceID, context.instant(recurrenceID)))
            property.parameters += (component.property(.recurrenceID)?.parameters ?? []).filter {
                $0.name != .tzid && $0.name != .value && $0.name != .range
            }
            component.setProperty(.recurrenceID, property)
        }
        return utc(component)
    }

    private func set(_ name: PropertyName, in component: inout Component, to value: DateTime, at instant: Instant) {
        let parameters = component.property(name)?.parameters ?? []
        component.setProperty(name, Property(name: name, dateTime: Self.utc(value, instant), parameters: parameters))
    }

    /// A zoned value as UTC; DATE, floating and UTC values unchanged.
    static func utc(_ value: DateTime, _ instant: Instant) -> DateTime {
        if case .zoned = value { return .utc(instant.utc) }
        return value
    }

    /// Every DATE-TIME with a TZID in the component and its sub-components (VALARM) rewritten in UTC.
    private func utc(_ component: Component) -> Component {
        var result = component
        // In place: most properties carry no TZID and are left as they are, uncopied.
        for index in result.properties.indices where result.properties[index].tzid != nil {
            let property = result.properties[index]
            guard property.valueType != .period, let values = try? property.dateTimes() else { continue }
            let converted = values.map { Self.utc($0, context.instant($0)).icalValue }
            result.properties[index][parameter: .tzid] = nil
            result.properties[index].value = converted.joined(separator: ",")
        }
        for index in result.components.indices { result.components[index] = utc(result.components[index]) }
        return result
    }
}
