import CalendarStore

/// Makes an account as every way of making one must (the command line, self sign-up, an administrator): the name,
/// password, address and display name checked by `AccountRules`, the password hashed by the server, the account
/// stored (the store refuses a name or address another account has, letters folded) and provisioned.
package struct AccountCreation: Sendable {
    let store: any CalendarStore
    let credentials: any AccountCredentials

    package init(store: any CalendarStore, credentials: any AccountCredentials) {
        self.store = store
        self.credentials = credentials
    }

    /// The new account. `email` may be empty unless `requireEmail`; `displayName` nil means the name.
    package func create(name: String, password: String, email: String, displayName: String?, isAdmin: Bool,
                        status: AccountStatus, requireEmail: Bool) async throws(AccountError) -> User {
        try AccountRules.validate(userName: name)
        try AccountRules.validate(password: password)
        let address = requireEmail || !email.trimmingSpaces.isEmpty ? try AccountRules.validatedEmail(email) : ""
        let shownName = try displayName.map { name throws(AccountError) in try AccountRules.validatedDisplayName(name) }
        let hash = await credentials.hash(password)
        let user: User
        do {
            user = try await store.createUser(NewUser(name: name, displayName: shownName, email: address,
                                                      passwordHash: hash, isAdmin: isAdmin, status: status))
        } catch .alreadyExists {
            // The store refuses a taken name or address alike (letters folded, groups included): say which.
            throw try await clash(name: name, email: address)
        } catch {
            throw .store(error)
        }
        do {
            try await AccountProvisioning(store: store).provision(user)
        } catch {
            throw .store(error)
        }
        return user
    }

    /// What the store's `alreadyExists` meant: the address when another account has it, else the name.
    private func clash(name: String, email: String) async throws(AccountError) -> AccountError {
        guard !email.isEmpty else { return .nameTaken(name) }
        let holder: User?
        do {
            holder = try await store.user(email: email)
        } catch {
            throw .store(error)
        }
        return holder != nil ? .emailTaken(email) : .nameTaken(name)
    }
}
