import CalendarStore
import CalendarStoreTesting
import Synchronization

/// A stand-in store for the server tests until `InMemoryStore` lands: real users, app passwords and calendar
/// records; object operations are not needed by these tests and answer `backend`. `failing` makes every call fail,
/// as a broken database would.
final class AccountStoreFake: CalendarStore {
    /// Not private: the extensions in other files (access tokens) keep their records here too.
    struct State {
        var users: [Int64: User] = [:]
        var appPasswords: [Int64: AppPassword] = [:]
        var accessTokens: [Int64: AccessToken] = [:]
        /// Each user's preferences document.
        var preferences: [Int64: String] = [:]
        var oneTimeCodes: [Int64: OneTimeCode] = [:]
        /// OAuth clients by client id.
        var oauthClients: [String: OAuthClient] = [:]
        var oauthGrants: [Int64: OAuthGrant] = [:]
        var refreshTokens: [Int64: RefreshToken] = [:]
        /// Idempotency records by user id, then key.
        var idempotencyRecords: [Int64: [String: IdempotencyRecord]] = [:]
        var calendars: [Int64: CalendarRecord] = [:]
        var nextID: Int64 = 1
        var failing = false
    }
    private let state = Mutex(State())
    /// Login throttling's events, kept as the contract says by the in-memory store.
    let throttleLedger = InMemoryStore()

    var failing: Bool {
        get { state.withLock { $0.failing } }
        set { state.withLock { $0.failing = newValue } }
    }

    func withState<T>(_ body: (inout State) throws(StoreError) -> T) throws(StoreError) -> T {
        try state.withLock { (state: inout State) throws(StoreError) -> T in
            if state.failing { throw StoreError.backend("disk on fire") }
            return try body(&state)
        }
    }

    func createUser(_ user: NewUser) async throws(StoreError) -> User {
        try withState { (s: inout State) throws(StoreError) -> User in
            // Names and non-empty addresses are unique with ASCII letters folded, as the contract says.
            let name = Self.asciiFolded(user.name)
            if s.users.values.contains(where: { Self.asciiFolded($0.name) == name })
                || Self.isEmailTaken(user.email, exceptUserID: nil, in: s) { throw .alreadyExists }
            let created = User(id: s.nextID, name: user.name, displayName: user.displayName, email: user.email,
                               passwordHash: user.passwordHash, isAdmin: user.isAdmin, createdAt: 0,
                               status: user.status)
            s.nextID += 1
            s.users[created.id] = created
            return created
        }
    }
    func user(named name: String) async throws(StoreError) -> User? {
        try withState { s in s.users.values.first { $0.name == name } }
    }
    func user(id: Int64) async throws(StoreError) -> User? { try withState { s in s.users[id] } }
    func users() async throws(StoreError) -> [User] {
        try withState { s in s.users.values.sorted { $0.name < $1.name } }
    }
    func setPasswordHash(userID: Int64, hash: String) async throws(StoreError) {
        try withState { (s: inout State) throws(StoreError) in
            guard s.users[userID] != nil else { throw .notFound }
            s.users[userID]?.passwordHash = hash
        }
    }
    func deleteUser(id: Int64) async throws(StoreError) {
        try withState { (s: inout State) throws(StoreError) in
            guard s.users.removeValue(forKey: id) != nil else { throw .notFound }
            s.appPasswords = s.appPasswords.filter { $0.value.userID != id }
            s.accessTokens = s.accessTokens.filter { $0.value.userID != id }
            s.preferences[id] = nil
            s.oneTimeCodes = s.oneTimeCodes.filter { $0.value.userID != id }
            for grant in s.oauthGrants.values where grant.userID == id { Self.removeOAuthGrant(grant.id, from: &s) }
            s.idempotencyRecords[id] = nil
            s.calendars = s.calendars.filter { $0.value.ownerID != id }
        }
    }

    func addAppPassword(userID: Int64, label: String, passwordHash: String) async throws(StoreError) -> AppPassword {
        try withState { (s: inout State) throws(StoreError) -> AppPassword in
            guard s.users[userID] != nil else { throw .notFound }
            let record = AppPassword(id: s.nextID, userID: userID, label: label, passwordHash: passwordHash, createdAt: 0)
            s.nextID += 1
            s.appPasswords[record.id] = record
            return record
        }
    }
    func appPasswords(userID: Int64) async throws(StoreError) -> [AppPassword] {
        try withState { s in s.appPasswords.values.filter { $0.userID == userID }.sorted { $0.id < $1.id } }
    }
    func revokeAppPassword(userID: Int64, id: Int64) async throws(StoreError) {
        try withState { (s: inout State) throws(StoreError) in
            guard s.appPasswords[id]?.userID == userID else { throw .notFound }
            s.appPasswords[id] = nil
        }
    }

