import CalendarStore

/// How account passwords are hashed and checked, and who must forget a user's sign-ins when their credentials or
/// standing change. The server supplies it (bcrypt off the request executor, its credential cache); the calendar
/// never hashes a password itself, so no door can store one another door could not check.
public protocol AccountCredentials: Sendable {
    /// The stored form of a new password.
    func hash(_ password: String) async -> String
    /// Whether `password` matches the stored `hash`.
    func verify(_ password: String, hash: String) async -> Bool
    /// Drops whatever sign-ins of the user are remembered, so the change counts from the next request.
    func forget(userID: Int64) async
    /// Whether `password` is the user's current password, for a request that already signed in some other way
    /// (an app password, say) and now proves the password itself: held to the same login throttle as signing in,
    /// so a borrowed session cannot guess the password at request speed.
    func checkCurrentPassword(_ password: String, of user: User) async -> CurrentPasswordCheck
}

/// The outcome of `AccountCredentials.checkCurrentPassword`.
public enum CurrentPasswordCheck: Sendable, Hashable {
    case matches
    case wrong
    /// Too many wrong guesses lately; try again after this many seconds, without the password being checked.
    case throttled(retryAfterSeconds: Int)
}
