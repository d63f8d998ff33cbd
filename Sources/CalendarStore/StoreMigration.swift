/// Copies everything one store holds into another, empty one, keeping ids, revisions, ETags and times (so every
/// client's sync token and ETag stays valid), then reads both through the same calls and compares them table by
/// table: counts and a digest of every record (objects by their stored bytes, re-hashed).
///
/// Accounts come whole: status, scheduled deletion, preferences, app passwords, personal and grant-issued access
/// tokens, OAuth clients, grants and refresh tokens (replaced ones too, so a replay is still recognised after the
/// copy). One-time codes (e-mail verification links, authorization codes, single sign-on state) are not copied:
/// they live minutes, the store cannot list them, and whoever holds one asks for a new one.
public enum StoreMigration {
    /// One table's figures on both sides.
    public struct TableReport: Sendable, Hashable {
        public var table: String
        public var sourceCount: Int
        public var targetCount: Int
        public var sourceDigest: String
        public var targetDigest: String
        public var matches: Bool { sourceCount == targetCount && sourceDigest == targetDigest }
    }

    /// Objects read and written per batch: memory follows the batch, not the calendar.
    public static let pageSize = 500

    /// Copies `source` into `target`; `invalidArgument` when the target is not empty. `progress` hears one line per
    /// stage. Returns the verification, table by table (the caller decides what a mismatch means).
    public static func copy(from source: any StoreExporting, to target: any StoreImporting,
                            progress: (String) -> Void = { _ in }) async throws(StoreError) -> [TableReport] {
        guard try await target.isEmpty() else {
            throw .invalidArgument("the target store is not empty: migrate only into a new, empty database")
        }
        let users = try await source.users()
        try await target.importRecords(.users(users))
        progress("users: \(users.count)")
        let clients = try await source.oauthClients()
        try await target.importRecords(.oauthClients(clients))
        // Grants before the tokens: a grant-issued access token refers to its grant.
        var grants: [OAuthGrant] = []
        for user in users {
            let userGrants = try await source.oauthGrants(userID: user.id)
            try await target.importRecords(.oauthGrants(userGrants))
            grants += userGrants
        }
        var refreshTokenCount = 0
        for user in users {
            if let preferences = try await source.userPreferences(userID: user.id) {
                try await target.importRecords(.preferences(userID: user.id, preferences))
            }
            try await target.importRecords(.appPasswords(try await source.appPasswords(userID: user.id)))
            try await target.importRecords(.accessTokens(try await source.accessTokens(userID: user.id)))
        }
        for grant in grants {
            let tokens = try await source.refreshTokens(grantID: grant.id)
            try await target.importRecords(.refreshTokens(tokens))
            refreshTokenCount += tokens.count
        }
        progress("oauth: \(clients.count) clients, \(grants.count) grants, \(refreshTokenCount) refresh tokens")
        let groups = try await source.groups()
        try await target.importRecords(.groups(groups))
        for group in groups {
            let members = try await source.members(groupID: group.id)
            try await target.importRecords(.memberships(members.map { GroupMembership(groupID: group.id, userID: $0.id) }))
        }
        progress("groups: \(groups.count)")
        var calendarCount = 0, objectCount = 0
        for user in users {
            let calendars = try await source.calendars(ownerID: user.id)
            try await target.importRecords(.calendars(calendars))
            calendarCount += calendars.count
            for calendar in calendars {
                var after: String?
                while true {
                    let page = try await source.objects(calendarID: calendar.id, after: after, limit: pageSize)
                    guard let last = page.last else { break }
                    try await target.importRecords(.objects(page))
                    objectCount += page.count
                    after = last.name
                }
                try await target.importRecords(.changeLog(try await source.changeLog(calendarID: calendar.id)))
                try await target.importRecords(.grants(try await source.grants(calendarID: calendar.id)))
            }
        }
        progress("calendars: \(calendarCount), objects: \(objectCount)")
        for user in users {
            try await target.importRecords(.presentations(try await source.shareePresentations(userID: user.id)))
            try await target.importRecords(.objectGrants(try await source.objectGrants(userID: user.id)))
            if let visibility = try await source.freeBusyVisibility(userID: user.id) {
                try await target.importRecords(.freeBusyVisibility(userID: user.id, visibility))
            }
            try await target.importRecords(.shareNotices(try await source.shareNotices(userID: user.id)))
            try await target.importRecords(.delegations(try await source.delegates(ownerID: user.id)))
        }
        let messages = try await source.outgoingMessages(senderUserID: nil, limit: Int.max)
        var attempts: [DeliveryAttempt] = []
        for message in messages { attempts += try await source.deliveryAttempts(outgoingID: message.id) }
        try await target.importRecords(.outgoing(messages.reversed(), attempts: attempts))
        progress("outgoing mail: \(messages.count) messages, \(attempts.count) attempts")
        try await target.finishImport()
        return try await verify(source, target)
    }

