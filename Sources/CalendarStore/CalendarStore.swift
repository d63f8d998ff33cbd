/// The storage contract every store (in-memory, SQLite, later PostgreSQL) implements and the contract suite in
/// `CalendarStoreTesting` checks. Stores never parse iCalendar or XML: callers hand them bytes plus a precomputed
/// `ObjectIndex`.
///
/// Every mutating call is one transaction: it either happens completely and durably before it returns, or not at all.
/// Conditional writes check their precondition inside that transaction. Each change to a calendar's objects or
/// properties appends to that calendar's change log and bumps `CalendarRecord.revision` by at least one.
public protocol CalendarStore: Sendable {
    // MARK: Users

    /// Creates a user; `alreadyExists` if the name is taken by a user or a group (they share `/principals/`), or the
    /// non-empty e-mail address by another user, both compared with ASCII letters folded and atomically across
    /// nodes.
    func createUser(_ user: NewUser) async throws(StoreError) -> User
    /// Changes the account's profile, status or role and returns the result; `notFound` for an unknown user,
    /// `alreadyExists` when the non-empty e-mail address is another user's (ASCII letters folded).
    func updateUser(id: Int64, _ update: UserUpdate) async throws(StoreError) -> User
    /// Sets when the account goes for good (nil cancels); `notFound` for an unknown user.
    func scheduleUserDeletion(id: Int64, at: Int64?) async throws(StoreError)
    /// The users whose deletion is due at or before `at` (seconds), earliest first.
    func usersDueForDeletion(at: Int64) async throws(StoreError) -> [User]
    /// The user's preferences as the JSON document the caller stored; nil when none (or the user is unknown).
    func userPreferences(userID: Int64) async throws(StoreError) -> String?
    /// Replaces the user's preferences (nil removes them); `notFound` for an unknown user. Deleted with the user.
    func setUserPreferences(userID: Int64, _ document: String?) async throws(StoreError)
    func user(named name: String) async throws(StoreError) -> User?
    func user(id: Int64) async throws(StoreError) -> User?
    /// All users, ordered by name.
    func users() async throws(StoreError) -> [User]
    func setPasswordHash(userID: Int64, hash: String) async throws(StoreError)
    /// Deletes the user with their calendars, objects, app passwords and queued outgoing messages (pending ones are
    /// not sent), their group memberships, the calendar and object grants to them and their sharee presentations;
    /// `notFound` if absent. Grants the user made on calendars of others stay: that data is the owners', not theirs
    /// to lose (`grantedBy` keeps their id).
    func deleteUser(id: Int64) async throws(StoreError)

    // MARK: App passwords

    func addAppPassword(userID: Int64, label: String, passwordHash: String) async throws(StoreError) -> AppPassword
    /// The user's app passwords, oldest first.
    func appPasswords(userID: Int64) async throws(StoreError) -> [AppPassword]
    /// `notFound` unless the password exists and belongs to the user.
    func revokeAppPassword(userID: Int64, id: Int64) async throws(StoreError)

    // MARK: Personal access tokens

    /// `notFound` if the user (or the token's grant) does not exist, `alreadyExists` if a token has the same hash.
    func addAccessToken(_ token: NewAccessToken) async throws(StoreError) -> AccessToken
    /// The token whose secret has this SHA-256 (lowercase hex), expired or not; nil when there is none.
    func accessToken(hash: String) async throws(StoreError) -> AccessToken?
    /// The user's tokens, personal and grant-issued, oldest first.
    func accessTokens(userID: Int64) async throws(StoreError) -> [AccessToken]
    /// `notFound` unless the token exists and belongs to the user.
    func revokeAccessToken(userID: Int64, id: Int64) async throws(StoreError)
    /// Records that the token signed a request in at `at` (seconds); nothing happens if it no longer exists.
    func recordAccessTokenUse(id: Int64, at: Int64) async throws(StoreError)

    // MARK: One-time codes

