import CalendarStore
import Calendaring

/// The administrator's view of every account (`/admin/users`): list, make, change and delete. The caller must be an
/// administrator now (a token also needs the `admin` scope, which the door checks first, `TokenScopeRule`); the
/// rules, including that nobody disables, demotes or deletes themselves, are `AccountAdministration`'s.
extension CalendarAPIService {
    package func listUsers(_ input: Operations.ListUsers.Input) async throws -> Operations.ListUsers.Output {
        _ = try await administrator()
        let users = try await accounts { () async throws(AccountError) in try await administration.users() }
        return .ok(.init(body: .json(.init(items: users.map { Self.json($0, preferences: nil) }))))
    }

    package func createUser(_ input: Operations.CreateUser.Input) async throws -> Operations.CreateUser.Output {
        guard case .json(let fields) = input.body else { throw APIError.invalid("The body must be JSON.") }
        _ = try await administrator()
        let user = try await accounts { () async throws(AccountError) in
            try await administration.create(name: fields.name, password: fields.password, email: fields.email ?? "",
                                            displayName: fields.displayName, isAdmin: fields.isAdmin ?? false)
        }
        return .created(.init(headers: .init(location: "/api/v1/admin/users/" + Self.pathSegment(user.name)),
                              body: .json(Self.json(user, preferences: nil))))
    }

    package func getUser(_ input: Operations.GetUser.Input) async throws -> Operations.GetUser.Output {
        _ = try await administrator()
        let user = try await accounts { () async throws(AccountError) in
            try await administration.user(named: input.path.userName)
        }
        return .ok(.init(body: .json(Self.json(user, preferences: nil))))
    }

    package func patchUser(_ input: Operations.PatchUser.Input) async throws -> Operations.PatchUser.Output {
        guard case .json(let fields) = input.body else { throw APIError.invalid("The body must be JSON.") }
        let me = try await administrator()
        let updated = try await accounts { () async throws(AccountError) in
            let target = try await administration.user(named: input.path.userName)
            return try await administration.update(target, by: me, displayName: fields.displayName, email: fields.email,
                                                   status: fields.status.flatMap { AccountStatus(rawValue: $0.rawValue) },
                                                   isAdmin: fields.isAdmin)
        }
        return .ok(.init(body: .json(Self.json(updated, preferences: nil))))
    }

    package func deleteUser(_ input: Operations.DeleteUser.Input) async throws -> Operations.DeleteUser.Output {
        let me = try await administrator()
        let (target, gone) = try await accounts { () async throws(AccountError) in
            let target = try await administration.user(named: input.path.userName)
            return (target, try await administration.delete(target, by: me, now: Self.now))
        }
        if gone { return .noContent(.init()) }
        // Waiting, disabled, for the messages its deletion queued to leave; show it as it is now.
        let waiting = try await accounts { () async throws(AccountError) in
            try await administration.user(named: target.name)
        }
        return .accepted(.init(body: .json(Self.json(waiting, preferences: nil))))
    }

    var administration: AccountAdministration {
        AccountAdministration(context: scheduling, credentials: credentials, sendsMail: accountSettings.sendsMail)
    }

    /// The signed-in user, if they are an administrator.
    private func administrator() async throws(APIError) -> User {
        let me = try await currentUser()
        try await accounts { () async throws(AccountError) in try AccountAdministration.requireAdministrator(me) }
        return me
    }

    /// A user name as one URL path segment: unreserved characters, `@` and `+` stay, every other byte is escaped.
    static func pathSegment(_ name: String) -> String {
        let kept = Set("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-._~@+".utf8)
        let digits = Array("0123456789ABCDEF".utf8)
        var out: [UInt8] = []
        for byte in name.utf8 {
            if kept.contains(byte) {
                out.append(byte)
            } else {
                out += [UInt8(ascii: "%"), digits[Int(byte >> 4)], digits[Int(byte & 0x0F)]]
            }
        }
        return String(decoding: out, as: UTF8.self)
    }
}
