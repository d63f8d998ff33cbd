import CalendarStore
import Calendaring
import DAVXML
import WebDAV

/// DAV:acl of a calendar or an object, read from the grants in force: the owner's entry (DAV:all, protected), one
/// entry per user or group the calendar is shared with (its role's privileges, `CalendarRole.aclPrivileges`), and
/// on an object the calendar's entries as inherited ones plus the grants of that object alone. Invitations not
/// accepted yet give no access and are not listed. Readable by those holding DAV:read-acl (the owner and manage
/// sharees).
///
/// Spec: RFC 3744 §5.5 (DAV:acl), §5.6 (DAV:acl-restrictions), §5.7 (DAV:inherited-acl-set).
struct AccessControlList {
    let store: any CalendarStore
    let hrefs: Hrefs

    func calendarACL(_ calendar: CalendarRecord) async throws(StoreError) -> XMLElement {
        var aces = [try await ownerACE(calendar)]
        aces += try await calendarGrantACEs(calendar, inheritedFrom: nil)
        return XMLElement(.dav.acl, elements: aces)
    }

    /// `calendarHref`: where the calendar's own entries are inherited from, as the requester names it.
    func objectACL(_ objectName: String, in calendar: CalendarRecord, calendarHref: String)
        async throws(StoreError) -> XMLElement {
        var aces = [try await ownerACE(calendar)]
        for grant in try await store.objectGrants(calendarID: calendar.id, objectName: objectName) {
            guard let user = try await store.user(id: grant.userID) else { continue }
            aces.append(Self.ace(principal: hrefs.principal(user.name), privileges: grant.role.aclPrivileges))
        }
        aces += try await calendarGrantACEs(calendar, inheritedFrom: calendarHref)
        return XMLElement(.dav.acl, elements: aces)
    }

    /// Only grants are stored, never denials, and an entry names one principal as it is.
    static var restrictions: XMLElement {
        XMLElement(.dav.aclRestrictions, elements: [XMLElement(.dav.grantOnly), XMLElement(.dav.noInvert)])
    }

    private func ownerACE(_ calendar: CalendarRecord) async throws(StoreError) -> XMLElement {
        let owner = try await store.user(id: calendar.ownerID)
        return Self.ace(principal: hrefs.principal(owner?.name ?? ""), privileges: [.dav.all], protected: true)
    }

    private func calendarGrantACEs(_ calendar: CalendarRecord, inheritedFrom: String?)
        async throws(StoreError) -> [XMLElement] {
        var aces: [XMLElement] = []
        for grant in try await store.grants(calendarID: calendar.id) where grant.state == .accepted {
            let name: String?
            switch grant.grantee {
            case .user(let id): name = try await store.user(id: id)?.name
            case .group(let id): name = try await store.group(id: id)?.name
            }
            guard let name else { continue }
            aces.append(Self.ace(principal: hrefs.principal(name), privileges: grant.role.aclPrivileges,
                                 inheritedFrom: inheritedFrom))
        }
        return aces
    }

    private static func ace(principal href: String, privileges: [XMLName], protected: Bool = false,
                            inheritedFrom: String? = nil) -> XMLElement {
        var children = [
            XMLElement(.dav.principal, elements: [XMLElement(.dav.href, text: href)]),
            XMLElement(.dav.grant, elements: privileges.map { XMLElement(.dav.privilege, elements: [XMLElement($0)]) }),
        ]
        if protected { children.append(XMLElement(.dav.protected)) }
        if let inheritedFrom {
            children.append(XMLElement(.dav.inherited, elements: [XMLElement(.dav.href, text: inheritedFrom)]))
        }
        return XMLElement(.dav.ace, elements: children)
    }
}
