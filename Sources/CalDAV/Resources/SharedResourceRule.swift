import CalendarStore
import Calendaring
import DAVXML
import WebDAV

/// Which privilege a request needs on a calendar or object of someone else: the CalDAV door's reading of
/// `CalendarAccess`. Reading needs DAV:read (a REPORT needs CALDAV:read-free-busy, and the reports that return more
/// check DAV:read themselves); creating an object needs DAV:bind on the calendar, changing one DAV:write-content,
/// deleting or moving one away DAV:unbind (all three come with the write role); the calendar's own properties need
/// DAV:write-properties and its sharing DAV:write-acl (the manage role). Deleting the calendar is the owner's alone.
/// On the mount in their own home (`SharedCalendarMount`) a sharee may PROPPATCH their own name and colour for it
/// and DELETE it (leaving the share) with DAV:read, since neither changes anything of the owner's.
///
/// Spec: RFC 3744 §3 (privileges), §7.1.1 (403 with DAV:need-privileges naming the resource and the privilege),
/// Appendix B (which privilege each method needs), RFC 4791 §6.1.1.
enum SharedResourceRule {
    /// What a request does, as far as access is concerned.
    enum Operation: Sendable, Equatable {
        case read, report, put, delete, proppatch, move, copy, acl
        /// POST to a calendar: sharing it (calendarserver-sharing CS:share, the resource sharing draft's
        /// DAV:share-resource).
        case post
        /// The destination calendar of a MOVE or COPY.
        case bindInto
        /// Anything else (MKCALENDAR, POST into a calendar): never offered on another user's data.
        case other

        init(method: String) {
            switch method {
            case "GET", "HEAD", "PROPFIND", "OPTIONS": self = .read
            case "REPORT": self = .report
            case "PUT": self = .put
            case "DELETE": self = .delete
            case "PROPPATCH": self = .proppatch
            case "MOVE": self = .move
            case "COPY": self = .copy
            case "ACL": self = .acl
            case "POST": self = .post
            default: self = .other
            }
        }
    }

    /// What the request names.
    enum Target: Sendable, Equatable {
        /// The owner's calendar, at the owner's URL.
        case calendar
        /// The mount of a shared calendar in the requesting sharee's home.
        case mount
        /// An object that exists.
        case object
        /// An object name not taken yet (PUT creates it).
        case newObject
    }

    struct Requirement: Sendable, Equatable {
        let privileges: CalendarPrivileges
        /// The RFC 3744 / RFC 4791 privilege a refusal names.
        let name: XMLName
        /// Whether the privilege is one on the calendar holding the object (DAV:bind, DAV:unbind), so a refusal names
        /// the calendar rather than the object.
        let onParent: Bool

        init(_ privileges: CalendarPrivileges, _ name: XMLName, onParent: Bool = false) {
            self.privileges = privileges
            self.name = name
            self.onParent = onParent
        }
    }

    /// The privilege `operation` needs on `target`; nil when no role gives it (the owner's alone, or never).
    static func requirement(for operation: Operation, on target: Target) -> Requirement? {
        switch (operation, target) {
        case (.read, _): Requirement(.read, .dav.read)
        case (.report, _): Requirement(.readFreeBusy, .calDAV.readFreeBusy)
        case (.put, .newObject): Requirement(.writeContent, .dav.bind, onParent: true)
        case (.put, .object): Requirement(.writeContent, .dav.writeContent)
        case (.delete, .object), (.move, .object): Requirement(.writeContent, .dav.unbind, onParent: true)
        case (.copy, .object): Requirement(.read, .dav.read)
        case (.delete, .mount), (.proppatch, .mount): Requirement(.read, .dav.read)
        case (.proppatch, .calendar), (.proppatch, .object): Requirement(.writeProperties, .dav.writeProperties)
        case (.bindInto, .calendar), (.bindInto, .mount): Requirement(.writeContent, .dav.bind)
        case (.acl, .calendar), (.acl, .mount), (.post, .calendar), (.post, .mount): Requirement(.share, .dav.writeAcl)
        case (.acl, .object): Requirement(.share, .dav.writeAcl, onParent: true)
        case (.delete, .calendar): Requirement(.deleteCalendar, .dav.unbind)
        default: nil
        }
    }

    /// The privilege a refusal of `operation` on `target` names: the one it needs, or DAV:write-content for the
    /// operations no role gives.
    static func privilegeName(for operation: Operation, on target: Target) -> XMLName {
        requirement(for: operation, on: target)?.name ?? .dav.writeContent
    }

    /// 403 DAV:need-privileges for `href`, naming `privilege`.
    static func refusal(_ href: String, privilege: XMLName) -> DAVError {
        .forbidden("You do not have the \(privilege.local) privilege on this resource.",
                   condition: .dav.needPrivileges,
                   content: [XMLElement(.dav.resource, elements: [
                       XMLElement(.dav.href, text: href), XMLElement(.dav.privilege, elements: [XMLElement(privilege)]),
                   ])])
    }

    static func refusal(_ href: String, operation: Operation, on target: Target) -> DAVError {
        refusal(href, privilege: privilegeName(for: operation, on: target))
    }
}
