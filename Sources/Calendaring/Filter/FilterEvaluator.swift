import ICalendar
import ICalendarRecurrence

/// Matches a parsed filter against one calendar object.
///
/// Spec: RFC 4791 §9.7.1 and §9.9. Each component is judged on its own: the master by the instances it generates,
/// an override by the instance it describes (and the later ones a THISANDFUTURE override governs); prop-filters
/// and nested comp-filters then read that same component. A VALARM is judged on the instances of its parent.
/// Values that cannot be read make a test fail rather than the query.
struct FilterEvaluator {
    let calendar: Component
    let context: TimeContext

    /// `filter` applied to the components of its name in `scope` (nil: the calendar object itself).
    func matches(_ filter: CompFilter, scope: Component?) -> Bool {
        let candidates = scope.map { $0.components(filter.name) } ?? (calendar.name == filter.name ? [calendar] : [])
        if filter.isNotDefined { return candidates.isEmpty }
        return candidates.contains { component($0, matches: filter, parent: scope) }
    }

    private func component(_ component: Component, matches filter: CompFilter, parent: Component?) -> Bool {
        var tests: [() -> Bool] = []
        if let range = filter.timeRange { tests.append { overlaps(component, range, parent: parent) } }
        if component.name == .vcalendar {
            tests += filter.propFilters.map { prop in { prop.matches(calendar: component, context: context) } }
        } else {
            tests += filter.propFilters.map { prop in { prop.matches(component, context: context) } }
        }
        tests += filter.compFilters.map { child in { matches(child, scope: component) } }
        return filter.test.combine(tests)
    }

    private func overlaps(_ component: Component, _ range: TimeRange, parent: Component?) -> Bool {
        if component.name == .valarm, let parent { return alarm(component, of: parent, firesIn: range) }
        if component.name == .vcalendar {
            return component.components.contains { Self.timedTypes.contains($0.name) && overlaps($0, range, parent: component) }
        }
        let filter = TimeRangeFilter(range: range, context: context)
        guard Self.recurringTypes.contains(component.name), let recurrence = recurrence(of: component),
            let expansion = recurrence.instances(overlapping: range)
        else { return (try? filter.matches(component)) ?? false }
        return expansion.instances.contains { instance in
            instance.component == component && ((try? filter.matches(component, instanceStart: instance.startInstant)) ?? false)
        }
    }

    private func alarm(_ alarm: Component, of parent: Component, firesIn range: TimeRange) -> Bool {
        let filter = TimeRangeFilter(range: range, context: context)
        guard alarm.property(.trigger)?.valueType != .dateTime, let recurrence = recurrence(of: parent),
            let expansion = recurrence.instances(overlapping: range, margin: Self.reach(of: alarm))
        else { return (try? filter.matchesAlarm(alarm, of: parent)) ?? false }
        return expansion.instances.contains { instance in
            instance.component == parent && ((try? filter.matchesAlarm(alarm, of: parent, instanceStart: instance.startInstant)) ?? false)
        }
    }

    static let recurringTypes: Set<ComponentName> = [.vevent, .vtodo, .vjournal]
    /// The components a time-range directly below VCALENDAR looks at.
    static let timedTypes: Set<ComponentName> = [.vevent, .vtodo, .vjournal, .vfreebusy]

    /// The object's recurrence when `component` belongs to a recurring series, else nil.
    private func recurrence(of component: Component) -> ObjectRecurrence? {
        guard Self.recurringTypes.contains(component.name) else { return nil }
        let uid = component.property(.uid)?.value
        let members = calendar.components.filter { $0.name == component.name && $0.property(.uid)?.value == uid }
        guard ObjectRecurrence.isRecurring(members) else { return nil }
        return ObjectRecurrence(members: members, context: context)
    }

    /// How far from its instance an alarm can fire: the trigger offset and the repeats, plus a day for the instance
    /// length an END-related trigger counts from and for nominal days across offset changes.
    static func reach(of alarm: Component) -> Int64 {
        let trigger = (try? alarm.property(.trigger)?.duration()).map { abs($0.totalSeconds) } ?? 0
        var repeats: Int64 = 0
        if let count = try? alarm.property(.repeat)?.integer(), let interval = try? alarm.property(.duration)?.duration() {
            let (product, overflow) = Int64(max(0, count)).multipliedReportingOverflow(by: abs(interval.totalSeconds))
            repeats = overflow ? Int64(Int32.max) : min(product, Int64(Int32.max))
        }
        return trigger + repeats + 2 * 86_400
    }
}
