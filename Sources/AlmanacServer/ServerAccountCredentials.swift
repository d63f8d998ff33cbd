import CalendarStore
import Calendaring

/// The server's side of `AccountCredentials`: bcrypt through `PasswordHasher` (off the request executor), and the
/// credential cache forgetting a user whose password or standing changed, so the change counts from their next
/// request on this node (other nodes check the stored hash and status on every request anyway).
struct ServerAccountCredentials: AccountCredentials {
    let hasher: PasswordHasher
    /// Nil where no server runs in the process (the command line).
    let cache: CredentialCache?
    /// The login throttle current-password checks count against; nil on the command line.
    var throttle: LoginThrottle? = nil

    func hash(_ password: String) async -> String {
        await hasher.hash(password)
    }

    func verify(_ password: String, hash: String) async -> Bool {
        await hasher.verify(password, hash: hash)
    }

    func forget(userID: Int64) async {
        await cache?.forget(userID: userID)
    }

    /// Counted under the user's name without an address: a session that signed in some other way proves the
    /// password here, so its guesses are held back like those at the sign-in (the throttle's doubling waits)
    /// whichever address they come from. A failing store does not stop the check; the throttle is then silent.
    func checkCurrentPassword(_ password: String, of user: User) async -> CurrentPasswordCheck {
        let now = LoginThrottle.now()
        if let throttle, let wait = try? await throttle.retryAfter(userName: user.name, address: nil, now: now) {
            let seconds = Int(wait.components.seconds) + (wait.components.attoseconds > 0 ? 1 : 0)
            return .throttled(retryAfterSeconds: max(1, seconds))
        }
        if await hasher.verify(password, hash: user.passwordHash) {
            try? await throttle?.recordSuccess(userName: user.name, address: nil)
            return .matches
        }
        try? await throttle?.recordFailure(userName: user.name, address: nil, now: now)
        return .wrong
    }
}