    /// `notFound` if `userID` names no user, `alreadyExists` if a code has the same hash. Deleted with the user.
    func addOneTimeCode(_ code: NewOneTimeCode) async throws(StoreError) -> OneTimeCode
    /// Redeems the code with this hash for `purpose` at `at` (seconds), atomically across nodes; nil when there is
    /// none, it is for another purpose, or it expired before `at`.
    func redeemOneTimeCode(hash: String, purpose: String, at: Int64) async throws(StoreError) -> OneTimeCodeUse?
    /// Deletes the codes that expired before `before`, and the refresh tokens and grant-issued access tokens that
    /// expired before it; returns how many rows went.
    func pruneExpiredCredentials(before: Int64) async throws(StoreError) -> Int

    // MARK: OAuth 2.0 clients, grants and refresh tokens

    /// `alreadyExists` if the client id is taken.
    func addOAuthClient(_ client: NewOAuthClient) async throws(StoreError) -> OAuthClient
    func oauthClient(clientID: String) async throws(StoreError) -> OAuthClient?
    /// All clients, ordered by client id.
    func oauthClients() async throws(StoreError) -> [OAuthClient]
    /// Deletes the client with its grants and their tokens; `notFound` if absent.
    func deleteOAuthClient(clientID: String) async throws(StoreError)
    /// `notFound` for an unknown user or client.
    func createOAuthGrant(userID: Int64, clientID: String, scopes: [String]) async throws(StoreError) -> OAuthGrant
    func oauthGrant(id: Int64) async throws(StoreError) -> OAuthGrant?
    /// The user's grants, oldest first.
    func oauthGrants(userID: Int64) async throws(StoreError) -> [OAuthGrant]
    /// Deletes the grant with its access and refresh tokens; `notFound` if absent.
    func deleteOAuthGrant(id: Int64) async throws(StoreError)
    /// `notFound` for an unknown grant, `alreadyExists` if a refresh token has the same hash.
    func addRefreshToken(grantID: Int64, tokenHash: String, expiresAt: Int64) async throws(StoreError) -> RefreshToken
    /// Uses the refresh token with this hash at `at` (seconds), atomically across nodes; nil when there is none or
    /// it expired before `at`.
    func useRefreshToken(hash: String, at: Int64) async throws(StoreError) -> RefreshTokenUse?

    // MARK: Idempotency keys

    /// Claims `key` for `userID`'s request `requestHash` at `at` (seconds), atomically across nodes: `.claimed` when
    /// the key was free (or its record older than `expiredBefore`, which is replaced), else the record that holds it.
    /// `notFound` if the user does not exist.
    func claimIdempotencyKey(userID: Int64, key: String, requestHash: String, at: Int64, expiredBefore: Int64)
        async throws(StoreError) -> IdempotencyClaim
    /// Stores the response of the request that claimed the key. `notFound` if the claim is gone.
    func completeIdempotencyKey(userID: Int64, key: String, response: IdempotencyRecord.StoredResponse)
        async throws(StoreError)
    /// Gives a claimed key up (the request failed, so a retry may run it again); nothing happens if it is gone.
    func releaseIdempotencyKey(userID: Int64, key: String) async throws(StoreError)
    /// Deletes the records claimed before `before` (seconds); returns how many.
    func pruneIdempotencyKeys(before: Int64) async throws(StoreError) -> Int

    // MARK: Calendars

    /// The owner's calendars, ordered by `order` then slug.
    func calendars(ownerID: Int64) async throws(StoreError) -> [CalendarRecord]
    func calendar(ownerID: Int64, slug: String) async throws(StoreError) -> CalendarRecord?
    func calendar(id: Int64) async throws(StoreError) -> CalendarRecord?
    /// `alreadyExists` if the owner has a calendar with this slug; `notFound` if the owner does not exist.
    func createCalendar(_ calendar: NewCalendar) async throws(StoreError) -> CalendarRecord
    /// Applies all changes or none; appends to the change log (the CTag changes). Returns the updated record.
    func updateCalendar(id: Int64, _ changes: CalendarChanges) async throws(StoreError) -> CalendarRecord
    /// Deletes the calendar, its objects and its change log, the grants of it and of its objects, and its sharees'
    /// presentations.
    func deleteCalendar(id: Int64) async throws(StoreError)
    /// Bytes of object data the user stores in all their calendars.
    func usedBytes(ownerID: Int64) async throws(StoreError) -> Int64

    // MARK: Objects

