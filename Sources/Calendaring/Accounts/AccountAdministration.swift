import CalendarStore

/// What an administrator does to other people's accounts through a door: list them, make one (active at once),
/// change its name, address, standing or role, delete it. Only an administrator may, and never to lock themselves
/// out: they cannot disable, demote or delete their own account (another administrator, or the command line, can).
package struct AccountAdministration: Sendable {
    let context: SchedulingContext
    let credentials: any AccountCredentials
    let sendsMail: Bool

    package init(context: SchedulingContext, credentials: any AccountCredentials, sendsMail: Bool) {
        self.context = context
        self.credentials = credentials
        self.sendsMail = sendsMail
    }

    var store: any CalendarStore { context.store }

    /// Refuses anyone but an administrator.
    package static func requireAdministrator(_ user: User) throws(AccountError) {
        guard user.isAdmin else { throw .notAdministrator }
    }

    /// Every account, by name.
    package func users() async throws(AccountError) -> [User] {
        do {
            return try await store.users()
        } catch {
            throw .store(error)
        }
    }

    /// The account with this name; `userNotFound` when there is none.
    package func user(named name: String) async throws(AccountError) -> User {
        let found: User?
        do {
            found = try await store.user(named: name)
        } catch {
            throw .store(error)
        }
        guard let found else { throw .userNotFound(name) }
        return found
    }

    /// A new account, active at once (the administrator vouches for the address).
    package func create(name: String, password: String, email: String, displayName: String?, isAdmin: Bool)
        async throws(AccountError) -> User {
        try await AccountCreation(store: store, credentials: credentials).create(
            name: name, password: password, email: email, displayName: displayName, isAdmin: isAdmin, status: .active,
            requireEmail: false)
    }

    /// Changes what is given. The address is set as given (an empty one removes it); disabling signs the account
    /// out of every remembered sign-in at once.
    package func update(_ target: User, by administrator: User, displayName: String?, email: String?,
                        status: AccountStatus?, isAdmin: Bool?) async throws(AccountError) -> User {
        if target.id == administrator.id {
            if let status, status != .active {
                throw .ownAccount(reason: "You cannot disable your own account; another administrator can.")
            }
            if isAdmin == false {
                throw .ownAccount(reason: "You cannot take your own administrator role; another administrator can.")
            }
        }
        var update = UserUpdate(status: status, isAdmin: isAdmin)
        if let displayName { update.displayName = try AccountRules.validatedDisplayName(displayName) }
        if let email {
            update.email = email.trimmingSpaces.isEmpty ? "" : try AccountRules.validatedEmail(email)
        }
        let updated: User
        do {
            updated = try await store.updateUser(id: target.id, update)
        } catch .alreadyExists {
            throw .emailTaken(update.email ?? "")
        } catch .notFound {
            throw .userNotFound(target.name)
        } catch {
            throw .store(error)
        }
        if updated.status != target.status { await credentials.forget(userID: target.id) }
        return updated
    }

    /// Deletes the account at once, as `AccountDeletion` does (its meetings cancelled and declined). True when it
    /// is gone; false when it waits, disabled, for its last messages to leave the mail queue.
    package func delete(_ target: User, by administrator: User, now: Int64) async throws(AccountError) -> Bool {
        guard target.id != administrator.id else {
            throw .ownAccount(reason: "You cannot delete your own account here; another administrator can, or you can "
                                  + "ask for it with DELETE /users/me.")
        }
        return try await AccountDeletion(context: context, credentials: credentials, sendsMail: sendsMail)
            .delete(target, now: now)
    }
}
