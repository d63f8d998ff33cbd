import CalendarStore

/// A person changing their own password: they must give the current one (a borrowed session or app password is
/// not enough to lock them out), the new one follows `AccountRules`, and every remembered sign-in of theirs is
/// forgotten, so the old password stops working with the next request on this node and on every other (each checks
/// the stored hash).
package struct PasswordChange: Sendable {
    let store: any CalendarStore
    let credentials: any AccountCredentials

    package init(store: any CalendarStore, credentials: any AccountCredentials) {
        self.store = store
        self.credentials = credentials
    }

    package func change(for user: User, current: String, new: String) async throws(AccountError) {
        try AccountRules.validate(password: new)
        guard !user.passwordHash.isEmpty else { throw .wrongPassword }
        switch await credentials.checkCurrentPassword(current, of: user) {
        case .matches: break
        case .wrong: throw .wrongPassword
        case .throttled(let seconds): throw .tooManyWrongPasswords(retryAfterSeconds: seconds)
        }
        let hash = await credentials.hash(new)
        do {
            try await store.setPasswordHash(userID: user.id, hash: hash)
        } catch {
            throw .store(error)
        }
        await credentials.forget(userID: user.id)
    }
}
