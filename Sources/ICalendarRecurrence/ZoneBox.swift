import ICalendar

/// A zone held by reference, so structs that keep one stay cheap to pass around.
final class ZoneBox: Sendable {
    let zone: any TimeZoneRules

    init(_ zone: any TimeZoneRules) { self.zone = zone }

    /// Whether a wall clock occurs in the zone (it does not inside a DST gap).
    func exists(_ local: LocalDateTime) -> Bool {
        zone.local(at: zone.instant(for: local)) == local
    }
}

