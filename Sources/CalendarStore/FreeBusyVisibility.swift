/// Who may see a user's busy times through free/busy lookups (the scheduling outbox's VFREEBUSY requests): periods
/// only, never titles, but even those tell when someone is away, so each user chooses.
public enum FreeBusyVisibility: String, Sendable, Hashable, CaseIterable {
    /// Every user of this server (the usual default of a company server).
    case everyone
    /// Only the users the person shares a calendar with (in any role, directly or through a group).
    case sharees
    /// Nobody.
    case nobody
}
