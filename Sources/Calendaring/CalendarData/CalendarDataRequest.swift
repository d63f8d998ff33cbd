import ICalendar
import ICalendarRecurrence

/// What a CALDAV:calendar-data request asks of each object: which parts to return, and whether to expand or limit
/// its recurrence set. The CalDAV door reads the element into this (`CalendarDataRequest+XML.swift`, with its
/// errors); here it is plain values and the rendering.
///
/// Spec: RFC 4791 §9.6 (`<!ELEMENT calendar-data (comp?, (expand | limit-recurrence-set)?, limit-freebusy-set?)>`).
public struct CalendarDataRequest: Sendable, Hashable {
    public enum Recurrence: Sendable, Hashable {
        /// §9.6.5: every instance in the range as its own component, times in UTC, no recurrence properties.
        case expand(TimeRange)
        /// §9.6.6: the master plus only the overrides that affect the range.
        case limitRecurrenceSet(TimeRange)
    }

    /// nil: every component and property.
    public var selection: ComponentSelection?
    public var recurrence: Recurrence?
    /// §9.6.7: only the FREEBUSY values that overlap this range.
    public var freeBusyLimit: TimeRange?

    public init(selection: ComponentSelection? = nil, recurrence: Recurrence? = nil, freeBusyLimit: TimeRange? = nil) {
        self.selection = selection
        self.recurrence = recurrence
        self.freeBusyLimit = freeBusyLimit
    }

    /// The whole object, as stored.
    public static let whole = CalendarDataRequest()

    /// Whether the stored bytes can be returned as they are.
    public var returnsOriginal: Bool { selection == nil && recurrence == nil && freeBusyLimit == nil }

    /// The calendar data to return for one object. `calendar` is the parsed `original`; `context` reads floating
    /// times (the calendar's zone) and resolves TZIDs, to which the object's own VTIMEZONEs are added.
    public func render(calendar: Component, original: [UInt8], context: TimeContext) -> String {
        String(decoding: renderedBytes(calendar: calendar, original: original, context: context), as: UTF8.self)
    }

    /// `renderedBytes` for stored data not parsed yet; nil when it does not parse. The expansion of an object of
    /// VEVENTs (a single event or a series) is written straight from the bytes (`StoredObjectExpansion`) when it
    /// can be done exactly; anything else is parsed.
    public func renderedBytes(original: [UInt8], context: TimeContext) -> [UInt8]? {
        guard !returnsOriginal else { return original }
        if case .expand(let range) = recurrence, selection == nil, freeBusyLimit == nil,
           let expanded = StoredObjectExpansion(range: range, context: context).expand(original) {
            return expanded
        }
        guard let parsed = try? ICalendarParser(options: .storedObject).parse(original).components.first else { return nil }
        return renderedBytes(calendar: parsed, original: original, context: context)
    }

    /// `render` as UTF-8 bytes, which responses write without an intermediate `String`.
    public func renderedBytes(calendar: Component, original: [UInt8], context: TimeContext) -> [UInt8] {
        guard !returnsOriginal else { return original }
        let context = context.resolving(embeddedZonesOf: calendar)
        var result = calendar
        switch recurrence {
        case .expand(let range): result = RecurrenceExpansionRenderer(range: range, context: context).expand(result)
        case .limitRecurrenceSet(let range): result = RecurrenceSetLimiter(range: range, context: context).limit(result)
        case nil: break
        }
        if let freeBusyLimit { result = FreeBusySetLimiter(range: freeBusyLimit, context: context).limit(result) }
        if let selection { result = selection.apply(result) }
        return ICalendarSerializer().serialize(result)
    }
}
