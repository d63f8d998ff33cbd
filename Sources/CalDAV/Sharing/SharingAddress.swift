import CalendarStore
import Calendaring
import ITIP

/// The user or group a sharing request names by DAV:href: a principal URL (as a path or absolute), or a calendar
/// user address (`mailto:`), the forms calendarserver-sharing and the WebDAV resource sharing draft allow.
///
/// Spec: calendarserver-sharing §5.3.2 ("a principal-URL ..., a calendar user address or email address"),
/// draft-pot-webdav-resource-sharing §4.4.
struct SharingAddress {
    let store: any CalendarStore
    let hrefs: Hrefs

    /// The principal name `href` names, nil when no user or group of this server has it.
    func principalName(_ href: String) async throws(StoreError) -> String? {
        let address = CalendarUserAddress(href)
        if let email = address.email {
            if let user = try await store.user(email: email) { return user.name }
            return try await store.groups().first { $0.email?.lowercased() == email.lowercased() }?.name
        }
        guard case .principal(let name)? = hrefs.path(of: href) else { return nil }
        if try await store.user(named: name) != nil { return name }
        return try await store.group(named: name) != nil ? name : nil
    }
}