    func object(calendarID: Int64, name: String) async throws(StoreError) -> CalendarObjectRecord?
    /// The objects with these names that exist, in the order of `names`.
    func objects(calendarID: Int64, names: [String]) async throws(StoreError) -> [CalendarObjectRecord]
    /// Every object of the calendar, ordered by name.
    func objects(calendarID: Int64) async throws(StoreError) -> [CalendarObjectRecord]
    /// Name, ETag and size of every object, ordered by name, without loading the bytes.
    func objectSummaries(calendarID: Int64) async throws(StoreError) -> [CalendarObjectSummary]
    /// As `objects(calendarID:names:)` without loading the bytes or the index (a sync-collection page that lists
    /// ETags reads nothing more).
    func objectSummaries(calendarID: Int64, names: [String]) async throws(StoreError) -> [CalendarObjectSummary]
    /// The object with this UID in the calendar, if any.
    func object(calendarID: Int64, uid: String) async throws(StoreError) -> CalendarObjectRecord?

    /// One page of the candidates of a calendar-query, chosen from the index alone, ordered by name: the objects
    /// after `after` (from the first when nil), at most `limit` (all when nil). A superset of the objects the query's
    /// full filter accepts:
    /// - `query.window`: objects with a materialised instance overlapping it (`InstanceInterval.overlaps`), objects
    ///   without time (`firstStart == nil`), and objects whose `horizon` and `firstStart` are before `window.end`
    ///   (instances not materialised);
    /// - each text condition as `TextCondition` says; `query.componentType` exactly.
    /// Cost grows with the page, not with the calendar, whenever the query has a window or a text condition the
    /// store's text index can answer.
    func objects(calendarID: Int64, matching query: ObjectQuery, after: String?, limit: Int?)
        async throws(StoreError) -> [CalendarObjectRecord]

    /// One page of the calendar's objects ordered by name, after `after` (from the first when nil), at most `limit`:
    /// listings stream page by page, so memory is bounded by the page, not the calendar.
    func objects(calendarID: Int64, after: String?, limit: Int) async throws(StoreError) -> [CalendarObjectRecord]
    /// As `objects(calendarID:after:limit:)` without loading the bytes.
    func objectSummaries(calendarID: Int64, after: String?, limit: Int) async throws(StoreError)
        -> [CalendarObjectSummary]

    /// Creates or replaces an object. Checks `precondition`, then UID uniqueness within the calendar
    /// (`uidConflict` when another name holds `index.uid`), in the writing transaction. Stores `data` byte for byte
    /// with `ETag(of: data)`. `notFound` if the calendar does not exist.
    func putObject(calendarID: Int64, name: String, data: [UInt8], index: ObjectIndex,
                   precondition: WritePrecondition) async throws(StoreError) -> PutResult
    /// Several puts into one calendar, in order, each checked and applied exactly as `putObject` would and each with
    /// its own result: one that fails its precondition or UID check fails alone, the others still apply. Durable
    /// when it returns. Stores commit the batch together (one sync to disk), which is the bulk path of imports.
    /// Throws only when the whole batch could not be applied (`notFound` for a missing calendar, backend failures).
    func putObjects(calendarID: Int64, _ writes: [ObjectWrite]) async throws(StoreError)
        -> [Result<PutResult, StoreError>]
    /// Deletes an object and its object grants, leaving a tombstone in the change log. `notFound` if absent,
    /// `etagMismatch` if `ifMatch` is given and differs.
    func deleteObject(calendarID: Int64, name: String, ifMatch: ETag?) async throws(StoreError)
    /// Moves an object to another (or the same) calendar under `newName`, in one transaction: a tombstone in the
    /// source, a change in the target. When `overwrite` is false and the target exists: `alreadyExists`; when true
    /// the target is replaced (with its object grants). UID uniqueness in the target is kept (`uidConflict`).
    /// `etagMismatch` if `ifMatch` differs. The object's grants move with it, in the same transaction.
    func moveObject(fromCalendarID: Int64, name: String, toCalendarID: Int64, newName: String, overwrite: Bool,
                    ifMatch: ETag?) async throws(StoreError) -> PutResult

    // MARK: Scheduling (RFC 6638)

