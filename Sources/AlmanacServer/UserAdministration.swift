import CalDAV
import Foundation
import CalendarStore
import Calendaring

/// Account management for the CLI and for the server's first start: users, passwords, app passwords.
/// Passwords are bcrypt-hashed here; the store only ever sees hashes.
public struct UserAdministration: Sendable {
    public let store: any CalendarStore
    public let hasher: PasswordHasher
    public let service: CalDAVService
    /// The running server's cache, when this runs in the server process, so credential changes apply at once.
    public let credentialCache: CredentialCache?

    /// The user name `bootstrapAdministrator()` creates.
    public static let administratorName = "admin"
    /// Shortest password accepted for an account.
    public static let minimumPasswordLength = AccountRules.minimumPasswordLength

    public init(store: any CalendarStore, calDAVConfiguration: CalDAVConfiguration = CalDAVConfiguration(),
                bcryptCost: UInt8 = ServerConfiguration.defaultBcryptCost, credentialCache: CredentialCache? = nil) {
        self.store = store
        self.hasher = PasswordHasher(cost: bcryptCost)
        self.service = CalDAVService(store: store, configuration: calDAVConfiguration)
        self.credentialCache = credentialCache
    }

    /// Creates an account and its default calendar, active at once (`AccountCreation`: the same checks as every
    /// other way of making one).
    public func addUser(name: String, password: String, email: String = "", displayName: String? = nil,
                        isAdmin: Bool = false) async throws(AdministrationError) -> User {
        do {
            return try await AccountCreation(store: store, credentials: credentials).create(
                name: name, password: password, email: email, displayName: displayName, isAdmin: isAdmin,
                status: .active, requireEmail: false)
        } catch {
            throw AdministrationError(error, userName: name)
        }
    }

    /// Stops the account from signing in, from its next request (its data stays); `enableUser` lets it in again.
    public func disableUser(named name: String) async throws(AdministrationError) -> User {
        try await setStatus(.disabled, of: name)
    }

    /// Lets a disabled account sign in again; also activates one whose address was never confirmed.
    public func enableUser(named name: String) async throws(AdministrationError) -> User {
        try await setStatus(.active, of: name)
    }

    private func setStatus(_ status: AccountStatus, of name: String) async throws(AdministrationError) -> User {
        let user = try await existingUser(name)
        let updated: User
        do {
            updated = try await store.updateUser(id: user.id, UserUpdate(status: status))
        } catch .notFound {
            throw .userNotFound(name)
        } catch {
            throw .store(error)
        }
        await credentialCache?.forget(userID: user.id)
        return updated
    }

    private var credentials: ServerAccountCredentials {
        ServerAccountCredentials(hasher: hasher, cache: credentialCache)
    }

    public func changePassword(userName: String, to password: String) async throws(AdministrationError) {
        try Self.validate(password: password)
        let user = try await existingUser(userName)
        let hash = await hasher.hash(password)
        do {
            try await store.setPasswordHash(userID: user.id, hash: hash)
        } catch {
            throw .store(error)
        }
        await credentialCache?.forget(userID: user.id)
    }

    /// All accounts, ordered by name.
    public func users() async throws(AdministrationError) -> [User] {
        do {
            return try await store.users()
        } catch {
            throw .store(error)
        }
    }

    /// Deletes the account with all its calendars, objects and app passwords.
    /// Deletes the account as the API's deletion does: its meetings are cancelled to their attendees and declined
    /// to their organizers first. True when it is gone; false when, with a mail relay (`sendsMail`), it waits
    /// disabled for those messages to leave the queue, and the server's hourly pass finishes it.
    @discardableResult
    public func deleteUser(named name: String, sendsMail: Bool = false) async throws(AdministrationError) -> Bool {
        let user = try await existingUser(name)
        let deletion = AccountDeletion(context: service.schedulingContext, credentials: credentials,
                                       sendsMail: sendsMail)
        do {
            return try await deletion.delete(user, now: Int64(Date().timeIntervalSince1970))
        } catch {
            throw AdministrationError(error, userName: name)
        }
    }

