import CalendarStore

/// A person making their own account, when the administrator allows it (`allow_signup`): the account is made
/// `unverified` (it cannot sign in) and a code is mailed to the address given; redeeming it
/// (`EmailVerification.redeem`) activates the account. Without a mail relay nobody could ever prove an address, so
/// sign-up is refused rather than leaving accounts that can never be used; an account not confirmed within
/// `confirmationWindow` is dropped by the server's maintenance.
package struct AccountSignup: Sendable {
    /// How long an unconfirmed account is kept: a day past its code's expiry, then maintenance drops it.
    package static let confirmationWindow = EmailVerification.lifetime + 86_400

    let store: any CalendarStore
    let credentials: any AccountCredentials
    let settings: AccountSettings
    let mailQueued: @Sendable () -> Void

    package init(store: any CalendarStore, credentials: any AccountCredentials, settings: AccountSettings,
                 mailQueued: @escaping @Sendable () -> Void) {
        self.store = store
        self.credentials = credentials
        self.settings = settings
        self.mailQueued = mailQueued
    }

    /// The new, unverified account; its verification message is queued.
    package func signUp(name: String, email: String, password: String, displayName: String?, now: Int64)
        async throws(AccountError) -> User {
        guard settings.allowSignup else { throw .signupDisabled }
        guard let mail = settings.verificationMail else { throw .mailUnavailable }
        let user = try await AccountCreation(store: store, credentials: credentials).create(
            name: name, password: password, email: email, displayName: displayName, isAdmin: false,
            status: .unverified, requireEmail: true)
        do {
            try await EmailVerification(store: store, mail: mail, mailQueued: mailQueued)
                .send(to: user.email, for: user, reason: .newAccount, now: now)
        } catch {
            // An account nobody can verify only holds its name and address hostage: take it back, so the person
            // can simply try again.
            try? await store.deleteUser(id: user.id)
            throw error
        }
        return user
    }
}
