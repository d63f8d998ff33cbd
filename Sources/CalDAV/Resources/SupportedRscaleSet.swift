import DAVXML
import ICalendarRecurrence

/// CALDAV:supported-rscale-set: the calendar scales RRULE's RSCALE may name, on calendars and the calendar home.
///
/// Spec: RFC 7529 §5.2 — `<C:supported-rscale-set><C:supported-rscale>GREGORIAN</C:supported-rscale>...`, protected.
/// Kept out of allprop: a long capability list that clients ask for by name.
enum SupportedRscaleSet {
    static let element = XMLElement(.calDAV.supportedRscaleSet, elements: RecurrenceCalendarScale.supported.map {
        XMLElement(.calDAV.supportedRscale, text: $0.name)
    })
}
