import CalendarStore
import ITIP

/// Why the calendar refused or could not do what was asked: the named condition that was violated and a sentence
/// that tells the user what was wrong (never internals), or the error of the layer below that stopped it.
///
/// Protocol-neutral: no status, no XML. A door maps it in one place onto its own wire (CalDAV:
/// `CalendaringError+DAV.swift`, a status and the RFC precondition element each condition names); the errors of the
/// layers below travel as they are, so each door maps them with its own mapping of those layers.
public enum CalendaringError: Error, Sendable, Hashable {
    /// A rule of the calendar refused the request: which one, and why.
    case refused(Condition, reason: String)
    /// The store refused or failed (its condition says which: a missing object, a write that lost a race, ...).
    case store(StoreError)
    /// An iTIP rule refused a scheduling change (RFC 6638 §3.2.4 preconditions).
    case scheduling(ITIPError)

    /// The conditions a rule of the calendar names when it refuses. Most are a precondition of the RFC cited; the
    /// last four say what the client can do about a request that could not be carried out now.
    public enum Condition: Sendable, Hashable {
        /// The data is not iCalendar 2.0 as text/calendar (RFC 4791 §5.3.2.1 supported-calendar-data).
        case supportedCalendarData
        /// The data is not valid iCalendar, or a value the server has to interpret is not (RFC 4791 §5.3.2.1, §5.2.2
        /// valid-calendar-data).
        case validCalendarData
        /// The calendar object breaks the rules of RFC 4791 §4.1 (valid-calendar-object-resource).
        case validCalendarObjectResource
        /// The calendar does not store this component type (RFC 4791 §5.3.2.1 supported-calendar-component).
        case supportedCalendarComponent
        /// The object is larger than the calendar accepts (RFC 4791 §5.3.2.1 max-resource-size).
        case maxResourceSize
        /// Another object of the calendar, at `href`, has the UID (RFC 4791 §5.3.2.1 no-uid-conflict).
        case noUIDConflict(href: String)
        /// A text match names a collation the server does not support (RFC 4791 §7.5 supported-collation).
        case supportedCollation
        /// A rule is counted in a calendar scale the server cannot iterate (RFC 7529 §5.3 supported-rscale).
        case supportedRscale
        /// The scheduling message is not one this server accepts here (RFC 6638 valid-scheduling-message).
        case validSchedulingMessage
        /// The sender may not send as the message's originator (RFC 6638 originator-allowed).
        case originatorAllowed
        /// Only the organizer may do this (RFC 6638 organizer-allowed).
        case organizerAllowed
        /// The message names no recipient the request may address (RFC 6638 recipient-specified).
        case recipientSpecified
        /// More recipients than one request may name (RFC 6638 max-recipients).
        case maxRecipients
        /// More attendees than one instance may have (RFC 4791 §5.2.9 max-attendees-per-instance).
        case maxAttendeesPerInstance
        /// The condition the request was made on (If-Match, If-None-Match, create-only) no longer holds: the object
        /// changed, appeared or went since the client read it.
        case conditionFailed
        /// The meeting kept changing while a scheduling change was prepared; the same request may succeed later.
        case concurrentUpdates
        /// The user caused more scheduling messages than the hourly allowance; asking again after
        /// `retryAfterSeconds` may succeed.
        case rateLimited(retryAfterSeconds: Int)
        /// The server failed itself (data it stored cannot be read, the store did not report a write): nothing the
        /// client sent is at fault.
        case serverFault
        /// The user lacks a privilege the request needs (RFC 3744 §7.1.1 need-privileges).
        case needPrivileges
        /// A user or group the request names does not exist (RFC 3744 §8.1.1 recognized-principal).
        case recognizedPrincipal
        /// The request would share a calendar or object with its own owner (RFC 3744 §8.1.1 no-ace-conflict: an
        /// owner's privileges cannot be granted or taken away).
        case grantToOwner
        /// Two entries of one request name the same grantee (RFC 3744 §8.1.1 DAV:no-ace-conflict).
        case conflictingGrants
        /// A personal access token cannot be made as asked (no scope, a bad label or lifetime).
        case invalidToken
        /// The grantee cannot be given this kind of grant (a group, for a single event: RFC 3744 §8.1.1
        /// allowed-principal).
        case allowedPrincipal
    }
}
