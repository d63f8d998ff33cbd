import CalendarStore
import ITIP

/// Maps calendar user addresses to the users of this server and back.
/// A user's addresses (RFC 6638 §2.4.1 calendar-user-address-set) are `mailto:` their e-mail (when set) and their
/// principal URL.
/// Spec: RFC 6638 §2.4.1, §3.1.
package struct CalendarUserDirectory: Sendable {
    let store: any CalendarStore
    let urls: any CalendarURLs

    package init(store: any CalendarStore, urls: any CalendarURLs) {
        self.store = store
        self.urls = urls
    }

    package func calendarUser(_ user: User) -> CalendarUser {
        var addresses: Set<CalendarUserAddress> = [CalendarUserAddress(urls.principalURL(ofUser: user.name))]
        if !user.email.isEmpty { addresses.insert(CalendarUserAddress(email: user.email)) }
        return CalendarUser(addresses: addresses, commonName: user.displayName)
    }

    /// The address the server writes for a user in messages: their `mailto:` when they have an e-mail address.
    package func preferredAddress(_ user: User) -> CalendarUserAddress {
        user.email.isEmpty ? CalendarUserAddress(urls.principalURL(ofUser: user.name)) : CalendarUserAddress(email: user.email)
    }

    /// The local user an address names, nil for addresses outside this server. An account that has not proven its
    /// e-mail address (`unverified`, just signed up) is not that address's calendar user yet: otherwise signing up
    /// with someone else's address would divert their invitations.
    package func user(for address: CalendarUserAddress) async throws(StoreError) -> User? {
        if let email = address.email {
            let user = try await store.user(email: email)
            return user?.status == .unverified ? nil : user
        }
        // A principal URL, absolute or as a path.
        var path = address.value
        if let scheme = path.range(of: "://") {
            let afterHost = path[scheme.upperBound...].firstIndex(of: "/") ?? path.endIndex
            path = String(path[afterHost...])
        }
        guard let name = urls.userName(principalPath: path) else { return nil }
        return try await store.user(named: name)
    }
}