    /// Both stores' digests, table by table.
    public static func verify(_ source: any StoreExporting, _ target: any StoreExporting) async throws(StoreError)
        -> [TableReport] {
        let before = try await StoreDigest(source)
        let after = try await StoreDigest(target)
        return before.tables.map { table, figures in
            let other = after.tables[table] ?? (count: 0, digest: "")
            return TableReport(table: table, sourceCount: figures.count, targetCount: other.count,
                               sourceDigest: figures.digest, targetDigest: other.digest)
        }.sorted { $0.table < $1.table }
    }
}

/// A store's contents as counts and digests per table, read through the contract (and `StoreExporting`), so two
/// stores of different engines can be compared.
struct StoreDigest {
    private(set) var tables: [String: (count: Int, digest: String)] = [:]

    init(_ store: any StoreExporting) async throws(StoreError) {
        var tally = Tally()
        let users = try await store.users()
        for user in users {
            tally.add("users", "\(user)")
            for password in try await store.appPasswords(userID: user.id) { tally.add("app_passwords", "\(password)") }
            for token in try await store.accessTokens(userID: user.id) { tally.add("access_tokens", "\(token)") }
            if let preferences = try await store.userPreferences(userID: user.id) {
                tally.add("user_preferences", "\(user.id) \(preferences)")
            }
            for grant in try await store.oauthGrants(userID: user.id) {
                tally.add("oauth_grants", "\(grant)")
                for token in try await store.refreshTokens(grantID: grant.id) {
                    tally.add("refresh_tokens", "\(token)")
                }
            }
            for calendar in try await store.calendars(ownerID: user.id) {
                tally.add("calendars", "\(calendar)")
                var after: String?
                while true {
                    let page = try await store.objects(calendarID: calendar.id, after: after,
                                                       limit: StoreMigration.pageSize)
                    guard let last = page.last else { break }
                    for object in page {
                        // The bytes by their hash, computed afresh: a copy that changed one byte does not match.
                        var described = object
                        described.data = []
                        tally.add("objects", "\(described) \(ETag(of: object.data).value)")
                    }
                    after = last.name
                }
                for entry in try await store.changeLog(calendarID: calendar.id) { tally.add("changes", "\(entry)") }
                for grant in try await store.grants(calendarID: calendar.id) { tally.add("grants", "\(grant)") }
            }
            for presentation in try await store.shareePresentations(userID: user.id) {
                tally.add("presentations", "\(presentation)")
            }
            for grant in try await store.objectGrants(userID: user.id) { tally.add("object_grants", "\(grant)") }
            if let visibility = try await store.freeBusyVisibility(userID: user.id) {
                tally.add("user_settings", "\(user.id) \(visibility)")
            }
            for notice in try await store.shareNotices(userID: user.id) { tally.add("share_notices", "\(notice)") }
            for delegation in try await store.delegates(ownerID: user.id) { tally.add("delegations", "\(delegation)") }
        }
        for group in try await store.groups() {
            tally.add("groups", "\(group)")
            for member in try await store.members(groupID: group.id) {
                tally.add("group_members", "\(group.id) \(member.id)")
            }
        }
        for client in try await store.oauthClients() { tally.add("oauth_clients", "\(client)") }
        for message in try await store.outgoingMessages(senderUserID: nil, limit: Int.max) {
            tally.add("outgoing_messages", "\(message)")
            for attempt in try await store.deliveryAttempts(outgoingID: message.id) {
                tally.add("delivery_attempts", "\(attempt)")
            }
        }
        tables = tally.finished()
    }

    /// Per table: the number of records and the SHA-256 of their records' hashes in reading order (every store
    /// reads in the order the contract fixes).
    private struct Tally {
        var hashes: [String: [UInt8]] = [:]
        var counts: [String: Int] = [:]

        mutating func add(_ table: String, _ record: String) {
            hashes[table, default: []].append(contentsOf: SHA256.hash(Array(record.utf8)))
            counts[table, default: 0] += 1
        }

        func finished() -> [String: (count: Int, digest: String)] {
            let names = ["users", "app_passwords", "access_tokens", "calendars", "objects", "changes", "grants",
                         "presentations", "object_grants", "user_settings", "share_notices", "delegations", "groups",
                         "group_members", "outgoing_messages", "delivery_attempts", "user_preferences",
                         "oauth_clients", "oauth_grants", "refresh_tokens"]
            var tables: [String: (count: Int, digest: String)] = [:]
            for name in names {
                tables[name] = (counts[name] ?? 0, ETag(of: hashes[name] ?? []).value)
            }
            return tables
        }
    }
}
