/// A user account. Passwords are stored only as hashes the caller computed (bcrypt); the store never sees clear text.
public struct User: Sendable, Hashable, Identifiable {
    public var id: Int64
    /// Login name; unique with ASCII letters folded (no `Alice` beside `alice`), kept as written, used in URLs (`/calendars/<name>/`).
    public var name: String
    public var displayName: String
    /// The calendar user address without `mailto:` (may be empty).
    public var email: String
    public var passwordHash: String
    public var isAdmin: Bool
    /// Seconds since 1970-01-01T00:00:00Z.
    public var createdAt: Int64
    public var status: AccountStatus
    /// When the account and its data go for good (the user asked to leave; seconds since 1970); nil when not asked.
    public var deletionDueAt: Int64?

    public init(id: Int64, name: String, displayName: String, email: String, passwordHash: String, isAdmin: Bool,
                createdAt: Int64, status: AccountStatus = .active, deletionDueAt: Int64? = nil) {
        self.id = id; self.name = name; self.displayName = displayName; self.email = email
        self.passwordHash = passwordHash; self.isAdmin = isAdmin; self.createdAt = createdAt
        self.status = status; self.deletionDueAt = deletionDueAt
    }
}

public struct NewUser: Sendable, Hashable {
    public var name: String
    public var displayName: String
    public var email: String
    public var passwordHash: String
    public var isAdmin: Bool
    public var status: AccountStatus

    public init(name: String, displayName: String? = nil, email: String = "", passwordHash: String, isAdmin: Bool = false,
                status: AccountStatus = .active) {
        self.name = name; self.displayName = displayName ?? name; self.email = email
        self.passwordHash = passwordHash; self.isAdmin = isAdmin; self.status = status
    }
}

/// A per-user application password: a separate secret for one client that can be listed and revoked.
public struct AppPassword: Sendable, Hashable, Identifiable {
    public var id: Int64
    public var userID: Int64
    public var label: String
    public var passwordHash: String
    public var createdAt: Int64

    public init(id: Int64, userID: Int64, label: String, passwordHash: String, createdAt: Int64) {
        self.id = id; self.userID = userID; self.label = label; self.passwordHash = passwordHash; self.createdAt = createdAt
    }
}

/// A WebDAV dead property: stored and returned verbatim, never interpreted.
public struct DeadProperty: Sendable, Hashable {
    public var namespace: String
    public var name: String
    /// The serialized XML of the whole property element, as the DAV layer wants it back.
    public var xml: String

    public init(namespace: String, name: String, xml: String) {
        self.namespace = namespace; self.name = name; self.xml = xml
    }
}

/// A calendar collection.
public struct CalendarRecord: Sendable, Hashable, Identifiable {
    public var id: Int64
    public var ownerID: Int64
    /// The URL segment (`/calendars/<user>/<slug>/`); unique per owner.
    public var slug: String
    public var displayName: String
    public var description: String
    /// `#RRGGBB` or `#RRGGBBAA`, empty when unset.
    public var color: String
    public var order: Int
    /// A VCALENDAR text with one VTIMEZONE (RFC 4791 §5.2.2), empty when unset.
    public var timeZone: String
    /// Component names the calendar accepts, upper case (`VEVENT`, `VTODO`, `VJOURNAL`).
    public var supportedComponents: [String]
    public var deadProperties: [DeadProperty]
    /// The revision of the newest change in this calendar's change log; the sync token and CTag derive from it.
    public var revision: Int64
    public var createdAt: Int64

    public init(id: Int64, ownerID: Int64, slug: String, displayName: String, description: String, color: String,
                order: Int, timeZone: String, supportedComponents: [String], deadProperties: [DeadProperty],
                revision: Int64, createdAt: Int64) {
        self.id = id; self.ownerID = ownerID; self.slug = slug; self.displayName = displayName
        self.description = description; self.color = color; self.order = order; self.timeZone = timeZone
        self.supportedComponents = supportedComponents; self.deadProperties = deadProperties
        self.revision = revision; self.createdAt = createdAt
    }
}

