import CalendarStore
import DAVXML

/// The four roles as RFC 3744 privileges: what DAV:acl lists for a grant, and which role the privileges of an ACE
/// in an ACL request stand for. Only these four sets are accepted; anything finer or different is refused, since
/// a grant holds exactly one role.
///
/// Spec: RFC 3744 §3 (privileges and their aggregation), §5.5 (DAV:acl), §8.1.1 (not-supported-privilege),
/// RFC 4791 §6.1.1 (CALDAV:read-free-busy, aggregated under DAV:read).
extension CalendarRole {
    /// The privileges a grant of this role is listed with, aggregated where a whole aggregate is held.
    var aclPrivileges: [XMLName] {
        switch self {
        case .freeBusy: [.calDAV.readFreeBusy]
        case .read: [.dav.read]
        case .write: [.dav.read, .dav.writeContent, .dav.bind, .dav.unbind]
        case .manage: [.dav.read, .dav.write, .dav.readAcl, .dav.writeAcl]
        }
    }

    /// The role the privileges of one ACE stand for; nil when they match none. Aggregates are expanded first
    /// (DAV:all, DAV:write, DAV:read ⊃ CALDAV:read-free-busy), and the privileges every role holds with what it
    /// reads (DAV:read-current-user-privilege-set, DAV:unlock, DAV:read-acl with DAV:write-acl) do not count.
    init?(aclPrivileges names: [XMLName]) {
        var held = Set<XMLName>()
        for name in names { held.formUnion(Self.expanded(name)) }
        held.subtract([.dav.readCurrentUserPrivilegeSet, .dav.unlock])
        if held.contains(.dav.writeAcl) { held.remove(.dav.readAcl) }
        guard let role = CalendarRole.allCases.first(where: { Self.expandedSet(of: $0) == held }) else { return nil }
        self = role
    }

    private static func expandedSet(of role: CalendarRole) -> Set<XMLName> {
        var set = Set<XMLName>()
        for name in role.aclPrivileges { set.formUnion(expanded(name)) }
        set.subtract([.dav.readCurrentUserPrivilegeSet, .dav.unlock])
        if set.contains(.dav.writeAcl) { set.remove(.dav.readAcl) }
        return set
    }

    private static func expanded(_ name: XMLName) -> Set<XMLName> {
        switch name {
        case .dav.all:
            expanded(.dav.read).union(expanded(.dav.write)).union([.dav.writeAcl, .dav.readAcl])
        case .dav.write: [.dav.writeProperties, .dav.writeContent, .dav.bind, .dav.unbind]
        case .dav.read: [.dav.read, .calDAV.readFreeBusy]
        default: [name]
        }
    }
}
