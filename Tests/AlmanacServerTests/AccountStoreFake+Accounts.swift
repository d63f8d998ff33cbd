import CalendarStore

/// Account changes, scheduled deletion and preferences, with the contract's answers (unknown user `notFound`, an
/// address another user has `alreadyExists`) so the server's account handling meets them in its tests.
extension AccountStoreFake {
    func updateUser(id: Int64, _ update: UserUpdate) async throws(StoreError) -> User {
        try withState { (s: inout State) throws(StoreError) -> User in
            guard var user = s.users[id] else { throw .notFound }
            if let email = update.email, Self.isEmailTaken(email, exceptUserID: id, in: s) { throw .alreadyExists }
            if let value = update.displayName { user.displayName = value }
            if let value = update.email { user.email = value }
            if let value = update.status { user.status = value }
            if let value = update.isAdmin { user.isAdmin = value }
            s.users[id] = user
            return user
        }
    }

    func scheduleUserDeletion(id: Int64, at: Int64?) async throws(StoreError) {
        try withState { (s: inout State) throws(StoreError) in
            guard s.users[id] != nil else { throw .notFound }
            s.users[id]?.deletionDueAt = at
        }
    }

    func usersDueForDeletion(at: Int64) async throws(StoreError) -> [User] {
        try withState { s in
            s.users.values.filter { $0.deletionDueAt.map { $0 <= at } ?? false }
                .sorted { ($0.deletionDueAt ?? 0, $0.id) < ($1.deletionDueAt ?? 0, $1.id) }
        }
    }

    func userPreferences(userID: Int64) async throws(StoreError) -> String? {
        try withState { s in s.preferences[userID] }
    }

    func setUserPreferences(userID: Int64, _ document: String?) async throws(StoreError) {
        try withState { (s: inout State) throws(StoreError) in
            guard s.users[userID] != nil else { throw .notFound }
            s.preferences[userID] = document
        }
    }

    /// ASCII letters folded, other characters kept, as the stores compare names and addresses.
    static func asciiFolded(_ text: String) -> [UInt8] {
        text.utf8.map { (0x41...0x5A).contains($0) ? $0 + 0x20 : $0 }
    }

    /// Whether another user than `exceptUserID` has this non-empty address, ASCII letters folded.
    static func isEmailTaken(_ email: String, exceptUserID: Int64?, in state: State) -> Bool {
        guard !email.isEmpty else { return false }
        let wanted = asciiFolded(email)
        return state.users.values.contains { $0.id != exceptUserID && asciiFolded($0.email) == wanted }
    }
}
