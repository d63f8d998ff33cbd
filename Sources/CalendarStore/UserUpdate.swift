/// A change to a user's account; nil fields stay as they are.
public struct UserUpdate: Sendable, Hashable {
    public var displayName: String?
    /// The new calendar user address without `mailto:`; empty removes it.
    public var email: String?
    public var status: AccountStatus?
    public var isAdmin: Bool?

    public init(displayName: String? = nil, email: String? = nil, status: AccountStatus? = nil, isAdmin: Bool? = nil) {
        self.displayName = displayName; self.email = email; self.status = status; self.isAdmin = isAdmin
    }
}
