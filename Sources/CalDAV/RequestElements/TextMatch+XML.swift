import Calendaring
import DAVXML
import WebDAV

/// Reads a CALDAV:text-match element.
///
/// Spec: RFC 4791 §9.7.5 — the `collation` attribute (an unsupported one is 403 CALDAV:supported-collation, §7.5),
/// `negate-condition` "yes" or "no" (anything else is 403 CALDAV:valid-filter). The match text is trimmed of
/// surrounding white space, which pretty-printed XML adds and no client means.
extension TextMatch {
    static func parse(_ element: XMLElement) throws(DAVError) -> TextMatch {
        let collation: TextCollation
        do {
            collation = try TextCollation.parse(element.attribute("collation"))
        } catch {
            throw error.davError
        }
        let negate = element.attribute("negate-condition")?.trimmingSpaces.lowercased()
        guard negate == nil || negate == "yes" || negate == "no" else {
            throw CalendarFilter.invalid("negate-condition is \"yes\" or \"no\", not \"\(negate ?? "")\"")
        }
        return TextMatch(text: element.text.trimmingSpaces, collation: collation, isNegated: negate == "yes")
    }
}
