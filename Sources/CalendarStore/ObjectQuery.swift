/// The index-only part of a calendar-query (RFC 4791 §7.8): what a store can decide without parsing, so it returns a
/// superset of the objects the full filter accepts and the caller re-checks each candidate.
public struct ObjectQuery: Sendable, Hashable {
    /// Only objects of this component type (`VEVENT`, ...); any type when nil.
    public var componentType: String?
    /// Only objects that may overlap this window (the rule of `CalendarStore.objects(calendarID:matching:after:limit:)`);
    /// no time condition when nil.
    public var window: TimeWindow?
    /// Every condition must hold (AND).
    public var text: [TextCondition]

    public init(componentType: String? = nil, window: TimeWindow? = nil, text: [TextCondition] = []) {
        self.componentType = componentType; self.window = window; self.text = text
    }
}

/// "The field contains `needle`", compared case-insensitively at least for ASCII letters, so it accepts every object
/// the i;octet, i;ascii-casemap and (for ASCII needles) i;unicode-casemap collations accept. Stores may answer with a
/// superset (a needle too short for their text index matches everything); never with a subset.
public struct TextCondition: Sendable, Hashable {
    public var field: IndexedTextField
    public var needle: String

    public init(field: IndexedTextField, needle: String) { self.field = field; self.needle = needle }
}

/// One write of a batch (`CalendarStore.putObjects`): the same arguments as `putObject`.
public struct ObjectWrite: Sendable, Hashable {
    public var name: String
    public var data: [UInt8]
    public var index: ObjectIndex
    public var precondition: WritePrecondition

    public init(name: String, data: [UInt8], index: ObjectIndex, precondition: WritePrecondition = .none) {
        self.name = name; self.data = data; self.index = index; self.precondition = precondition
    }
}

/// An object whose materialised instances need extending (`CalendarStore.objectsToReindex`).
public struct ReindexCandidate: Sendable, Hashable {
    public var calendarID: Int64
    public var name: String
    public var etag: ETag
    public var data: [UInt8]
    public var expandedUntil: Int64

    public init(calendarID: Int64, name: String, etag: ETag, data: [UInt8], expandedUntil: Int64) {
        self.calendarID = calendarID; self.name = name; self.etag = etag; self.data = data
        self.expandedUntil = expandedUntil
    }
}
