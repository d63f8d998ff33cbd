import Calendaring

/// The calendar reads CalDAV's URL space through `CalendarURLs`: principals at `/principals/<user>/`, objects at
/// `/calendars/<user>/<calendar>/<name>`, below the base path.
extension Hrefs: CalendarURLs {
    func principalURL(ofUser name: String) -> String { principal(name) }

    func userName(principalPath path: String) -> String? {
        guard case .principal(let name)? = self.path(of: path) else { return nil }
        return name
    }

    func objectURL(owner: String, calendar slug: String, name: String) -> String { object(owner, slug, name) }

    func calendarURL(owner: String, calendar slug: String) -> String { calendar(owner, slug) }
}
