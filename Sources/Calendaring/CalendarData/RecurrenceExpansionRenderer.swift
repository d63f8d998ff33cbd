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
            // The master is prepared once for all the instances it generates.
            var preparedMaster: Component?
            for instance in expansion.instances
            where (try? filter.matches(instance.component, instanceStart: instance.startInstant)) ?? false {
                let template: Component
                if instance.source == .master {
                    template = preparedMaster ?? prepared(instance.component)
                    preparedMaster = template
                } else {
                    template = prepared(instance.component)
                }
                result.components.append(materialise(instance, from: template))
            }
        }
        return result
    }

    /// The component an instance takes its properties from, made ready to stand alone: no RRULE, RDATE, EXRULE or
    /// EXDATE, and its zoned date-times in UTC.
    private func prepared(_ component: Component) -> Component {
        var component = component
        component.properties.removeAll { [PropertyName.rrule, .rdate, .exrule, .exdate].contains($0.name) }
        return utc(component)
    }

    /// One instance as a stand-alone component: its `prepared` component with the instance's start, end and
    /// RECURRENCE-ID (all in UTC, or DATE / floating as written).
    private func materialise(_ instance: RecurrenceInstance, from template: Component) -> Component {
        var component = template
        if component.name == .vtodo && component.property(.dtstart) == nil {
            // A to-do that recurs from DUE: the instance start is its due time.
            set(.due, in: &component, to: instance.start, at: instance.startInstant)
        } else {
            set(.dtstart, in: &component, to: instance.start, at: instance.startInstant)
            let endName: PropertyName = component.name == .vtodo ? .due : .dtend
            set(endName, in: &component, to: instance.end, at: instance.endInstant, onlyIfPresent: true)
        }
        if let recurrenceID = instance.recurrenceID {
            component.setProperty(.recurrenceID, Self.recurrenceIDProperty(
                recurrenceID, parameters: component.property(.recurrenceID)?.parameters ?? [], context: context))
        }
        return component
    }

    /// An instance's DTSTART, DTEND or DUE: the value in UTC when zoned, with the template property's parameters
    /// other than TZID and VALUE (`Property(name:dateTime:parameters:)` sets those to match the value).
    static func instanceProperty(_ name: PropertyName, _ value: DateTime, at instant: Instant,
                                 parameters: [Parameter]) -> Property {
        Property(name: name, dateTime: utc(value, instant), parameters: parameters)
    }

    /// An instance's RECURRENCE-ID (in UTC when zoned), keeping the template RECURRENCE-ID's parameters other than
    /// TZID, VALUE and RANGE.
    static func recurrenceIDProperty(_ value: DateTime, parameters: [Parameter], context: TimeContext) -> Property {
        var property = Property(name: .recurrenceID, dateTime: utc(value, context.instant(value)))
        property.parameters += parameters.filter { $0.name != .tzid && $0.name != .value && $0.name != .range }
        return property
    }

    private func set(_ name: PropertyName, in component: inout Component, to value: DateTime, at instant: Instant,
                     onlyIfPresent: Bool = false) {
        let index = component.properties.firstIndex { $0.name == name }
        if index == nil && onlyIfPresent { return }
        let parameters = index.map { component.properties[$0].parameters } ?? []
        let property = Self.instanceProperty(name, value, at: instant, parameters: parameters)
        // One such property (the usual case) is replaced where it stands; otherwise setProperty drops the others.
        if let index, !component.properties[(index + 1)...].contains(where: { $0.name == name }) {
            component.properties[index] = property
        } else {
            component.setProperty(name, property)
        }
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
            if let converted = Self.inUTC(result.properties[index], context: context) {
                result.properties[index] = converted
            }
        }
        for index in result.components.indices { result.components[index] = utc(result.components[index]) }
        return result
    }

    /// A property with a TZID, its date-times rewritten in UTC and the TZID gone; nil when it has no TZID, holds
    /// periods, or its values do not read as date-times (it is then returned as it is).
    static func inUTC(_ property: Property, context: TimeContext) -> Property? {
        guard property.tzid != nil, property.valueType != .period, let values = try? property.dateTimes() else {
            return nil
        }
        var converted = property
        converted[parameter: .tzid] = nil
        converted.value = values.map { utc($0, context.instant($0)).icalValue }.joined(separator: ",")
        return converted
    }
}
