import CalendarStore

extension InMemoryStore {
    // MARK: Account changes, scheduled deletion and preferences

    public func updateUser(id: Int64, _ update: UserUpdate) throws(StoreError) -> User {
        guard var user = userTable[id] else { throw .notFound }
        if let email = update.email, isEmailTaken(email, exceptUserID: id) { throw .alreadyExists }
        if let value = update.displayName { user.displayName = value }
        if let value = update.email { user.email = value }
        if let value = update.status { user.status = value }
        if let value = update.isAdmin { user.isAdmin = value }
        userTable[id] = user
        return user
    }

    public func scheduleUserDeletion(id: Int64, at: Int64?) throws(StoreError) {
        guard userTable[id] != nil else { throw .notFound }
        userTable[id]?.deletionDueAt = at
    }

    public func usersDueForDeletion(at: Int64) -> [User] {
        userTable.values.filter { $0.deletionDueAt.map { $0 <= at } ?? false }
            .sorted { ($0.deletionDueAt ?? 0, $0.id) < ($1.deletionDueAt ?? 0, $1.id) }
    }

    public func userPreferences(userID: Int64) -> String? { preferencesTable[userID] }

    public func setUserPreferences(userID: Int64, _ document: String?) throws(StoreError) {
        guard userTable[userID] != nil else { throw .notFound }
        preferencesTable[userID] = document
    }

    /// Whether another user than `exceptUserID` has this non-empty address, ASCII letters folded as `user(email:)`
    /// compares them.
    func isEmailTaken(_ email: String, exceptUserID: Int64?) -> Bool {
        guard !email.isEmpty else { return false }
        let wanted = Self.asciiFolded(email)
        return userTable.values.contains { $0.id != exceptUserID && Self.asciiFolded($0.email) == wanted }
    }
}