    /// The user whose e-mail address is `email`, compared with ASCII letters folded (a calendar user address
    /// lookup; the caller strips `mailto:`). The smallest id when several users share the address; nil for an
    /// empty `email` (users without an address never match).
    func user(email: String) async throws(StoreError) -> User?
    /// Every object with this UID in any calendar the owner has, ordered by calendar id then name.
    func objects(ownerID: Int64, uid: String) async throws(StoreError) -> [CalendarObjectRecord]
    /// Applies every change, in order, in one transaction: all of them durably, or none. Each is checked exactly as
    /// its single-call form (preconditions, UID uniqueness, existence). When one fails nothing is applied and the
    /// call throws `StoreError.changeFailed(index:reason:)` with the position of the first failed change (a
    /// validation failure included). Engine failures throw `backend` unwrapped. Each calendar touched gets its
    /// revisions and change-log entries as the single calls would give them.
    func apply(_ changes: [StoreChange]) async throws(StoreError) -> [StoreChangeResult]

    // MARK: Outgoing mail (iMIP)

    /// Pending messages whose `nextAttemptAt` is at or before `now`, oldest first (by `nextAttemptAt`, then id: the
    /// queue order), at most `limit`.
    func dueOutgoingMessages(now: Int64, limit: Int) async throws(StoreError) -> [OutgoingMessage]
    /// Claims the messages `dueOutgoingMessages(now:limit:)` would list for a delivery attempt: in one transaction
    /// each one's `nextAttemptAt` moves to `now + leaseSeconds` (the lease), so no other caller, on this node or
    /// another, is handed it again until then; a claimant that dies before recording its attempt leaves the
    /// message due again when the lease ends. Returns the claimed messages as stored (with the lease as
    /// `nextAttemptAt`), in the queue order. `invalidArgument` unless `leaseSeconds` is positive.
    func claimOutgoingMessages(now: Int64, leaseSeconds: Int64, limit: Int) async throws(StoreError)
        -> [OutgoingMessage]
    /// Logs an attempt and moves the message on (`OutgoingMessage.record(_:detail:)`), both in one transaction:
    /// `sent`, `pending` until `nextAttemptAt`, or `failed`; counts the attempt. `notFound` if absent (also when
    /// its sender was deleted meanwhile); `invalidArgument` unless the message is `pending` (a sent message is
    /// never sent twice). Returns the updated message.
    func recordDeliveryAttempt(outgoingID: Int64, at: Int64, outcome: DeliveryOutcome, detail: String)
        async throws(StoreError) -> OutgoingMessage
    func outgoingMessage(id: Int64) async throws(StoreError) -> OutgoingMessage?
    /// Queued messages newest first (all senders when nil), at most `limit`.
    func outgoingMessages(senderUserID: Int64?, limit: Int) async throws(StoreError) -> [OutgoingMessage]
    /// The logged attempts of a message, oldest first.
    func deliveryAttempts(outgoingID: Int64) async throws(StoreError) -> [DeliveryAttempt]

    // MARK: Throttling (login failures, rate limits), shared by every node on the store

    /// Records an event under `key` (a login failure, say), with a `subject` (the user name tried) and a `weight`.
    /// `at` is the caller's clock (milliseconds since 1970); the store only compares it.
    func recordThrottleEvent(key: String, subject: String, weight: Int, at: Int64) async throws(StoreError)
    /// The key's events after `since` (strictly), oldest first (by `at`, then in recording order).
    func throttleEvents(key: String, since: Int64) async throws(StoreError) -> [ThrottleEvent]
    /// As `throttleEvents(key:since:)` for several keys at once (one read where the store can), by key; keys
    /// without events are absent.
    func throttleEvents(keys: [String], since: Int64) async throws(StoreError) -> [String: [ThrottleEvent]]
    /// Forgets the key's events (a correct password clears its failures).
    func clearThrottleEvents(key: String) async throws(StoreError)
    /// In one step: when the weights of the key's events after `since` plus `weight` are at most `limit`, records
    /// an event of `weight` at `at` (subject empty) and returns true; otherwise records nothing and returns false.
    /// Concurrent calls on one key, from any node, never take more than `limit` between them.
    func takeThrottleAllowance(key: String, weight: Int, limit: Int, since: Int64, at: Int64) async throws(StoreError)
        -> Bool
    /// Forgets every event at or before `before`, of every key; returns how many.
    func pruneThrottleEvents(before: Int64) async throws(StoreError) -> Int

