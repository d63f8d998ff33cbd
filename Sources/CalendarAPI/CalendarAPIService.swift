import CalendarStore
import Calendaring
import ICalendar

/// The JSON API's operations (the protocol generated from openapi.yaml) over the protocol-neutral calendar: the
/// same stored iCalendar objects, access rules and scheduling as CalDAV, so a change through either door is the
/// same change, with the same ETag and sync token, seen through the other.
package struct CalendarAPIService: APIProtocol {
    /// The store, the tz database, CalDAV's URLs and the scheduling every write goes through.
    let scheduling: SchedulingContext
    /// Largest iCalendar object an event may become, as for a CalDAV PUT.
    let maxResourceSize: Int
    /// How sharees are told by e-mail, when the server sends mail.
    let shareMail: ShareMail?
    /// Sign-up, the grace period before an account goes, and how addresses are proven.
    let accountSettings: AccountSettings
    /// The server's password hashing and its memory of sign-ins.
    let credentials: any AccountCredentials

    package init(scheduling: SchedulingContext, maxResourceSize: Int, shareMail: ShareMail?, accounts: AccountSettings,
                 credentials: any AccountCredentials) {
        self.scheduling = scheduling
        self.maxResourceSize = maxResourceSize
        self.shareMail = shareMail
        self.accountSettings = accounts
        self.credentials = credentials
    }

    /// The rules of sharing; a change may queue mail, so the mail queue is woken after one.
    var sharing: CalendarSharing { CalendarSharing(store: store, mail: shareMail) }

    var store: any CalendarStore { scheduling.store }
    var timeZones: TimeZoneDatabase { scheduling.timeZones }
    var urls: any CalendarURLs { scheduling.urls }

    /// Runs a store call, its errors mapped in the one place.
    func store<T: Sendable>(_ operation: (any CalendarStore) async throws(StoreError) -> T) async throws(APIError) -> T {
        do {
            return try await operation(store)
        } catch {
            throw error.apiError
        }
    }

    /// Runs a calendar operation, its errors mapped in the one place.
    func calendaring<T: Sendable>(_ operation: () async throws(CalendaringError) -> T) async throws(APIError) -> T {
        do {
            return try await operation()
        } catch {
            throw error.apiError
        }
    }

    /// Runs an account operation, its errors mapped in the one place.
    func accounts<T: Sendable>(_ operation: () async throws(AccountError) -> T) async throws(APIError) -> T {
        do {
            return try await operation()
        } catch {
            throw error.apiError
        }
    }

    /// The signed-in user's record.
    func currentUser() async throws(APIError) -> User {
        let caller = try APICaller.required()
        guard let user = try await store({ store throws(StoreError) in try await store.user(id: caller.userID) }) else {
            throw APIError.unauthorized()
        }
        return user
    }

    func user(id: Int64) async throws(APIError) -> User {
        guard let user = try await store({ store throws(StoreError) in try await store.user(id: id) }) else {
            throw APIError.notFound("The owner of this calendar no longer exists.")
        }
        return user
    }
}