    /// Creates an app password with a generated secret. The secret is in the result only: it cannot be shown again.
    public func addAppPassword(userName: String, label: String) async throws(AdministrationError) -> NewAppPassword {
        let trimmed = label.trimmingCharacters(in: .whitespaces)
        guard !trimmed.isEmpty else { throw .invalidLabel(reason: "it must not be empty.") }
        guard trimmed.count <= 100, !trimmed.unicodeScalars.contains(where: { $0.properties.generalCategory == .control })
        else { throw .invalidLabel(reason: "use at most 100 printable characters.") }
        let user = try await existingUser(userName)
        let secret = PasswordGenerator.password(length: 24)
        let hash = await hasher.hash(secret)
        do {
            let record = try await store.addAppPassword(userID: user.id, label: trimmed, passwordHash: hash)
            return NewAppPassword(record: record, secret: secret)
        } catch {
            throw .store(error)
        }
    }

    /// The user's app passwords, oldest first.
    public func appPasswords(userName: String) async throws(AdministrationError) -> [AppPassword] {
        let user = try await existingUser(userName)
        do {
            return try await store.appPasswords(userID: user.id)
        } catch {
            throw .store(error)
        }
    }

    /// Makes a personal access token for the user (`AccessTokenIssuer`: scopes, label and lifetime checked).
    public func addAccessToken(userName: String, label: String, scopes: [AccessTokenScope], lifetimeDays: Int?)
        async throws(AdministrationError) -> IssuedAccessToken {
        let user = try await existingUser(userName)
        do {
            let issued = try await AccessTokenIssuer(store: store).issue(
                for: user, label: label, scopes: scopes, lifetimeDays: lifetimeDays,
                now: Int64(Date().timeIntervalSince1970))
            return IssuedAccessToken(record: issued.token, secret: issued.secret)
        } catch .store(let error) {
            throw .store(error)
        } catch .refused(_, let reason) {
            throw .invalidToken(reason)
        } catch {
            throw .invalidToken("The token could not be made.")
        }
    }

    /// The user's personal access tokens, oldest first.
    public func accessTokens(userName: String) async throws(AdministrationError) -> [AccessToken] {
        let user = try await existingUser(userName)
        do {
            return try await store.accessTokens(userID: user.id)
        } catch {
            throw .store(error)
        }
    }

    public func revokeAccessToken(userName: String, id: Int64) async throws(AdministrationError) {
        let user = try await existingUser(userName)
        do {
            try await store.revokeAccessToken(userID: user.id, id: id)
        } catch .notFound {
            throw .tokenNotFound(user: userName, id: id)
        } catch {
            throw .store(error)
        }
    }

    public func revokeAppPassword(userName: String, id: Int64) async throws(AdministrationError) {
        let user = try await existingUser(userName)
        do {
            try await store.revokeAppPassword(userID: user.id, id: id)
        } catch .notFound {
            throw .appPasswordNotFound(user: userName, id: id)
        } catch {
            throw .store(error)
        }
        await credentialCache?.forget(userID: user.id)
    }

    /// On a store without users, creates the administrator "admin" with a random password and returns that
    /// password (for the operator to read once); nil when users exist already.
    public func bootstrapAdministrator() async throws(AdministrationError) -> String? {
        guard try await users().isEmpty else { return nil }
        let password = PasswordGenerator.password(length: 24)
        do {
            _ = try await addUser(name: Self.administratorName, password: password, displayName: "Administrator",
                                  isAdmin: true)
        } catch .userExists {
            // Another process bootstrapped at the same moment; its password was printed there.
            return nil
        }
        return password
    }

    private func existingUser(_ name: String) async throws(AdministrationError) -> User {
        let found: User?
        do {
            found = try await store.user(named: name)
        } catch {
            throw .store(error)
        }
        guard let found else { throw .userNotFound(name) }
        return found
    }

    /// User names appear in URLs and in Basic credentials (`AccountRules`).
    static func validate(userName name: String) throws(AdministrationError) {
        do {
            try AccountRules.validate(userName: name)
        } catch {
            throw AdministrationError(error, userName: name)
        }
    }

    static func validate(password: String) throws(AdministrationError) {
        do {
            try AccountRules.validate(password: password)
        } catch {
            throw AdministrationError(error, userName: "")
        }
    }
}

/// An app password just created: the stored record and the secret, which exists nowhere else.
/// A personal access token just made: the stored record and the secret, shown once.
public struct IssuedAccessToken: Sendable, Hashable {
    public var record: AccessToken
    public var secret: String
}

public struct NewAppPassword: Sendable, Hashable {
    public var record: AppPassword
    public var secret: String
}