    // MARK: Index maintenance

    /// Objects of every calendar whose `ObjectIndex.expandedUntil` is before `expandedBefore`, smallest first, at
    /// most `limit`: recurring series whose materialised instances should move forward.
    func objectsToReindex(expandedBefore: Int64, limit: Int) async throws(StoreError) -> [ReindexCandidate]
    /// Replaces the index of the object if its bytes still have `etag`. The bytes, ETag, revision and change log do
    /// not change (the content did not). Returns false when the object is gone or was rewritten meanwhile.
    func updateIndex(calendarID: Int64, name: String, etag: ETag, index: ObjectIndex) async throws(StoreError) -> Bool

    // MARK: Sync

    /// The changes after `revision` (everything currently present when nil, as an initial sync), oldest first, one
    /// entry per name with its current state, at most `limit` entries (`truncated` then set). Deleted names are
    /// reported only for incremental syncs. `invalidSyncToken` when `revision` is greater than the calendar's
    /// revision or older than the retained log.
    func changes(calendarID: Int64, since revision: Int64?, limit: Int?) async throws(StoreError) -> ChangeSet

    // MARK: Groups (RFC 3744 §4.3)

    /// Creates a group; `alreadyExists` if the name is taken by a group or a user (they share `/principals/`).
    func createGroup(_ group: NewGroup) async throws(StoreError) -> GroupRecord
    func group(named name: String) async throws(StoreError) -> GroupRecord?
    func group(id: Int64) async throws(StoreError) -> GroupRecord?
    /// All groups, ordered by name.
    func groups() async throws(StoreError) -> [GroupRecord]
    /// Deletes the group, its memberships and the calendar grants to it; `notFound` if absent.
    func deleteGroup(id: Int64) async throws(StoreError)
    /// Makes the user a member; adding a member twice changes nothing. `notFound` for an unknown group or user.
    func addMember(groupID: Int64, userID: Int64) async throws(StoreError)
    /// `notFound` unless the user is a member of the group.
    func removeMember(groupID: Int64, userID: Int64) async throws(StoreError)
    /// The group's members, ordered by name.
    func members(groupID: Int64) async throws(StoreError) -> [User]
    /// The groups the user is a member of, ordered by name (RFC 3744 §4.4, DAV:group-membership).
    func groups(memberID: Int64) async throws(StoreError) -> [GroupRecord]

    // MARK: Calendar sharing

    /// Shares the calendar with a user or a group, or changes how: one grant per (calendar, grantee), so a second
    /// call replaces the role, state and `grantedBy`, keeps `createdAt` and moves `updatedAt`. `notFound` for an
    /// unknown calendar, grantee or `grantedBy`; `invalidArgument` for a grant to the calendar's owner. Grants are
    /// not calendar content: the calendar's revision and change log do not change.
    func setGrant(calendarID: Int64, grantee: Grantee, role: CalendarRole, state: ShareState, grantedBy: Int64?)
        async throws(StoreError) -> CalendarGrant
    /// The calendar's grants in every state: to users by user id, then to groups by group id.
    func grants(calendarID: Int64) async throws(StoreError) -> [CalendarGrant]
    /// Removes the grant; `notFound` if the calendar has none to this grantee.
    func revokeGrant(calendarID: Int64, grantee: Grantee) async throws(StoreError)
    /// The highest role among the accepted grants of the calendar to the user or to any group the user is a member
    /// of; nil when none (invited and declined grants give nothing). Ownership is not considered: the owner's rights
    /// are the access model's business. The access model asks this on every request, so its cost follows the
    /// user's groups, never the calendar's other grants, and it sees every committed grant, revocation and
    /// membership change.
    func effectiveRole(calendarID: Int64, userID: Int64) async throws(StoreError) -> CalendarRole?
    /// The calendars of others that grants to the user or to their groups reach, in any state, ordered by calendar
    /// id, with the user's presentation of each: the calendar home lists the accepted ones, the invited ones are
    /// pending invitations, the declined ones may still be accepted. The user's own calendars are not listed.
    func sharedCalendars(userID: Int64) async throws(StoreError) -> [SharedCalendar]
    /// Sets the user's own name and colour for a calendar (nil for the owner's); both nil removes the presentation.
    /// `notFound` for an unknown calendar or user. Whether the user may (a grant reaches them) is the access
    /// model's question; the presentation stays when a grant is revoked, and is found again if the calendar is
    /// shared again.
    func setShareePresentation(calendarID: Int64, userID: Int64, displayName: String?, color: String?)
        async throws(StoreError)
    /// The user's presentation of the calendar; nil when they set none.
    func shareePresentation(calendarID: Int64, userID: Int64) async throws(StoreError) -> ShareePresentation?

