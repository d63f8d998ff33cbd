/// A property name, compared case-insensitively by storing it uppercased.
///
/// Spec: RFC 5545 §3.7–3.8, RFC 7986 §5. Unknown IANA and X- names are kept as they are.
public struct PropertyName: ICalendarName {
    public let rawValue: String
    public init(uppercased: String) { self.rawValue = uppercased }

    // Calendar properties (§3.7, RFC 7986 §5)
    public static let calscale: PropertyName = "CALSCALE"
    public static let method: PropertyName = "METHOD"
    public static let prodid: PropertyName = "PRODID"
    public static let version: PropertyName = "VERSION"
    public static let name: PropertyName = "NAME"
    public static let refreshInterval: PropertyName = "REFRESH-INTERVAL"
    public static let source: PropertyName = "SOURCE"
    public static let xWRTimezone: PropertyName = "X-WR-TIMEZONE"
    public static let xWRCalname: PropertyName = "X-WR-CALNAME"

    // Descriptive (§3.8.1)
    public static let attach: PropertyName = "ATTACH"
    public static let categories: PropertyName = "CATEGORIES"
    public static let `class`: PropertyName = "CLASS"
    public static let comment: PropertyName = "COMMENT"
    public static let description: PropertyName = "DESCRIPTION"
    public static let geo: PropertyName = "GEO"
    public static let location: PropertyName = "LOCATION"
    public static let percentComplete: PropertyName = "PERCENT-COMPLETE"
    public static let priority: PropertyName = "PRIORITY"
    public static let resources: PropertyName = "RESOURCES"
    public static let status: PropertyName = "STATUS"
    public static let summary: PropertyName = "SUMMARY"

    // Date and time (§3.8.2)
    public static let completed: PropertyName = "COMPLETED"
    public static let dtend: PropertyName = "DTEND"
    public static let due: PropertyName = "DUE"
    public static let dtstart: PropertyName = "DTSTART"
    public static let duration: PropertyName = "DURATION"
    public static let freebusy: PropertyName = "FREEBUSY"
    public static let transp: PropertyName = "TRANSP"

    // Time zone (§3.8.3)
    public static let tzid: PropertyName = "TZID"
    public static let tzname: PropertyName = "TZNAME"
    public static let tzoffsetfrom: PropertyName = "TZOFFSETFROM"
    public static let tzoffsetto: PropertyName = "TZOFFSETTO"
    public static let tzurl: PropertyName = "TZURL"

    // Relationship (§3.8.4)
    public static let attendee: PropertyName = "ATTENDEE"
    public static let contact: PropertyName = "CONTACT"
    public static let organizer: PropertyName = "ORGANIZER"
    public static let recurrenceID: PropertyName = "RECURRENCE-ID"
    public static let relatedTo: PropertyName = "RELATED-TO"
    public static let url: PropertyName = "URL"
    public static let uid: PropertyName = "UID"

    // Recurrence (§3.8.5)
    public static let exdate: PropertyName = "EXDATE"
    public static let rdate: PropertyName = "RDATE"
    public static let rrule: PropertyName = "RRULE"
    public static let exrule: PropertyName = "EXRULE"  // RFC 2445, deprecated but still produced

    // Alarm (§3.8.6)
    public static let action: PropertyName = "ACTION"
    public static let `repeat`: PropertyName = "REPEAT"
    public static let trigger: PropertyName = "TRIGGER"

    // Change management (§3.8.7)
    public static let created: PropertyName = "CREATED"
    public static let dtstamp: PropertyName = "DTSTAMP"
    public static let lastModified: PropertyName = "LAST-MODIFIED"
    public static let sequence: PropertyName = "SEQUENCE"

    // Miscellaneous (§3.8.8) and RFC 7986 §5
    public static let requestStatus: PropertyName = "REQUEST-STATUS"
    public static let color: PropertyName = "COLOR"
    public static let image: PropertyName = "IMAGE"
    public static let conference: PropertyName = "CONFERENCE"

    // RFC 7953
    public static let busytype: PropertyName = "BUSYTYPE"
}
