import CalendarStore
import ICalendar
import ICalendarRecurrence

/// What the store's index can answer of a calendar-query filter.
///
/// Spec: RFC 4791 §7.8 and §9.7. `objectQuery` is a superset: every condition it holds is one the full filter
/// requires of the object, so the store may drop candidates that fail it; everything else adds no condition.
/// `indexTimeRange` recognises the filters the index can decide alone.
extension CalendarFilter {
    /// The index-only part of the filter, from the single comp-filter required below VCALENDAR: its component type,
    /// its time-range window and text conditions from its prop-filters (see `PropFilter.textCondition`). Candidates
    /// still go through `matches` unless `indexTimeRange` decides them.
    public var objectQuery: ObjectQuery {
        var query = ObjectQuery()
        guard !root.isNotDefined, root.requiresEveryTest else { return query }
        if let range = root.timeRange { query.window = TimeWindow(range) }
        // A text-match below VCALENDAR matches any component's property: the object's indexed text holds them all.
        // Not DESCRIPTION: RFC 7986 gives VCALENDAR one of its own, which the index does not read.
        query.text = root.propFilters.filter { $0.name != .description }.compactMap(\.textCondition)
        // Is-not-defined children hold for objects without that component: only the others say what the object is.
        // With several required components, none of them is the object's one type for certain.
        let required = root.compFilters.filter { !$0.isNotDefined }
        guard required.count == 1, let child = required.first, child.namesObjectType else { return query }
        query.componentType = child.name.rawValue
        guard child.requiresEveryTest else { return query }
        if let range = child.timeRange { query.window = TimeWindow(range) }
        query.text += child.propFilters.compactMap(\.textCondition)
        return query
    }

    /// The component type and window when the filter is nothing but a time-range on one component type
    /// (`VCALENDAR > comp-filter X > time-range`, no other test anywhere), the one filter an exact index decides
    /// without parsing the object (`ComponentTimeRange.decision(for:)`).
    public var indexTimeRange: ComponentTimeRange? {
        guard !root.isNotDefined, root.timeRange == nil, root.propFilters.isEmpty, root.compFilters.count == 1,
            let child = root.compFilters.first, !child.isNotDefined, child.namesObjectType,
            let range = child.timeRange, child.propFilters.isEmpty, child.compFilters.isEmpty
        else { return nil }
        return ComponentTimeRange(componentType: child.name.rawValue, window: TimeWindow(range))
    }
}

/// "An instance of a component of this type overlaps this window": the calendar-query an exact index answers.
/// Spec: RFC 4791 §9.9.
public struct ComponentTimeRange: Sendable, Hashable {
    public var componentType: String
    public var window: TimeWindow

    public init(componentType: String, window: TimeWindow) {
        self.componentType = componentType
        self.window = window
    }

    /// Whether the object matches, when its index alone can tell; nil when the object must be parsed and filtered.
    ///
    /// The index decides when it is exact (`ObjectIndex.isExact`: its intervals are the §9.9 intervals), of this
    /// component type, and materialised over the whole window (no horizon, or a window ending at or before it). The
    /// answer then is the store's overlap rule on the instances (`InstanceInterval.overlaps`).
    ///
    /// An inexact VEVENT or VJOURNAL index still decides "yes" when an instance's interval lies inside the window:
    /// such an index is inexact only because of floating times (all-day events among them), whose intervals are
    /// widened to hold the instance wherever the query's zone puts it, so that instance overlaps the window in every
    /// zone (§9.9: it starts at or after the window's start and ends, zero-length or not, before its end).
    public func decision(for index: ObjectIndex) -> Bool? {
        guard index.firstStart != nil, index.componentType == componentType else { return nil }
        guard index.isExact else {
            guard componentType == "VEVENT" || componentType == "VJOURNAL" else { return nil }
            return index.instances.contains(where: liesInsideWindow) ? true : nil
        }
        if let horizon = index.horizon {
            guard let end = window.end, end <= horizon else { return nil }
        }
        return index.instances.contains { $0.overlaps(window) }
    }

    private func liesInsideWindow(_ instance: InstanceInterval) -> Bool {
        (window.start.map { $0 <= instance.start } ?? true) && (window.end.map { instance.end < $0 } ?? true)
    }
}

extension TimeWindow {
    /// The window of a CALDAV:time-range (whole seconds since 1970; open bounds stay open).
    init(_ range: TimeRange) {
        self.init(start: range.start?.secondsSinceEpoch, end: range.end?.secondsSinceEpoch)
    }
}

extension CompFilter {
    /// Whether every test of the filter must hold: "allof", or a single test (which "anyof" requires too).
    var requiresEveryTest: Bool {
        test == .allOf || (timeRange == nil ? 0 : 1) + propFilters.count + compFilters.count == 1
    }

    /// Whether a comp-filter directly below VCALENDAR names the type of the objects it selects (a VTIMEZONE or an
    /// X- component sits beside the object's components, whatever their type).
    var namesObjectType: Bool {
        name != .vtimezone && !name.isExtension
    }
}

extension PropFilter {
    /// The field of `IndexedText` a prop-filter on this property reads.
    static let indexedFields: [PropertyName: IndexedTextField] = [
        .summary: .summary, .description: .description, .location: .location, .attendee: .attendees,
    ]

    /// The text condition this prop-filter imposes on the object, when the text index can test it without missing a
    /// match: a required, non-negated text-match with a needle on an indexed property, in a collation whose matches
    /// the store's ASCII case-insensitive substring test contains. i;unicode-casemap qualifies only for an ASCII
    /// needle (the indexed text carries the decomposed and case-folded forms such a needle can match). Anything
    /// else is no condition; `CalendarFilter.matches` decides.
    var textCondition: TextCondition? {
        guard !isNotDefined, let textMatch, !textMatch.isNegated, !textMatch.text.isEmpty,
            test == .allOf || paramFilters.isEmpty, let field = Self.indexedFields[name]
        else { return nil }
        switch textMatch.collation {
        case .octet, .asciiCasemap: break
        case .unicodeCasemap: guard textMatch.text.unicodeScalars.allSatisfy(\.isASCII) else { return nil }
        }
        return TextCondition(field: field, needle: textMatch.text)
    }
}