    // MARK: Privacy

    /// The user's choice of who may see their busy times; nil when they made none (the server's default applies)
    /// or the user is unknown.
    func freeBusyVisibility(userID: Int64) async throws(StoreError) -> FreeBusyVisibility?
    /// Sets the user's choice; nil returns them to the server's default. `notFound` for an unknown user. Deleted
    /// with the user.
    func setFreeBusyVisibility(userID: Int64, _ visibility: FreeBusyVisibility?) async throws(StoreError)

    // MARK: Object grants

    /// Shares one object with a user (`read` or `write`, else `invalidArgument`); a second call for the same
    /// (calendar, object, user) replaces the role and `grantedBy` and keeps `createdAt`. `notFound` for an unknown
    /// calendar, object, user or `grantedBy`; `invalidArgument` for a grant to the calendar's owner.
    func setObjectGrant(calendarID: Int64, objectName: String, userID: Int64, role: CalendarRole, grantedBy: Int64?)
        async throws(StoreError) -> ObjectGrant
    /// `notFound` unless the object is shared with the user.
    func revokeObjectGrant(calendarID: Int64, objectName: String, userID: Int64) async throws(StoreError)
    /// The object's grants, ordered by user id.
    func objectGrants(calendarID: Int64, objectName: String) async throws(StoreError) -> [ObjectGrant]
    /// The objects shared with the user, ordered by calendar id then object name.
    func objectGrants(userID: Int64) async throws(StoreError) -> [ObjectGrant]

    // MARK: Share notices

    /// Writes a notice into `notice.userID`'s collection, replacing one there with the same uid; the written
    /// notice has an id larger than any before it. `notFound` for an unknown user. Deleted with the user.
    func putShareNotice(_ notice: NewShareNotice) async throws(StoreError) -> ShareNotice
    /// The user's notices, oldest (smallest id) first.
    func shareNotices(userID: Int64) async throws(StoreError) -> [ShareNotice]
    /// `notFound` unless the user has a notice with this uid.
    func deleteShareNotice(userID: Int64, uid: String) async throws(StoreError)

    // MARK: Delegation

    /// Makes `delegateID` a delegate of `ownerID` in `mode`, or removes them (nil). `notFound` for an unknown user;
    /// `invalidArgument` when the two are the same user.
    func setDelegation(ownerID: Int64, delegateID: Int64, mode: Delegation.Mode?) async throws(StoreError)
    /// The user's delegates, ordered by delegate id.
    func delegates(ownerID: Int64) async throws(StoreError) -> [Delegation]
    /// The users someone is a delegate of, ordered by owner id.
    func delegations(delegateID: Int64) async throws(StoreError) -> [Delegation]
}

extension CalendarStore {
    public func throttleEvents(keys: [String], since: Int64) async throws(StoreError) -> [String: [ThrottleEvent]] {
        var events: [String: [ThrottleEvent]] = [:]
        for key in Set(keys) {
            let found = try await throttleEvents(key: key, since: since)
            if !found.isEmpty { events[key] = found }
        }
        return events
    }

    /// Every candidate for a time-range query (`objects(calendarID:matching:after:limit:)` with only a window and a
    /// component type, any type when nil), ordered by name.
    public func objects(calendarID: Int64, componentType: String?, overlapping window: TimeWindow)
        async throws(StoreError) -> [CalendarObjectRecord] {
        try await objects(calendarID: calendarID, matching: ObjectQuery(componentType: componentType, window: window),
                          after: nil, limit: nil)
    }
}