public struct NewCalendar: Sendable, Hashable {
    public var ownerID: Int64
    public var slug: String
    public var displayName: String
    public var description: String
    public var color: String
    public var order: Int
    public var timeZone: String
    public var supportedComponents: [String]
    public var deadProperties: [DeadProperty]

    public init(ownerID: Int64, slug: String, displayName: String = "", description: String = "", color: String = "",
                order: Int = 0, timeZone: String = "", supportedComponents: [String] = ["VEVENT", "VTODO"],
                deadProperties: [DeadProperty] = []) {
        self.ownerID = ownerID; self.slug = slug; self.displayName = displayName; self.description = description
        self.color = color; self.order = order; self.timeZone = timeZone
        self.supportedComponents = supportedComponents; self.deadProperties = deadProperties
    }
}

/// An atomic change to a calendar's properties (PROPPATCH): every field that is non-nil is set; dead properties
/// named in `removeDeadProperties` are removed, those in `setDeadProperties` replace any of the same name.
public struct CalendarChanges: Sendable, Hashable {
    public var displayName: String?
    public var description: String?
    public var color: String?
    public var order: Int?
    public var timeZone: String?
    public var supportedComponents: [String]?
    public var setDeadProperties: [DeadProperty]
    /// (namespace, name) pairs.
    public var removeDeadProperties: [DeadPropertyKey]

    public init(displayName: String? = nil, description: String? = nil, color: String? = nil, order: Int? = nil,
                timeZone: String? = nil, supportedComponents: [String]? = nil, setDeadProperties: [DeadProperty] = [],
                removeDeadProperties: [DeadPropertyKey] = []) {
        self.displayName = displayName; self.description = description; self.color = color; self.order = order
        self.timeZone = timeZone; self.supportedComponents = supportedComponents
        self.setDeadProperties = setDeadProperties; self.removeDeadProperties = removeDeadProperties
    }
}

public struct DeadPropertyKey: Sendable, Hashable {
    public var namespace: String
    public var name: String
    public init(namespace: String, name: String) { self.namespace = namespace; self.name = name }
}

/// A calendar object resource: the bytes exactly as the client sent them, plus the index the CalDAV layer computed.
public struct CalendarObjectRecord: Sendable, Hashable {
    public var calendarID: Int64
    /// The resource name within the calendar (the last URL segment, e.g. `abc.ics`).
    public var name: String
    public var etag: ETag
    public var data: [UInt8]
    public var index: ObjectIndex
    /// The calendar revision at which this object was last written.
    public var revision: Int64
    /// Seconds since 1970 of the last write.
    public var modifiedAt: Int64
    public var createdAt: Int64

    public init(calendarID: Int64, name: String, etag: ETag, data: [UInt8], index: ObjectIndex, revision: Int64,
                modifiedAt: Int64, createdAt: Int64) {
        self.calendarID = calendarID; self.name = name; self.etag = etag; self.data = data; self.index = index
        self.revision = revision; self.modifiedAt = modifiedAt; self.createdAt = createdAt
    }
}

/// Name, ETag and size of an object without its bytes (PROPFIND Depth 1 over a big calendar).
public struct CalendarObjectSummary: Sendable, Hashable {
    public var name: String
    public var etag: ETag
    public var size: Int
    public var componentType: String
    public var modifiedAt: Int64
    public var createdAt: Int64
    /// `ObjectIndex.scheduleTag` of the object (RFC 6638 §3.2.10), nil for objects that are not scheduled.
    public var scheduleTag: String?
    /// The calendar revision of the object's last change (`CalendarObjectRecord.revision`).
    public var revision: Int64

    public init(name: String, etag: ETag, size: Int, componentType: String, modifiedAt: Int64, createdAt: Int64,
                scheduleTag: String? = nil, revision: Int64) {
        self.name = name; self.etag = etag; self.size = size; self.componentType = componentType
        self.modifiedAt = modifiedAt; self.createdAt = createdAt; self.scheduleTag = scheduleTag
        self.revision = revision
    }
}
