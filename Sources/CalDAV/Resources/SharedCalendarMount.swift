import CalendarStore
import Foundation

/// Where a calendar shared with a user appears in that user's own calendar home, so every client that lists the
/// home (python-caldav, DAVx5, Thunderbird, vdirsyncer) finds it: `<slug>_shared_by_<owner>`, the form Nextcloud
/// uses, which cannot collide with another owner's calendar of the same slug.
///
/// The mounted calendar is the owner's (same id, same `ownerID`, same objects, sync tokens and ETags) with the
/// mount's slug, so every href the sharee is given stays inside their home; access and privacy are decided on
/// `ownerID`, never on whose home the URL names. The sharee's own name and colour for it replace the owner's.
enum SharedCalendarMount {
    static let separator = "_shared_by_"

    static func slug(of calendar: CalendarRecord, ownerName: String) -> String {
        calendar.slug + separator + ownerName
    }

    /// The owner's name and the calendar's slug a mount slug names; nil for any other slug.
    static func parse(_ slug: String) -> (owner: String, slug: String)? {
        guard let range = slug.range(of: separator, options: .backwards) else { return nil }
        let calendar = String(slug[..<range.lowerBound]), owner = String(slug[range.upperBound...])
        return calendar.isEmpty || owner.isEmpty ? nil : (owner, calendar)
    }

    static func mounted(_ calendar: CalendarRecord, ownerName: String, presentation: ShareePresentation?)
        -> CalendarRecord {
        var mounted = calendar
        mounted.slug = slug(of: calendar, ownerName: ownerName)
        if let name = presentation?.displayName { mounted.displayName = name }
        if let color = presentation?.color { mounted.color = color }
        return mounted
    }
}
