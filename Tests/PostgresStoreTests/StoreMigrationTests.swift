import CalendarStore
import Foundation
import PostgresStore
import SQLiteStore
import Testing

/// `almanac migrate`: a SQLite store with a bit of everything, copied into PostgreSQL, reads back the same through
/// every call, and its clients' sync tokens and ETags stay valid.
@Suite(.enabled(if: TestPostgres.isConfigured, "set ALMANAC_TEST_POSTGRES to a postgres:// URL to run"))
struct StoreMigrationTests {
    @Test func copiesEverythingAndKeepsSyncTokens() async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("migrate-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let source = try SQLiteStore(path: directory.appendingPathComponent("almanac.sqlite").path)
        defer { source.close() }
        let fixture = try await Self.fill(source)

        let schema = try TemporarySchema()
        let target = try await schema.store()
        do {
            let report = try await StoreMigration.copy(from: source, to: target)
            for table in report {
                #expect(table.matches, "\(table.table): \(table.sourceCount) / \(table.targetCount)")
            }
            #expect(report.first { $0.table == "objects" }?.targetCount == 3)
            #expect(report.first { $0.table == "changes" }?.targetCount == 4)
            #expect(report.first { $0.table == "access_tokens" }?.targetCount == 2)
            #expect(report.first { $0.table == "oauth_clients" }?.targetCount == 1)
            #expect(report.first { $0.table == "oauth_grants" }?.targetCount == 1)
            #expect(report.first { $0.table == "refresh_tokens" }?.targetCount == 2)
            #expect(report.first { $0.table == "user_preferences" }?.targetCount == 1)
            let alice = try #require(try await source.user(named: "alice"))
            #expect(try await target.accessToken(hash: "ab12") == (try await source.accessToken(hash: "ab12")))
            #expect(try await target.accessTokens(userID: alice.id).first?.lastUsedAt == 1_900_000_000)
            #expect(try await target.users() == (try await source.users()), "status and deletion due copied")
            #expect(try await target.user(named: "bob")?.status == .disabled)
            #expect(try await target.user(named: "bob")?.deletionDueAt == 2_100_000_000)
            #expect(try await target.userPreferences(userID: alice.id) == #"{"weekStart":"monday"}"#)
            #expect(try await target.oauthClients() == (try await source.oauthClients()))
            #expect(try await target.accessToken(hash: "gr4nt")?.grantID == fixture.grantID)
            // The replaced refresh token still reveals a replay after the copy; the live one rotates there.
            let replay = try await target.useRefreshToken(hash: "old-refresh", at: 1_000)
            if case .replayed = replay {} else { Issue.record("the replaced refresh token: \(String(describing: replay))") }
            let rotation = try await target.useRefreshToken(hash: "new-refresh", at: 1_000)
            if case .rotated(_, let grant) = rotation {
                #expect(grant.id == fixture.grantID)
            } else {
                Issue.record("the live refresh token: \(String(describing: rotation))")
            }
            #expect(try await target.redeemOneTimeCode(hash: "c0de", purpose: "p", at: 1_000) == nil,
                    "one-time codes are not copied")
            let client = try await target.addOAuthClient(NewOAuthClient(clientID: "next", name: "Next",
                                                                        redirectURIs: [], secretHash: nil))
            let nextGrant = try await target.createOAuthGrant(userID: alice.id, clientID: "next", scopes: [])
            #expect(client.id > 0 && nextGrant.id > fixture.grantID, "grant ids follow the copied ones")
            let refresh = try await target.addRefreshToken(grantID: nextGrant.id, tokenHash: "next-refresh",
                                                           expiresAt: 4_000_000_000)
            #expect(refresh.id > fixture.largestRefreshTokenID, "refresh token ids follow the copied ones")
            // A client that synced before the copy carries on from its token.
            let before = try await source.changes(calendarID: fixture.calendarID, since: fixture.token, limit: nil)
            let after = try await target.changes(calendarID: fixture.calendarID, since: fixture.token, limit: nil)
            #expect(after == before)
            #expect(after.changes.contains(ChangeSet.Change(name: "gone.ics", exists: false)))
            // New ids follow the copied ones instead of colliding with them.
            let newcomer = try await target.createUser(NewUser(name: "newcomer", passwordHash: "x"))
            #expect(newcomer.id > fixture.largestUserID)
            let calendar = try await target.createCalendar(NewCalendar(ownerID: newcomer.id, slug: "c"))
            #expect(calendar.id > fixture.calendarID)
            // A second copy into the same store is refused: it is not empty any more.
            await #expect(throws: StoreError.self) { try await StoreMigration.copy(from: source, to: target) }
        } catch {
            await target.close(); await schema.drop()
            throw error
        }
        await target.close()
        await schema.drop()
    }

    private struct Fixture {
        var calendarID: Int64
        var token: Int64
        var largestUserID: Int64
        var grantID: Int64
        var largestRefreshTokenID: Int64
    }

    /// Users with app passwords and an access token, a group, calendars with dead properties, objects (one recurring, one deleted after
    /// a sync token was handed out), grants of each kind, presentations, settings, notices, a delegation and mail.
    private static func fill(_ store: SQLiteStore) async throws -> Fixture {
        let alice = try await store.createUser(NewUser(name: "alice", email: "alice@example.com", passwordHash: "a"))
        let bob = try await store.createUser(NewUser(name: "bob", email: "bob@example.com", passwordHash: "b"))
        _ = try await store.addAppPassword(userID: alice.id, label: "phone", passwordHash: "p")
        let accessToken = try await store.addAccessToken(NewAccessToken(userID: alice.id, label: "script", tokenHash: "ab12",
                                                                  scopes: ["calendars.read", "freebusy"],
                                                                  expiresAt: 2_000_000_000))
        try await store.recordAccessTokenUse(id: accessToken.id, at: 1_900_000_000)
        // The account side: a disabled user on the way out, preferences, an OAuth client with a grant, its access
        // token and a refresh token already replaced by the next one; a one-time code, which is not copied.
        _ = try await store.updateUser(id: bob.id, UserUpdate(status: .disabled))
        try await store.scheduleUserDeletion(id: bob.id, at: 2_100_000_000)
        try await store.setUserPreferences(userID: alice.id, #"{"weekStart":"monday"}"#)
        _ = try await store.addOAuthClient(NewOAuthClient(clientID: "app", name: "App",
                                                          redirectURIs: ["https://app.example/cb", "app:/cb"],
                                                          secretHash: "5ec7"))
        let grant = try await store.createOAuthGrant(userID: alice.id, clientID: "app", scopes: ["calendars.read"])
        _ = try await store.addAccessToken(NewAccessToken(userID: alice.id, label: "App", tokenHash: "gr4nt",
                                                          scopes: ["calendars.read"], expiresAt: 2_000_000_000,
                                                          grantID: grant.id))
        _ = try await store.addRefreshToken(grantID: grant.id, tokenHash: "old-refresh", expiresAt: 4_000_000_000)
        _ = try await store.useRefreshToken(hash: "old-refresh", at: 500)
        let refresh = try await store.addRefreshToken(grantID: grant.id, tokenHash: "new-refresh",
                                                      expiresAt: 4_000_000_000)
        _ = try await store.addOneTimeCode(NewOneTimeCode(codeHash: "c0de", userID: alice.id, purpose: "p",
                                                          payload: "{}", expiresAt: 4_000_000_000))
        let team = try await store.createGroup(NewGroup(name: "team", email: "team@example.com"))
        try await store.addMember(groupID: team.id, userID: bob.id)
        let home = try await store.createCalendar(NewCalendar(
            ownerID: alice.id, slug: "home", displayName: "Home", color: "#FF0000FF",
            deadProperties: [DeadProperty(namespace: "urn:x", name: "b", xml: "<b xmlns=\"urn:x\"/>"),
                             DeadProperty(namespace: "urn:x", name: "a", xml: "<a xmlns=\"urn:x\"/>")]))
        let event = ObjectIndex(uid: "e1", componentType: "VEVENT", firstStart: 1_000, lastEnd: 2_000,
                                instances: [InstanceInterval(start: 1_000, end: 2_000)], horizon: nil,
                                text: IndexedText(summary: "Standup"), scheduleTag: "s1")
        _ = try await store.putObject(calendarID: home.id, name: "e1.ics", data: Array("BEGIN:VCALENDAR\r\nE1\r\n".utf8),
                                      index: event, precondition: .none)
        let series = ObjectIndex(uid: "r1", componentType: "VEVENT", firstStart: 0, lastEnd: nil,
                                 instances: (0..<5).map { InstanceInterval(start: $0 * 86_400, end: $0 * 86_400 + 60) },
                                 horizon: 5 * 86_400, expandedUntil: 5 * 86_400, isExact: true)
        _ = try await store.putObject(calendarID: home.id, name: "r1.ics", data: Array("BEGIN:VCALENDAR\r\nR1\r\n".utf8),
                                      index: series, precondition: .none)
        _ = try await store.putObject(calendarID: home.id, name: "gone.ics", data: Array("G".utf8),
                                      index: ObjectIndex(uid: "g", componentType: "VTODO", firstStart: nil, lastEnd: nil,
                                                         instances: [], horizon: nil), precondition: .none)
        let token = try await store.changes(calendarID: home.id, since: nil, limit: nil).revision
        try await store.deleteObject(calendarID: home.id, name: "gone.ics", ifMatch: nil)
        _ = try await store.putObject(calendarID: home.id, name: "t.ics", data: Array("T".utf8),
                                      index: ObjectIndex(uid: "t", componentType: "VTODO", firstStart: nil, lastEnd: nil,
                                                         instances: [], horizon: nil), precondition: .none)
        _ = try await store.setGrant(calendarID: home.id, grantee: .user(bob.id), role: .write, state: .accepted,
                                     grantedBy: alice.id)
        _ = try await store.setGrant(calendarID: home.id, grantee: .group(team.id), role: .read, state: .invited,
                                     grantedBy: nil)
        try await store.setShareePresentation(calendarID: home.id, userID: bob.id, displayName: "Alice's", color: nil)
        _ = try await store.setObjectGrant(calendarID: home.id, objectName: "e1.ics", userID: bob.id, role: .read,
                                           grantedBy: alice.id)
        try await store.setFreeBusyVisibility(userID: bob.id, .sharees)
        _ = try await store.putShareNotice(NewShareNotice(userID: bob.id, uid: "n1", kind: .invitation,
                                                          status: .invited, calendarID: home.id, ownerID: alice.id,
                                                          shareeID: bob.id, role: .write, calendarName: "Home"))
        try await store.setDelegation(ownerID: alice.id, delegateID: bob.id, mode: .write)
        let queued = try await store.apply([.enqueue(NewOutgoingMessage(
            senderUserID: alice.id, envelopeFrom: "alice@example.com", envelopeTo: "dave@example.net",
            messageID: "m1@example.com", method: "REQUEST", uid: "e1", content: Array("mail".utf8)))])
        if case .enqueued(let message) = queued.first {
            _ = try await store.recordDeliveryAttempt(outgoingID: message.id, at: message.createdAt + 1,
                                                      outcome: .retry(nextAttemptAt: message.createdAt + 60),
                                                      detail: "451 later")
        }
        return Fixture(calendarID: home.id, token: token, largestUserID: bob.id, grantID: grant.id,
                       largestRefreshTokenID: refresh.id)
    }
}
