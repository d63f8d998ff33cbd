internal import Foundation
import CalendarStore
import Calendaring
import ICalendar

/// The signed-in person's own account: reading it with their preferences, changing their name, preferences and
/// address (a new address is proven first), their password, and leaving (after a grace period, which they can take
/// back). What could lock the person out or hand the account over (the address, the password, leaving) needs a
/// password or app password: a token, made for an app's calendar work, may not (the door refuses it first,
/// `TokenScopeRule`; the handlers check again).
extension CalendarAPIService {
    package func getMe(_ input: Operations.GetMe.Input) async throws -> Operations.GetMe.Output {
        let user = try await currentUser()
        let preferences = try await accounts { () async throws(AccountError) in try await profile.preferences(of: user) }
        return .ok(.init(body: .json(Self.json(user, preferences: preferences))))
    }

    package func patchMe(_ input: Operations.PatchMe.Input) async throws -> Operations.PatchMe.Output {
        guard case .json(let fields) = input.body else { throw APIError.invalid("The body must be JSON.") }
        let user = try await currentUser()
        if fields.email != nil { try requirePasswordSignIn("change the account's e-mail address") }
        let change = fields.preferences.map {
            UserPreferences.Change(timeZone: $0.timeZone, language: $0.language,
                                   weekStart: $0.weekStart.flatMap { UserPreferences.Weekday(rawValue: $0.rawValue) })
        }
        let updated = try await accounts { () async throws(AccountError) in
            try await profile.update(user, displayName: fields.displayName, email: fields.email, preferences: change,
                                     now: Self.now)
        }
        return .ok(.init(body: .json(Self.json(updated.user, preferences: updated.preferences,
                                               emailVerificationSent: fields.email == nil ? nil : updated.emailVerificationSent))))
    }

    package func changePassword(_ input: Operations.ChangePassword.Input) async throws -> Operations.ChangePassword.Output {
        guard case .json(let fields) = input.body else { throw APIError.invalid("The body must be JSON.") }
        try requirePasswordSignIn("change the password")
        let user = try await currentUser()
        try await accounts { () async throws(AccountError) in
            try await PasswordChange(store: store, credentials: credentials)
                .change(for: user, current: fields.currentPassword, new: fields.newPassword)
        }
        return .noContent(.init())
    }

    package func deleteMe(_ input: Operations.DeleteMe.Input) async throws -> Operations.DeleteMe.Output {
        try requirePasswordSignIn("delete the account")
        let user = try await currentUser()
        let graceDays = accountSettings.deletionGraceDays
        let scheduled = try await accounts { () async throws(AccountError) in
            try await deletion.schedule(user, graceDays: graceDays, now: Self.now)
        }
        return .accepted(.init(body: .json(try await json(withPreferences: scheduled))))
    }

    package func restoreMe(_ input: Operations.RestoreMe.Input) async throws -> Operations.RestoreMe.Output {
        try requirePasswordSignIn("take back the deletion of the account")
        let user = try await currentUser()
        let restored = try await accounts { () async throws(AccountError) in try await deletion.cancel(user) }
        return .ok(.init(body: .json(try await json(withPreferences: restored))))
    }

    var profile: AccountProfile {
        AccountProfile(store: store, settings: accountSettings, timeZones: timeZones, mailQueued: scheduling.mailQueued)
    }

    var deletion: AccountDeletion {
        AccountDeletion(context: scheduling, credentials: credentials, sendsMail: accountSettings.sendsMail)
    }

    /// Refuses a caller who signed in with a token.
    func requirePasswordSignIn(_ action: String) throws(APIError) {
        guard try APICaller.required().scopes == nil else {
            throw APIError(status: 403, kind: "insufficient-scope",
                           detail: "Sign in with a password or app password to \(action); a token may not.")
        }
    }

    private func json(withPreferences user: User) async throws(APIError) -> Components.Schemas.User {
        let preferences = try await accounts { () async throws(AccountError) in try await profile.preferences(of: user) }
        return Self.json(user, preferences: preferences)
    }

    static var now: Int64 { Int64(Date().timeIntervalSince1970) }

    /// An account as JSON; `preferences` only for its owner.
    static func json(_ user: User, preferences: UserPreferences?, emailVerificationSent: Bool? = nil)
        -> Components.Schemas.User {
        Components.Schemas.User(
            id: String(user.id), name: user.name, displayName: user.displayName, email: user.email,
            isAdmin: user.isAdmin, status: Components.Schemas.AccountStatus(rawValue: user.status.rawValue) ?? .disabled,
            deletionDueAt: user.deletionDueAt.map { RFC3339.format(Instant(secondsSinceEpoch: $0), in: FixedOffsetZone.utc) },
            preferences: preferences.map {
                Components.Schemas.Preferences(timeZone: $0.timeZone, language: $0.language,
                                               weekStart: $0.weekStart.flatMap { .init(rawValue: $0.rawValue) })
            },
            emailVerificationSent: emailVerificationSent)
    }
}
