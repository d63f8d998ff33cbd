import CalendarStore
import Calendaring
import ICalendar

/// The apps a user let in through OAuth 2.0 ("connected apps"): each grant with the app's name and the scopes it
/// holds, and revoking one, which ends every access and refresh token it was given at once. Like tokens, managed
/// only by a caller who signed in with a password or app password, so an app cannot keep itself connected.
extension CalendarAPIService {
    package func listAuthorizations(_ input: Operations.ListAuthorizations.Input) async throws
        -> Operations.ListAuthorizations.Output {
        let me = try await passwordCaller()
        let grants = try await store { store throws(StoreError) in try await store.oauthGrants(userID: me.id) }
        var items: [Components.Schemas.Authorization] = []
        for grant in grants {
            let client = try await store { store throws(StoreError) in try await store.oauthClient(clientID: grant.clientID) }
            items.append(.init(id: String(grant.id), clientId: grant.clientID, clientName: client?.name ?? grant.clientID,
                               scopes: grant.scopes.compactMap(Components.Schemas.TokenScope.init(rawValue:)),
                               created: RFC3339.format(Instant(secondsSinceEpoch: grant.createdAt), in: FixedOffsetZone.utc)))
        }
        return .ok(.init(body: .json(.init(items: items))))
    }

    package func deleteAuthorization(_ input: Operations.DeleteAuthorization.Input) async throws
        -> Operations.DeleteAuthorization.Output {
        let me = try await passwordCaller()
        let missing = APIError.notFound("You have no authorization \(input.path.authorizationId).")
        guard let id = Int64(input.path.authorizationId) else { throw missing }
        let grant = try await store { store throws(StoreError) in try await store.oauthGrant(id: id) }
        guard let grant, grant.userID == me.id else { throw missing }
        do {
            try await store.deleteOAuthGrant(id: id)
        } catch .notFound {
            throw missing
        } catch {
            throw error.apiError
        }
        return .noContent(.init())
    }
}
