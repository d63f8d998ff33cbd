/// The calendar user a scheduling operation acts for: every address that identifies them (RFC 6638 §2.4.1
/// calendar-user-address-set) and their display name for CN.
public struct CalendarUser: Sendable, Hashable {
    public var addresses: Set<CalendarUserAddress>
    public var commonName: String?

    public init(addresses: Set<CalendarUserAddress>, commonName: String? = nil) {
        self.addresses = addresses
        self.commonName = commonName
    }

    public func owns(_ address: CalendarUserAddress) -> Bool { addresses.contains(address) }
}
