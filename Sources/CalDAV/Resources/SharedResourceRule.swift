import CalendarStore
import Calendaring
import DAVXML
import WebDAV

/// Which methods a user may apply to a calendar or object of someone else, and with which privilege: the CalDAV
/// door's reading of `CalendarAccess`. Reading is open to sharees (GET, HEAD, PROPFIND, OPTIONS need DAV:read; a
/// REPORT needs CALDAV:read-free-busy, and the reports that return more check DAV:read themselves). On the mount in
/// their own home (`SharedCalendarMount`) a sharee may also PROPPATCH their own name and colour for it and DELETE
/// it (leaving the share), which change nothing of the owner's. Writing into another user's calendar is not offered
/// through CalDAV yet, so every other method is refused with need-privileges, whatever the role.
///
/// Spec: RFC 3744 §7.1.1 (403 with DAV:need-privileges naming the resource and the privilege), RFC 4791 §6.1.1.
enum SharedResourceRule {
    /// The privilege `method` needs on a resource the user does not own; nil when it is not offered to sharees.
    /// `onMount`: the request names the mount of a shared calendar itself (not an object in it).
    static func requiredPrivilege(for method: String, onMount: Bool = false)
        -> (privileges: CalendarPrivileges, name: XMLName)? {
        switch method {
        case "GET", "HEAD", "PROPFIND", "OPTIONS": ([.read], .dav.read)
        // One `where` per pattern: a `where` after several patterns guards only the last.
        case "PROPPATCH" where onMount, "DELETE" where onMount: ([.read], .dav.read)
        case "REPORT": ([.readFreeBusy], .calDAV.readFreeBusy)
        default: nil
        }
    }

    /// 403 DAV:need-privileges for `href`, naming the privilege the method needed (DAV:write-content for the
    /// methods sharees cannot use yet).
    static func refusal(_ href: String, method: String, onMount: Bool = false) -> DAVError {
        let privilege = requiredPrivilege(for: method, onMount: onMount)?.name ?? .dav.writeContent
        return .forbidden("You do not have the \(privilege.local) privilege on this resource.",
                          condition: .dav.needPrivileges,
                          content: [XMLElement(.dav.resource, elements: [
                              XMLElement(.dav.href, text: href), XMLElement(.dav.privilege, elements: [XMLElement(privilege)]),
                          ])])
    }
}
