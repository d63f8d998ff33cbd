/// A group of users: a principal (RFC 3744 §4.3, DAV:group-member-set) a calendar can be shared with, so that every
/// member holds the grant. Groups are server-wide, like users, and share their namespace: both appear as
/// `/principals/<name>/`, so a group never has a user's name and no user is created with a group's name.
public struct GroupRecord: Sendable, Hashable, Identifiable {
    public var id: Int64
    /// Unique among groups and users, case-sensitive, used in URLs (`/principals/<name>/`).
    public var name: String
    public var displayName: String
    /// The group's calendar user address without `mailto:` (a mailing list), nil when it has none.
    public var email: String?
    /// Seconds since 1970-01-01T00:00:00Z.
    public var createdAt: Int64

    public init(id: Int64, name: String, displayName: String, email: String?, createdAt: Int64) {
        self.id = id; self.name = name; self.displayName = displayName; self.email = email; self.createdAt = createdAt
    }
}

public struct NewGroup: Sendable, Hashable {
    public var name: String
    public var displayName: String
    public var email: String?

    public init(name: String, displayName: String? = nil, email: String? = nil) {
        self.name = name; self.displayName = displayName ?? name; self.email = email
    }
}
