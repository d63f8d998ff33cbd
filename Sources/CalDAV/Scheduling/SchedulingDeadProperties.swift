import Calendaring
import CalendarStore
import DAVXML

/// The scheduling preferences CalDAV clients set as dead properties (PROPPATCH, checked by
/// `SchedulingPropertyWriter`), read for the calendar's scheduling.
/// Spec: RFC 6638 §9.1 (schedule-calendar-transp), §9.2 (schedule-default-calendar-URL: one DAV:href naming one of
/// the owner's calendars), RFC 7953 §7.2.4 (calendar-availability: iCalendar text).
struct SchedulingDeadProperties: SchedulingPreferences {
    let hrefs: Hrefs

    func isScheduleTransparent(_ calendar: CalendarRecord) -> Bool {
        calendar.isScheduleTransparent
    }

    func availability(of inbox: CalendarRecord) -> CalendarAvailability? {
        guard let xml = inbox.deadProperty(.calDAV.calendarAvailability),
              let element = try? XMLDocumentParser.parse(Array(xml.utf8)) else { return nil }
        return CalendarAvailability(storedText: element.text)
    }

    func defaultCalendarSlug(of inbox: CalendarRecord, owner: User) -> String? {
        guard let chosen = inbox.deadProperty(.calDAV.scheduleDefaultCalendarURL),
              let element = try? XMLDocumentParser.parse(Array(chosen.utf8)),
              let href = element.first(.dav.href)?.text,
              case .calendar(owner.name, let slug)? = hrefs.path(of: href) else { return nil }
        return slug
    }
}
