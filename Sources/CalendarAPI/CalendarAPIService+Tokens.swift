internal import Foundation
import CalendarStore
import Calendaring
import ICalendar

/// Personal access tokens: made, listed and revoked by the user, the secret shown once. The door lets only a
/// caller who signed in with a password or app password here (`TokenScopeRule`); the handlers check it again.
extension CalendarAPIService {
    package func listTokens(_ input: Operations.ListTokens.Input) async throws -> Operations.ListTokens.Output {
        let me = try await passwordCaller()
        let tokens = try await store { store throws(StoreError) in try await store.accessTokens(userID: me.id) }
        // Tokens apps received through OAuth belong to their authorization (`/users/me/authorizations`).
        return .ok(.init(body: .json(.init(items: tokens.filter { $0.grantID == nil }.map(Self.json)))))
    }

    package func createToken(_ input: Operations.CreateToken.Input) async throws -> Operations.CreateToken.Output {
        guard case .json(let fields) = input.body else { throw APIError.invalid("The body must be JSON.") }
        let me = try await passwordCaller()
        let scopes = fields.scopes.compactMap { AccessTokenScope(rawValue: $0.rawValue) }
        let issued = try await calendaring { () async throws(CalendaringError) in
            try await AccessTokenIssuer(store: store).issue(for: me, label: fields.label, scopes: scopes,
                                                            lifetimeDays: fields.expiresInDays,
                                                            now: Int64(Date().timeIntervalSince1970))
        }
        return .created(.init(body: .json(.init(token: Self.json(issued.token), secret: issued.secret))))
    }

    package func deleteToken(_ input: Operations.DeleteToken.Input) async throws -> Operations.DeleteToken.Output {
        let me = try await passwordCaller()
        guard let id = Int64(input.path.tokenId) else {
            throw APIError.notFound("You have no token \(input.path.tokenId).")
        }
        do {
            try await store.revokeAccessToken(userID: me.id, id: id)
        } catch .notFound {
            throw APIError.notFound("You have no token \(input.path.tokenId).")
        } catch {
            throw error.apiError
        }
        return .noContent(.init())
    }

    /// The signed-in user, if they signed in with a password or app password.
    func passwordCaller() async throws(APIError) -> User {
        guard try APICaller.required().scopes == nil else {
            throw APIError(status: 403, kind: "insufficient-scope",
                           detail: "Tokens are managed by signing in with a password or app password, not with a token.")
        }
        return try await currentUser()
    }

    static func json(_ token: AccessToken) -> Components.Schemas.Token {
        func stamp(_ seconds: Int64?) -> String? {
            seconds.map { RFC3339.format(Instant(secondsSinceEpoch: $0), in: FixedOffsetZone.utc) }
        }
        return .init(id: String(token.id), label: token.label,
                     scopes: token.scopes.compactMap(Components.Schemas.TokenScope.init(rawValue:)),
                     created: stamp(token.createdAt)!, expires: stamp(token.expiresAt), lastUsed: stamp(token.lastUsedAt))
    }
}
