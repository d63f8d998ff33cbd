import Calendaring
import DAVXML
import WebDAV

extension CalendarPrivileges {
    /// The RFC 3744 privileges these are, on a calendar (`collection`) or on an object in it, for
    /// DAV:current-user-privilege-set: DAV:write is listed only when every privilege it aggregates is held
    /// (RFC 3744 §3.12), and CALDAV:read-free-busy on its own when DAV:read, which aggregates it, is not held
    /// (RFC 4791 §6.1.1).
    func davPrivileges(collection: Bool) -> (privileges: [Privilege], extra: [XMLName]) {
        var result: [Privilege] = []
        if contains(.read) { result += [.read, .readCurrentUserPrivilegeSet] }
        if contains(.writeContent) { result += collection ? [.writeContent, .bind, .unbind] : [.writeContent] }
        if contains(.writeProperties) { result.append(.writeProperties) }
        if contains(.share) { result += [.readAcl, .writeAcl] }
        if Privilege.write.contained.allSatisfy(result.contains) { result.insert(.write, at: 0) }
        let extra: [XMLName] = contains(.readFreeBusy) && !contains(.read) ? [.calDAV.readFreeBusy] : []
        return (result, extra)
    }
}
