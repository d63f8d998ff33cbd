import CalendarStore
import Calendaring
import DAVXML
import WebDAV

/// ACL on a calendar or on one object in it, for clients that share by setting access control entries: each entry
/// grants a user or group (by principal URL) the privileges of one role (`CalendarRole(aclPrivileges:)`), and the
/// request replaces the grants in force (`CalendarSharing.setAccessList`). On an object, the entries share that one
/// event with users. Needs DAV:write-acl (the owner and manage sharees).
///
/// What the four roles cannot express is refused with RFC 3744's preconditions: a denial (grant-only), an inverted
/// principal (no-invert), a principal other than a user or group of this server (recognized-principal,
/// allowed-principal), privileges that are not one role's (not-supported-privilege), or a change to the owner's own
/// protected entry (no-protected-ace-conflict). Entries the client sends back unchanged from DAV:acl (the owner's
/// protected one, inherited ones) are left as they are.
///
/// Spec: RFC 3744 §8.1 (ACL method), §8.1.1 (preconditions), §5.5 (ACE structure).
struct AclMethod {
    let context: MethodContext

    func run() async throws(DAVError) -> DAVResponse {
        let resource = try await context.resolve()
        guard let body = try context.xmlBody(), body.name == .dav.acl else {
            throw DAVError.badRequest("The body of ACL must be a DAV:acl element.")
        }
        let actor = try await context.requestingUser()
        switch resource {
        case .calendar(_, let calendar) where !calendar.isScheduleInbox:
            let entries = try await entries(of: body, ownerID: calendar.ownerID)
            try await context.share { sharing throws(CalendaringError) in
                try await sharing.setAccessList(calendar, entries: entries, by: actor)
            }
        case .object(_, let calendar, let object) where !calendar.isScheduleInbox:
            let entries = try await entries(of: body, ownerID: calendar.ownerID)
            try await context.share { sharing throws(CalendaringError) in
                try await sharing.setObjectAccessList(calendar, objectName: object.name, entries: entries, by: actor)
            }
        default:
            if !resource.exists { throw DAVError.notFound() }
            throw resource.methodNotAllowed("ACL is supported on calendars and the events in them.")
        }
        return DAVResponse(status: 200, headers: DAVHeaders([("Content-Length", "0")]))
    }

    /// One (principal name, role) per entry the request sets.
    private func entries(of acl: XMLElement, ownerID: Int64) async throws(DAVError)
        -> [(name: String, role: CalendarRole)] {
        var result: [(name: String, role: CalendarRole)] = []
        for ace in acl.all(.dav.ace) {
            // Inherited entries are the calendar's; a client echoing DAV:acl sends them back as they were.
            if ace.first(.dav.inherited) != nil { continue }
            if ace.first(.dav.invert) != nil {
                throw DAVError.forbidden("Entries cannot invert their principal.", condition: .dav.noInvert)
            }
            if ace.first(.dav.deny) != nil {
                throw DAVError.forbidden("Access can only be granted; remove an entry to take access away.",
                                         condition: .dav.grantOnly)
            }
            guard let grant = ace.first(.dav.grant) else {
                throw DAVError.badRequest("Each DAV:ace needs a DAV:grant.")
            }
            let name = try principalName(ace)
            let privileges = grant.all(.dav.privilege).flatMap(\.elements).map(\.name)
            if try await isOwner(name, ownerID: ownerID) {
                // The owner's protected entry grants DAV:all; it can be sent back but never changed.
                guard privileges == [.dav.all] else {
                    throw DAVError.forbidden("The owner's own entry is protected: the owner always holds every "
                                             + "privilege.", condition: .dav.noProtectedAceConflict)
                }
                continue
            }
            guard let role = CalendarRole(aclPrivileges: privileges) else {
                let listed = privileges.map(\.local).joined(separator: ", ")
                throw DAVError.forbidden("The privileges [\(listed)] are not one of the roles a calendar is shared "
                                         + "in: read-free-busy (free/busy), read, read with write-content, bind and "
                                         + "unbind (write), or read, write and write-acl (manage).",
                                         condition: .dav.notSupportedPrivilege)
            }
            result.append((name, role))
        }
        return result
    }

    /// The user or group an entry's DAV:principal names by its principal URL.
    private func principalName(_ ace: XMLElement) throws(DAVError) -> String {
        guard let principal = ace.first(.dav.principal), let kind = principal.elements.first else {
            throw DAVError.badRequest("Each DAV:ace needs a DAV:principal.")
        }
        guard kind.name == .dav.href else {
            throw DAVError.forbidden("Only users and groups of this server, named by their principal URL, can be "
                                     + "granted access here (not DAV:\(kind.name.local)).",
                                     condition: .dav.allowedPrincipal)
        }
        guard case .principal(let name)? = context.hrefs.path(of: kind.text.trimmingWhitespace) else {
            throw DAVError.forbidden("'\(kind.text)' is not the URL of a principal on this server.",
                                     condition: .dav.recognizedPrincipal)
        }
        return name
    }

    private func isOwner(_ name: String, ownerID: Int64) async throws(DAVError) -> Bool {
        try await context.store { store throws(StoreError) in try await store.user(named: name)?.id == ownerID }
    }
}
