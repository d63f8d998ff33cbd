import CalendarStore
import Calendaring
import DAVXML
import ICalendar
import ICalendarRecurrence
import WebDAV

/// Turns a target and a property selection into one multistatus response element.
struct PropertyRenderer: Sendable {
    let context: MethodContext
    let selection: PropertySelection
    /// The zone context for expansion and time ranges; the calendar's own when nil.
    var timeContext: TimeContext? = nil

    func response(for target: PropertyTarget) async -> MultistatusResponse {
        let href = context.hrefs.href(target.path)
        let reader = context.reader
        var builder = PropstatBuilder()
        switch selection.kind {
        case .propname:
            return MultistatusResponse(href: href, propstats: [
                Propstat(status: 200, properties: reader.names(of: target).map { XMLElement($0) }),
            ])
        case .allprop(let include):
            var names = reader.allpropNames(of: target)
            for name in include where !names.contains(name) { names.append(name) }
            for name in names {
                if await forbidden(name, of: target) {
                    if include.contains(name) { builder.forbid(name) }
                } else if let value = await value(name, of: target) { builder.add(name, value) }
                else if include.contains(name) { builder.add(name, nil) }
            }
        case .names(let names):
            for name in names {
                if await forbidden(name, of: target) { builder.forbid(name) }
                else { builder.add(name, await value(name, of: target)) }
            }
        }
        return MultistatusResponse(href: href, propstats: builder.propstats)
    }

    /// DAV:acl of a calendar or object, to a user without DAV:read-acl (RFC 3744 §5.5).
    private func forbidden(_ name: XMLName, of target: PropertyTarget) async -> Bool {
        guard name == .dav.acl else { return false }
        switch target {
        case .calendar, .object: return !(await context.reader.mayReadACL(target))
        default: return false
        }
    }

    private func value(_ name: XMLName, of target: PropertyTarget) async -> XMLElement? {
        if name == .calDAV.calendarData, case .object(_, let calendar, _, let data?) = target {
            let whole = await context.seesEveryDetail(ownerID: calendar.ownerID)
            return calendarData(whole ? data : ClassifiedBytes.view(of: data),
                                calendar: calendar)
        }
        return await context.reader.value(name, of: target)
    }

    /// CALDAV:calendar-data, with the partial-retrieval or expansion the request asked for (RFC 4791 §9.6). A plain
    /// `<C:calendar-data/>` is the stored bytes as they are: nothing is parsed.
    private func calendarData(_ data: [UInt8], calendar: CalendarRecord) -> XMLElement? {
        guard let request = selection.calendarData, !request.returnsOriginal else {
            return XMLElement(.calDAV.calendarData, utf8Text: data)
        }
        guard let rendered = request.renderedBytes(original: data,
                                                   context: timeContext ?? context.zone(of: calendar).timeContext)
        else { return nil }
        return XMLElement(.calDAV.calendarData, utf8Text: rendered)
    }
}
