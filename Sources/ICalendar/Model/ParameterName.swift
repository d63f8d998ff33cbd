/// A property parameter name, compared case-insensitively by storing it uppercased.
///
/// Spec: RFC 5545 §3.2, RFC 7986 §6.
public struct ParameterName: ICalendarName {
    public let rawValue: String
    public init(uppercased: String) { self.rawValue = uppercased }
    public static let altrep: ParameterName = "ALTREP"
    public static let cn: ParameterName = "CN"
    public static let cutype: ParameterName = "CUTYPE"
    public static let delegatedFrom: ParameterName = "DELEGATED-FROM"
    public static let delegatedTo: ParameterName = "DELEGATED-TO"
    public static let dir: ParameterName = "DIR"
    public static let encoding: ParameterName = "ENCODING"
    public static let fmttype: ParameterName = "FMTTYPE"
    public static let fbtype: ParameterName = "FBTYPE"
    public static let language: ParameterName = "LANGUAGE"
    public static let member: ParameterName = "MEMBER"
    public static let partstat: ParameterName = "PARTSTAT"
    public static let range: ParameterName = "RANGE"
    public static let related: ParameterName = "RELATED"
    public static let reltype: ParameterName = "RELTYPE"
    public static let role: ParameterName = "ROLE"
    public static let rsvp: ParameterName = "RSVP"
    public static let sentBy: ParameterName = "SENT-BY"
    public static let tzid: ParameterName = "TZID"
    public static let value: ParameterName = "VALUE"
    public static let display: ParameterName = "DISPLAY"
    public static let email: ParameterName = "EMAIL"
    public static let feature: ParameterName = "FEATURE"
    public static let label: ParameterName = "LABEL"
    public static let scheduleAgent: ParameterName = "SCHEDULE-AGENT"
    public static let scheduleStatus: ParameterName = "SCHEDULE-STATUS"
    public static let scheduleForceSend: ParameterName = "SCHEDULE-FORCE-SEND"
}
