import Calendaring

/// The server's side of `AccountCredentials`: bcrypt through `PasswordHasher` (off the request executor), and the
/// credential cache forgetting a user whose password or standing changed, so the change counts from their next
/// request on this node (other nodes check the stored hash and status on every request anyway).
struct ServerAccountCredentials: AccountCredentials {
    let hasher: PasswordHasher
    /// Nil where no server runs in the process (the command line).
    let cache: CredentialCache?

    func hash(_ password: String) async -> String {
        await hasher.hash(password)
    }

    func verify(_ password: String, hash: String) async -> Bool {
        await hasher.verify(password, hash: hash)
    }

    func forget(userID: Int64) async {
        await cache?.forget(userID: userID)
    }
}
