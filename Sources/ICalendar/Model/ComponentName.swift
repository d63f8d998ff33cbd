/// A component name (`VEVENT`, `X-FOO`), compared case-insensitively by storing it uppercased.
///
/// Spec: RFC 5545 §3.4–3.6, RFC 7953 (VAVAILABILITY). Unknown IANA and X- names are kept as they are.
public struct ComponentName: ICalendarName {
    public let rawValue: String
    public init(uppercased: String) { self.rawValue = uppercased }
    public static let vcalendar: ComponentName = "VCALENDAR"
    public static let vevent: ComponentName = "VEVENT"
    public static let vtodo: ComponentName = "VTODO"
    public static let vjournal: ComponentName = "VJOURNAL"
    public static let vfreebusy: ComponentName = "VFREEBUSY"
    public static let vtimezone: ComponentName = "VTIMEZONE"
    public static let standard: ComponentName = "STANDARD"
    public static let daylight: ComponentName = "DAYLIGHT"
    public static let valarm: ComponentName = "VALARM"
    public static let vavailability: ComponentName = "VAVAILABILITY"
    public static let available: ComponentName = "AVAILABLE"
}
