/// What a store reads besides the contract so that all of it can be copied to another store (`StoreMigration`):
/// the change log with each entry's revision, which keeps sync tokens valid across the copy, presentations a
/// sharee set that no grant reaches any more, and OAuth grants' refresh tokens (the contract only finds one by its
/// hash).
public protocol StoreExporting: CalendarStore {
    /// Every entry of the calendar's change log (one per name: its newest change), ordered by revision, then name.
    /// Empty for an unknown calendar.
    func changeLog(calendarID: Int64) async throws(StoreError) -> [ChangeLogEntry]
    /// Every presentation the user set, ordered by calendar id.
    func shareePresentations(userID: Int64) async throws(StoreError) -> [ShareePresentation]
    /// Every refresh token of the grant, replaced ones too (they recognise a replay), ordered by id. Empty for an
    /// unknown grant.
    func refreshTokens(grantID: Int64) async throws(StoreError) -> [RefreshToken]
}

/// A store that can be filled with another store's records as they are (ids, revisions, ETags, times kept), for
/// `almanac migrate`.
public protocol StoreImporting: StoreExporting {
    /// True when the store holds no user and no group, so an import cannot collide with anything.
    func isEmpty() async throws(StoreError) -> Bool
    /// Stores the records as given, in one transaction. Parents come before what refers to them (users before their
    /// calendars, calendars before their objects, objects before their grants).
    func importRecords(_ records: ImportRecords) async throws(StoreError)
    /// Called once after the last batch: identifiers the store gives out from now on follow the imported ones.
    func finishImport() async throws(StoreError)
}

/// One entry of a calendar's change log (RFC 6578 sync): the newest change of `name`, at `revision`.
public struct ChangeLogEntry: Sendable, Hashable {
    public var calendarID: Int64
    public var name: String
    public var revision: Int64
    public var deleted: Bool

    public init(calendarID: Int64, name: String, revision: Int64, deleted: Bool) {
        self.calendarID = calendarID; self.name = name; self.revision = revision; self.deleted = deleted
    }
}

/// A user's membership of a group.
public struct GroupMembership: Sendable, Hashable {
    public var groupID: Int64
    public var userID: Int64
    public init(groupID: Int64, userID: Int64) { self.groupID = groupID; self.userID = userID }
}

/// A batch of records for `StoreImporting.importRecords(_:)`, one kind at a time.
public enum ImportRecords: Sendable {
    /// With their status and the deletion they asked for.
    case users([User])
    /// The user's preferences document.
    case preferences(userID: Int64, String)
    case appPasswords([AppPassword])
    case oauthClients([OAuthClient])
    /// After their users and clients, before the access and refresh tokens they issued.
    case oauthGrants([OAuthGrant])
    /// Personal and grant-issued (with their grant ids).
    case accessTokens([AccessToken])
    /// Replaced ones too.
    case refreshTokens([RefreshToken])
    case groups([GroupRecord])
    case memberships([GroupMembership])
    /// With their revisions and dead properties.
    case calendars([CalendarRecord])
    /// With their ETags, revisions, times and indexes, as stored.
    case objects([CalendarObjectRecord])
    case changeLog([ChangeLogEntry])
    case grants([CalendarGrant])
    case presentations([ShareePresentation])
    case objectGrants([ObjectGrant])
    case freeBusyVisibility(userID: Int64, FreeBusyVisibility)
    case shareNotices([ShareNotice])
    case delegations([Delegation])
    /// Queued mail with its logged attempts.
    case outgoing([OutgoingMessage], attempts: [DeliveryAttempt])
}
