import ICalendar

/// The restrictions RFC 4791 §4.1 puts on a calendar object resource, refused as 403 CALDAV:valid-calendar-object-resource.
///
/// Spec: RFC 4791 §4.1 — no METHOD property; the components other than VTIMEZONE are all of one type and all carry the
/// same UID; one of them may be the master and the others are RECURRENCE-ID overrides of it ("overridden
/// components"; a set of overrides without a master is allowed, as an invitation to single instances is stored).
/// Two masters, or two overrides of the same instance, are ambiguous and refused. X- components (vendor data beside
/// the object) are ignored, as RFC 5545 §3.6 lets applications ignore them.
enum CalendarObjectResourceRules {
    /// The UID and component type of a valid object.
    static func check(_ calendar: Component) throws(CalendaringError) -> (uid: String, type: String) {
        if calendar.property(.method) != nil {
            throw invalid("a calendar object resource must not have a METHOD property (it belongs to iTIP messages)")
        }
        let members = calendar.components.filter { $0.name != .vtimezone && !$0.name.isExtension }
        guard let first = members.first else {
            throw invalid("the VCALENDAR holds no calendar component (VEVENT, VTODO, VJOURNAL, ...)")
        }
        let type = first.name
        if let other = members.first(where: { $0.name != type }) {
            throw invalid("a calendar object resource holds one component type; found \(type.rawValue) and \(other.name.rawValue)")
        }
        var uid: String?
        var hasMaster = false
        var overridden: Set<DateTime> = []
        for member in members {
            guard let value = member.property(.uid)?.text, !value.isEmpty else {
                throw invalid("every \(type.rawValue) needs a UID")
            }
            if let uid, uid != value {
                throw invalid("all components of a calendar object resource share one UID; found '\(uid)' and '\(value)'")
            }
            uid = value
            if let recurrenceID = member.property(.recurrenceID) {
                // The value was checked by the validator's value pass only after this; read it leniently here.
                guard let instance = try? recurrenceID.dateTime() else { continue }
                guard overridden.insert(instance).inserted else {
                    throw invalid("two components override the same instance (RECURRENCE-ID \(recurrenceID.value))")
                }
            } else {
                guard !hasMaster else {
                    throw invalid("two \(type.rawValue) components with UID '\(value)' lack RECURRENCE-ID; only one may be the master")
                }
                hasMaster = true
            }
        }
        return (uid ?? "", type.rawValue)
    }

    private static func invalid(_ message: String) -> CalendaringError {
        .refused(.validCalendarObjectResource, reason: message)
    }
}
