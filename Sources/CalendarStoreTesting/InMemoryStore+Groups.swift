import CalendarStore

extension InMemoryStore {
    // MARK: Groups (RFC 3744 §4.3)

    public func createGroup(_ group: NewGroup) throws(StoreError) -> GroupRecord {
        guard !group.name.isEmpty else { throw .invalidArgument("empty group name") }
        guard !isPrincipalNameTaken(group.name) else { throw .alreadyExists }
        let created = GroupRecord(id: nextID(), name: group.name, displayName: group.displayName, email: group.email,
                                  createdAt: now())
        groupTable[created.id] = created
        return created
    }

    public func group(named name: String) -> GroupRecord? {
        groupTable.values.first { $0.name == name }
    }

    public func group(id: Int64) -> GroupRecord? { groupTable[id] }

    public func groups() -> [GroupRecord] {
        groupTable.values.sorted { $0.name < $1.name }
    }

    public func deleteGroup(id: Int64) throws(StoreError) {
        guard groupTable.removeValue(forKey: id) != nil else { throw .notFound }
        memberTable[id] = nil
        for calendarID in calendarTable.keys { calendarTable[calendarID]?.grants[.group(id)] = nil }
    }

    public func addMember(groupID: Int64, userID: Int64) throws(StoreError) {
        guard groupTable[groupID] != nil, userTable[userID] != nil else { throw .notFound }
        memberTable[groupID, default: []].insert(userID)
    }

    public func removeMember(groupID: Int64, userID: Int64) throws(StoreError) {
        guard memberTable[groupID]?.remove(userID) != nil else { throw .notFound }
    }

    public func members(groupID: Int64) -> [User] {
        (memberTable[groupID] ?? []).compactMap { userTable[$0] }.sorted { $0.name < $1.name }
    }

    public func groups(memberID: Int64) -> [GroupRecord] {
        memberTable.filter { $0.value.contains(memberID) }.compactMap { groupTable[$0.key] }
            .sorted { $0.name < $1.name }
    }

    /// Users and groups share the principal namespace (`/principals/<name>/`), names compared with ASCII letters
    /// folded as SQLite's NOCASE compares them.
    func isPrincipalNameTaken(_ name: String) -> Bool {
        let wanted = Self.asciiFolded(name)
        return userTable.values.contains { Self.asciiFolded($0.name) == wanted }
            || groupTable.values.contains { Self.asciiFolded($0.name) == wanted }
    }
}