    func calendars(ownerID: Int64) async throws(StoreError) -> [CalendarRecord] {
        try withState { s in s.calendars.values.filter { $0.ownerID == ownerID }.sorted { $0.slug < $1.slug } }
    }
    func calendar(ownerID: Int64, slug: String) async throws(StoreError) -> CalendarRecord? {
        try withState { s in s.calendars.values.first { $0.ownerID == ownerID && $0.slug == slug } }
    }
    func calendar(id: Int64) async throws(StoreError) -> CalendarRecord? { try withState { s in s.calendars[id] } }
    func createCalendar(_ calendar: NewCalendar) async throws(StoreError) -> CalendarRecord {
        try withState { (s: inout State) throws(StoreError) -> CalendarRecord in
            guard s.users[calendar.ownerID] != nil else { throw .notFound }
            if s.calendars.values.contains(where: { $0.ownerID == calendar.ownerID && $0.slug == calendar.slug }) {
                throw .alreadyExists
            }
            let record = CalendarRecord(id: s.nextID, ownerID: calendar.ownerID, slug: calendar.slug,
                                        displayName: calendar.displayName, description: calendar.description,
                                        color: calendar.color, order: calendar.order, timeZone: calendar.timeZone,
                                        supportedComponents: calendar.supportedComponents,
                                        deadProperties: calendar.deadProperties, revision: 0, createdAt: 0)
            s.nextID += 1
            s.calendars[record.id] = record
            return record
        }
    }

    // Object storage is outside what the server adapter tests exercise.
    private static let unsupported = StoreError.backend("not supported by AccountStoreFake")
    func updateCalendar(id: Int64, _ changes: CalendarChanges) async throws(StoreError) -> CalendarRecord { throw Self.unsupported }
    func deleteCalendar(id: Int64) async throws(StoreError) { throw Self.unsupported }
    func usedBytes(ownerID: Int64) async throws(StoreError) -> Int64 { throw Self.unsupported }
    func object(calendarID: Int64, name: String) async throws(StoreError) -> CalendarObjectRecord? { throw Self.unsupported }
    func objects(calendarID: Int64, names: [String]) async throws(StoreError) -> [CalendarObjectRecord] { throw Self.unsupported }
    func objects(calendarID: Int64) async throws(StoreError) -> [CalendarObjectRecord] { throw Self.unsupported }
    func objectSummaries(calendarID: Int64) async throws(StoreError) -> [CalendarObjectSummary] { throw Self.unsupported }
    func objectSummaries(calendarID: Int64, names: [String]) async throws(StoreError) -> [CalendarObjectSummary] {
        throw Self.unsupported
    }
    func object(calendarID: Int64, uid: String) async throws(StoreError) -> CalendarObjectRecord? { throw Self.unsupported }
    func putObject(calendarID: Int64, name: String, data: [UInt8], index: ObjectIndex,
                   precondition: WritePrecondition) async throws(StoreError) -> PutResult { throw Self.unsupported }
    func objects(calendarID: Int64, matching query: ObjectQuery, after: String?, limit: Int?)
        async throws(StoreError) -> [CalendarObjectRecord] { throw Self.unsupported }
    func objects(calendarID: Int64, after: String?, limit: Int) async throws(StoreError) -> [CalendarObjectRecord] {
        throw Self.unsupported
    }
    func objectSummaries(calendarID: Int64, after: String?, limit: Int) async throws(StoreError)
        -> [CalendarObjectSummary] { throw Self.unsupported }
    func putObjects(calendarID: Int64, _ writes: [ObjectWrite]) async throws(StoreError)
        -> [Result<PutResult, StoreError>] { throw Self.unsupported }
    /// The fake holds no objects, so none needs re-indexing (the server's maintenance pass runs against it).
    func objectsToReindex(expandedBefore: Int64, limit: Int) async throws(StoreError) -> [ReindexCandidate] { [] }
    func updateIndex(calendarID: Int64, name: String, etag: ETag, index: ObjectIndex) async throws(StoreError) -> Bool {
        throw Self.unsupported
    }
    func deleteObject(calendarID: Int64, name: String, ifMatch: ETag?) async throws(StoreError) { throw Self.unsupported }
    func moveObject(fromCalendarID: Int64, name: String, toCalendarID: Int64, newName: String, overwrite: Bool,
                    ifMatch: ETag?) async throws(StoreError) -> PutResult { throw Self.unsupported }
    func changes(calendarID: Int64, since revision: Int64?, limit: Int?) async throws(StoreError) -> ChangeSet {
        throw Self.unsupported
    }
}
