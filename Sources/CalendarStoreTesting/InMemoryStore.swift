import CalendarStore
import Foundation

/// A `CalendarStore` held in memory: the reference behaviour of the contract, for tests of the layers above the store.
///
/// Being an actor, every call is one atomic transaction. Nothing is durable. Time-range queries scan the calendar
/// (the in-memory store has no index to drive them); the semantics are those of the contract.
public actor InMemoryStore: CalendarStore {
    /// One calendar with its objects, its change log and its sharing: deleting the calendar drops them all.
    struct StoredCalendar {
        var record: CalendarRecord
        var objects: [String: CalendarObjectRecord] = [:]
        /// The newest change per name: the log keeps one entry per name, which is all a sync report needs.
        var log: [String: LogEntry] = [:]
        var grants: [Grantee: CalendarGrant] = [:]
        /// Sharees' presentations by user id.
        var presentations: [Int64: ShareePresentation] = [:]
        /// Object grants by object name, then user id.
        var objectGrants: [String: [Int64: ObjectGrant]] = [:]
    }

    struct LogEntry {
        var revision: Int64
        var exists: Bool
    }

    var userTable: [Int64: User] = [:]
    var passwordTable: [Int64: AppPassword] = [:]
    /// Access tokens by id, personal and grant-issued.
    var accessTokenTable: [Int64: AccessToken] = [:]
    /// Each user's preferences document.
    var preferencesTable: [Int64: String] = [:]
    /// One-time codes by id.
    var oneTimeCodeTable: [Int64: OneTimeCode] = [:]
    /// OAuth clients by client id.
    var oauthClientTable: [String: OAuthClient] = [:]
    /// OAuth grants by id.
    var oauthGrantTable: [Int64: OAuthGrant] = [:]
    /// Refresh tokens by id.
    var refreshTokenTable: [Int64: RefreshToken] = [:]
    /// Idempotency records by user id, then key.
    var idempotencyTable: [Int64: [String: IdempotencyRecord]] = [:]
    var calendarTable: [Int64: StoredCalendar] = [:]
    /// The iMIP outgoing queue and each message's attempts, oldest first.
    var outgoingTable: [Int64: OutgoingMessage] = [:]
    var attemptTable: [Int64: [DeliveryAttempt]] = [:]
    var groupTable: [Int64: GroupRecord] = [:]
    /// Each user's choice of who sees their busy times; absent: the server's default.
    var freeBusyVisibilityTable: [Int64: FreeBusyVisibility] = [:]
    /// Member user ids by group id.
    var memberTable: [Int64: Set<Int64>] = [:]
    /// Throttle events by key, in recording order.
    var throttleTable: [String: [ThrottleEvent]] = [:]
    /// Each user's share notices, oldest first.
    var noticeTable: [Int64: [ShareNotice]] = [:]
    /// Delegates by owner id, then delegate id.
    var delegationTable: [Int64: [Int64: Delegation.Mode]] = [:]
    /// Identifiers are never reused, so a stale id (or a sync token derived from one) cannot name a new row.
    var lastID: Int64 = 0

    public init() {}

    func nextID() -> Int64 {
        lastID += 1
        return lastID
    }

    func now() -> Int64 { Int64(Date().timeIntervalSince1970) }

    // MARK: Users

    public func createUser(_ user: NewUser) throws(StoreError) -> User {
        guard !user.name.isEmpty else { throw .invalidArgument("empty user name") }
        guard !isPrincipalNameTaken(user.name), !isEmailTaken(user.email, exceptUserID: nil) else {
            throw .alreadyExists
        }
        let created = User(id: nextID(), name: user.name, displayName: user.displayName, email: user.email,
                           passwordHash: user.passwordHash, isAdmin: user.isAdmin, createdAt: now(),
                           status: user.status)
        userTable[created.id] = created
        return created
    }

    public func user(named name: String) -> User? {
        userTable.values.first { $0.name == name }
    }

    public func user(id: Int64) -> User? { userTable[id] }

    public func users() -> [User] {
        userTable.values.sorted { $0.name < $1.name }
    }

    public func setPasswordHash(userID: Int64, hash: String) throws(StoreError) {
        guard userTable[userID] != nil else { throw .notFound }
        userTable[userID]?.passwordHash = hash
    }

    public func deleteUser(id: Int64) throws(StoreError) {
        guard userTable.removeValue(forKey: id) != nil else { throw .notFound }
        passwordTable = passwordTable.filter { $0.value.userID != id }
        accessTokenTable = accessTokenTable.filter { $0.value.userID != id }
        preferencesTable[id] = nil
        oneTimeCodeTable = oneTimeCodeTable.filter { $0.value.userID != id }
        for grant in oauthGrantTable.values where grant.userID == id { removeOAuthGrant(grant.id) }
        idempotencyTable[id] = nil
        calendarTable = calendarTable.filter { $0.value.record.ownerID != id }
        let dropped = outgoingTable.values.filter { $0.message.senderUserID == id }.map(\.id)
        for messageID in dropped {
            outgoingTable[messageID] = nil
            attemptTable[messageID] = nil
        }
        freeBusyVisibilityTable[id] = nil
        noticeTable[id] = nil
        delegationTable[id] = nil
        for owner in delegationTable.keys { delegationTable[owner]?[id] = nil }
        // What others shared with the user goes; what the user shared on others' calendars stays.
        for groupID in memberTable.keys { memberTable[groupID]?.remove(id) }
        for calendarID in calendarTable.keys {
            calendarTable[calendarID]?.grants[.user(id)] = nil
            calendarTable[calendarID]?.presentations[id] = nil
            for name in calendarTable[calendarID]!.objectGrants.keys {
                calendarTable[calendarID]?.objectGrants[name]?[id] = nil
            }
        }
    }

    // MARK: App passwords

    public func addAppPassword(userID: Int64, label: String, passwordHash: String) throws(StoreError) -> AppPassword {
        guard userTable[userID] != nil else { throw .notFound }
        let password = AppPassword(id: nextID(), userID: userID, label: label, passwordHash: passwordHash,
                                   createdAt: now())
        passwordTable[password.id] = password
        return password
    }

    public func appPasswords(userID: Int64) -> [AppPassword] {
        passwordTable.values.filter { $0.userID == userID }.sorted { $0.id < $1.id }
    }

    public func revokeAppPassword(userID: Int64, id: Int64) throws(StoreError) {
        guard passwordTable[id]?.userID == userID else { throw .notFound }
        passwordTable[id] = nil
    }

    // MARK: Calendars

    public func calendars(ownerID: Int64) -> [CalendarRecord] {
        calendarTable.values.map(\.record).filter { $0.ownerID == ownerID }
            .sorted { ($0.order, $0.slug) < ($1.order, $1.slug) }
    }

    public func calendar(ownerID: Int64, slug: String) -> CalendarRecord? {
        calendarTable.values.first { $0.record.ownerID == ownerID && $0.record.slug == slug }?.record
    }

    public func calendar(id: Int64) -> CalendarRecord? { calendarTable[id]?.record }

    public func createCalendar(_ new: NewCalendar) throws(StoreError) -> CalendarRecord {
        guard !new.slug.isEmpty else { throw .invalidArgument("empty calendar slug") }
        guard userTable[new.ownerID] != nil else { throw .notFound }
        guard calendar(ownerID: new.ownerID, slug: new.slug) == nil else { throw .alreadyExists }
        var properties: [DeadProperty] = []
        properties.setting(new.deadProperties)
        let record = CalendarRecord(
            id: nextID(), ownerID: new.ownerID, slug: new.slug, displayName: new.displayName,
            description: new.description, color: new.color, order: new.order, timeZone: new.timeZone,
            supportedComponents: new.supportedComponents, deadProperties: properties, revision: 0, createdAt: now())
        calendarTable[record.id] = StoredCalendar(record: record)
        return record
    }

    public func updateCalendar(id: Int64, _ changes: CalendarChanges) throws(StoreError) -> CalendarRecord {
        guard var record = calendarTable[id]?.record else { throw .notFound }
        if let value = changes.displayName { record.displayName = value }
        if let value = changes.description { record.description = value }
        if let value = changes.color { record.color = value }
        if let value = changes.order { record.order = value }
        if let value = changes.timeZone { record.timeZone = value }
        if let value = changes.supportedComponents { record.supportedComponents = value }
        let removed = Set(changes.removeDeadProperties)
        record.deadProperties.removeAll { removed.contains(DeadPropertyKey(namespace: $0.namespace, name: $0.name)) }
        record.deadProperties.setting(changes.setDeadProperties)
        record.revision += 1
        calendarTable[id]?.record = record
        return record
    }

    public func deleteCalendar(id: Int64) throws(StoreError) {
        guard calendarTable.removeValue(forKey: id) != nil else { throw .notFound }
    }

    public func usedBytes(ownerID: Int64) -> Int64 {
        calendarTable.values.filter { $0.record.ownerID == ownerID }
            .flatMap(\.objects.values).reduce(0) { $0 + Int64($1.data.count) }
    }
}

extension [DeadProperty] {
    /// Replaces properties of the same (namespace, name) in place and appends new ones, so order is stable.
    mutating func setting(_ properties: [DeadProperty]) {
        for property in properties {
            if let index = firstIndex(where: { $0.namespace == property.namespace && $0.name == property.name }) {
                self[index] = property
            } else {
                append(property)
            }
        }
    }
}
