/// What the CalDAV layer computed from an object's iCalendar so queries can run without parsing:
/// Spec: RFC 4791 §9.9 (time-range semantics are decided by the caller; the store only compares integers).
///
/// Times are seconds since 1970-01-01T00:00:00Z. Floating times were resolved by the caller (with the calendar's
/// time zone, or UTC), so the index is a conservative prefilter: the caller re-checks candidates exactly.
public struct ObjectIndex: Sendable, Hashable {
    public var uid: String
    /// `VEVENT`, `VTODO`, `VJOURNAL` (upper case).
    public var componentType: String
    /// Start of the earliest instance; nil when the object has no time (a VTODO without dates): it matches every range.
    public var firstStart: Int64?
    /// End of the latest instance; nil when the object never ends (unbounded rule) or has no time.
    public var lastEnd: Int64?
    /// The instances (start, end) up to `horizon`, for recurring objects; a single span for non-recurring ones.
    /// Empty when the object has no time.
    public var instances: [InstanceInterval]
    /// Instances after this time were not materialised (unbounded rules, or rules with more instances than the cap).
    /// nil when `instances` is complete.
    public var horizon: Int64?
    /// The horizon the indexer was asked to expand to (nil for objects that do not recur). Background maintenance
    /// re-indexes objects whose `expandedUntil` falls behind "now plus the configured horizon", so the materialised
    /// instances move forward as time passes; comparing with this, not `horizon`, keeps a series cut short by the
    /// instance cap from being re-indexed on every pass.
    public var expandedUntil: Int64?
    /// True when `instances` are exactly the RFC 4791 §9.9 intervals of the object's instances (absolute times, not
    /// widened for floating times or inclusive comparisons, none matching every range), so a time-range test on
    /// `componentType` for a window ending at or before `horizon` (any window when `horizon` is nil) is decided by
    /// the store's overlap rule alone, without parsing the object.
    public var isExact: Bool
    /// The searchable text of the object, for the text-match prefilter.
    public var text: IndexedText
    /// The Schedule-Tag of a scheduling object resource (RFC 6638 §3.2.10), nil for other objects. The CalDAV layer
    /// decides when it changes; stores persist it with the object and keep it when `updateIndex` re-indexes.
    public var scheduleTag: String?

    public init(uid: String, componentType: String, firstStart: Int64?, lastEnd: Int64?,
                instances: [InstanceInterval], horizon: Int64?, expandedUntil: Int64? = nil, isExact: Bool = false,
                text: IndexedText = IndexedText(), scheduleTag: String? = nil) {
        self.uid = uid; self.componentType = componentType; self.firstStart = firstStart; self.lastEnd = lastEnd
        self.instances = instances; self.horizon = horizon; self.expandedUntil = expandedUntil
        self.isExact = isExact; self.text = text; self.scheduleTag = scheduleTag
    }
}

/// The text a store indexes for CALDAV:text-match prefilters (RFC 4791 §9.7.5): the values of SUMMARY, DESCRIPTION,
/// LOCATION and ATTENDEE (calendar user address and CN) of every component of the object (master and overrides),
/// each field's values joined by a line feed. Unescaped text, as the filter compares it.
public struct IndexedText: Sendable, Hashable {
    public var summary: String
    public var description: String
    public var location: String
    public var attendees: String

    public init(summary: String = "", description: String = "", location: String = "", attendees: String = "") {
        self.summary = summary; self.description = description; self.location = location; self.attendees = attendees
    }

    public subscript(field: IndexedTextField) -> String {
        switch field {
        case .summary: summary
        case .description: description
        case .location: location
        case .attendees: attendees
        }
    }
}

/// A field of `IndexedText`.
public enum IndexedTextField: String, Sendable, Hashable, CaseIterable {
    case summary, description, location, attendees
}

/// One materialised instance: [start, end) in seconds since 1970. A zero-length instance has start == end.
public struct InstanceInterval: Sendable, Hashable {
    public var start: Int64
    public var end: Int64
    public init(start: Int64, end: Int64) { self.start = start; self.end = end }

    /// The overlap rule every store applies to materialised instances (RFC 4791 §9.9, VEVENT table): [start, end)
    /// meets the window; a zero-length instance overlaps when it starts inside it.
    public func overlaps(_ window: TimeWindow) -> Bool {
        let startsBeforeEnd = window.end.map { start < $0 } ?? true
        guard let windowStart = window.start else { return startsBeforeEnd }
        return startsBeforeEnd && (start == end ? start >= windowStart : end > windowStart)
    }
}

/// A half-open time window [start, end) in seconds since 1970; nil bounds are open.
public struct TimeWindow: Sendable, Hashable {
    public var start: Int64?
    public var end: Int64?
    public init(start: Int64?, end: Int64?) { self.start = start; self.end = end }

    /// The earliest start an instance no longer than `maxInstanceLength` may have and still overlap the window:
    /// the lookback of an index on instance starts (nil when the window has no start).
    public func earliestOverlappingStart(maxInstanceLength: Int64) -> Int64? {
        guard let start else { return nil }
        let (lookback, overflow) = start.subtractingReportingOverflow(maxInstanceLength)
        return overflow ? Int64.min : lookback
    }
}

/// The preconditions of a write, checked inside the same transaction that writes (no lost updates).
public enum WritePrecondition: Sendable, Hashable {
    /// Write unconditionally (create or replace).
    case none
    /// `If-None-Match: *`: fail with `alreadyExists` if the object exists.
    case mustNotExist
    /// `If-Match: "tag"`: fail with `etagMismatch` unless the object exists with this tag.
    case etagMatches(ETag)
    /// `If-Match: *`: fail with `notFound` unless the object exists.
    case mustExist
    /// `If-Schedule-Tag-Match: "tag"` (RFC 6638 §8.3): fail with `etagMismatch` unless the object exists with this
    /// `ObjectIndex.scheduleTag`.
    case scheduleTagMatches(String)
}

/// The outcome of a successful put.
public struct PutResult: Sendable, Hashable {
    public var object: CalendarObjectRecord
    /// True when the object did not exist before.
    public var created: Bool
    public init(object: CalendarObjectRecord, created: Bool) { self.object = object; self.created = created }
}

/// Changes since a sync revision (RFC 6578): for each changed name its state now.
public struct ChangeSet: Sendable, Hashable {
    /// The revision the client should use as its next sync token (the revision of the last change reported).
    public var revision: Int64
    public var changes: [Change]
    /// True when `limit` cut the list short; the client must ask again from `revision`.
    public var truncated: Bool

    public init(revision: Int64, changes: [Change], truncated: Bool) {
        self.revision = revision; self.changes = changes; self.truncated = truncated
    }

    public struct Change: Sendable, Hashable {
        public var name: String
        /// False for a tombstone: the object was deleted (or moved away).
        public var exists: Bool
        public init(name: String, exists: Bool) { self.name = name; self.exists = exists }
    }
}
