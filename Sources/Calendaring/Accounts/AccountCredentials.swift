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
}
