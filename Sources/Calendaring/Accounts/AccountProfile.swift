import CalendarStore
import ICalendar

/// A person's own account as they see and change it: display name and preferences change at once; a new e-mail
/// address does not, because it is also their calendar user address (invitations to it reach them): it is mailed a
/// code and becomes theirs when the code is redeemed (`EmailVerification`).
package struct AccountProfile: Sendable {
    let store: any CalendarStore
    let settings: AccountSettings
    let timeZones: TimeZoneDatabase
    let mailQueued: @Sendable () -> Void

    package init(store: any CalendarStore, settings: AccountSettings, timeZones: TimeZoneDatabase,
                 mailQueued: @escaping @Sendable () -> Void) {
        self.store = store
        self.settings = settings
        self.timeZones = timeZones
        self.mailQueued = mailQueued
    }

    /// The user's preferences (none set: all nil).
    package func preferences(of user: User) async throws(AccountError) -> UserPreferences {
        do {
            return UserPreferences.decode(try await store.userPreferences(userID: user.id))
        } catch {
            throw .store(error)
        }
    }

    package struct Updated: Sendable {
        package var user: User
        package var preferences: UserPreferences
        /// True when a code went to a new address, which becomes the account's once redeemed.
        package var emailVerificationSent: Bool
    }

    /// Applies what is given, all checked before anything changes: the display name, the preferences, and a new
    /// e-mail address (mailed a code; the same address again changes nothing).
    package func update(_ user: User, displayName: String?, email: String?, preferences change: UserPreferences.Change?,
                        now: Int64) async throws(AccountError) -> Updated {
        let shownName = try displayName.map { name throws(AccountError) in try AccountRules.validatedDisplayName(name) }
        var preferences = try await self.preferences(of: user)
        let changedPreferences = try change.map { change throws(AccountError) in
            try preferences.applying(change, timeZones: timeZones)
        }
        var newAddress: String?
        if let email {
            let address = try AccountRules.validatedEmail(email)
            if !AccountRules.sameEmail(address, user.email) { newAddress = address }
        }
        var verification: EmailVerification?
        if let newAddress {
            guard let mail = settings.verificationMail else { throw .mailUnavailable }
            let holder: User?
            do {
                holder = try await store.user(email: newAddress)
            } catch {
                throw .store(error)
            }
            if let holder, holder.id != user.id { throw .emailTaken(newAddress) }
            verification = EmailVerification(store: store, mail: mail, mailQueued: mailQueued)
        }
        var user = user
        do {
            if let shownName, shownName != user.displayName {
                user = try await store.updateUser(id: user.id, UserUpdate(displayName: shownName))
            }
            if let changedPreferences, changedPreferences != preferences {
                try await store.setUserPreferences(userID: user.id, changedPreferences.document)
                preferences = changedPreferences
            }
        } catch {
            throw .store(error)
        }
        if let verification, let newAddress {
            try await verification.send(to: newAddress, for: user, reason: .changedAddress, now: now)
        }
        return Updated(user: user, preferences: preferences, emailVerificationSent: verification != nil)
    }
}
