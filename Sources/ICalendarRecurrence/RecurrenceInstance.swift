import ICalendar

/// One occurrence of a calendar object: when it starts and ends, and which component describes it.
///
/// Spec: RFC 5545 §3.8.5 (recurrence set), §3.8.4.4 (RECURRENCE-ID, RANGE=THISANDFUTURE), §3.8.1.11 (STATUS).
public struct RecurrenceInstance: Hashable, Sendable, CustomStringConvertible {
    /// Which component the instance comes from.
    public enum Source: Hashable, Sendable {
        /// Generated from the master component's DTSTART, RRULE or RDATE.
        case master
        /// An override component (one with RECURRENCE-ID) for exactly this instance.
        case override
        /// A later instance changed by an override with RANGE=THISANDFUTURE: its times are shifted and its
        /// properties come from that override.
        case rangeOverride
    }

    /// The original start that identifies the instance (the RECURRENCE-ID value, in the master DTSTART's form);
    /// nil for a component that does not recur.
    public var recurrenceID: DateTime?
    /// Start and end in the master DTSTART's form (DATE, floating, UTC or DTSTART's zone, even when DTEND names
    /// another zone); for an override, its DTSTART and DTEND/DUE as it writes them.
    public var start: DateTime
    public var end: DateTime
    public var startInstant: Instant
    public var endInstant: Instant
    /// The component whose properties apply: the master, the override, or the THISANDFUTURE override in force.
    public var component: Component
    public var source: Source
    /// STATUS:CANCELLED on the component that applies.
    public var isCancelled: Bool

    public init(
        recurrenceID: DateTime?, start: DateTime, end: DateTime, startInstant: Instant, endInstant: Instant,
        component: Component, source: Source, isCancelled: Bool
    ) {
        self.recurrenceID = recurrenceID
        self.start = start
        self.end = end
        self.startInstant = startInstant
        self.endInstant = endInstant
        self.component = component
        self.source = source
        self.isCancelled = isCancelled
    }

    /// Whether an override component describes exactly this instance.
    public var isOverride: Bool { source == .override }

    public var description: String {
        "\(start)–\(end) [\(startInstant)–\(endInstant)] \(source)\(isCancelled ? " cancelled" : "")"
    }
}

/// What `RecurrenceExpander` found in a window.
public struct RecurrenceExpansion: Hashable, Sendable {
    /// The instances overlapping the window, ordered by start instant.
    public var instances: [RecurrenceInstance]
    /// nil when the expansion is complete; otherwise the limit that cut it short (instances after the last one
    /// returned may be missing).
    public var stopReason: RuleIterator.StopReason?

    public init(instances: [RecurrenceInstance], stopReason: RuleIterator.StopReason?) {
        self.instances = instances
        self.stopReason = stopReason
    }

    public var isComplete: Bool { stopReason == nil }
}

/// The span a calendar object covers, for a storage index: the earliest instance start and the latest instance end.
public struct RecurrenceBounds: Hashable, Sendable {
    public var firstStart: Instant
    /// nil when the object recurs without end (or is too long to expand within the limits).
    public var lastEnd: Instant?

    public init(firstStart: Instant, lastEnd: Instant?) {
        self.firstStart = firstStart
        self.lastEnd = lastEnd
    }
}
