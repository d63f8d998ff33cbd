import CalendarStore
import DAVXML
import WebDAV

/// The body of a sharer's POST to a calendar: CS:share with CS:set (add a sharee or change their access) and
/// CS:remove elements, each naming the sharee by DAV:href.
///
/// Spec: calendarserver-sharing §5.3.2, §6.26–6.28.
struct CalendarShareRequest {
    enum Change: Equatable {
        case set(href: String, role: CalendarRole)
        case remove(href: String)
    }

    let changes: [Change]

    init(_ body: XMLElement) throws(DAVError) {
        var changes: [Change] = []
        for element in body.elements {
            let href = element.first(.dav.href)?.text.trimmingWhitespace ?? ""
            switch element.name {
            case .calendarServer.set:
                guard !href.isEmpty else { throw DAVError.badRequest("Each CS:set needs the sharee's DAV:href.") }
                if element.first(.calendarServer.readWrite) != nil {
                    changes.append(.set(href: href, role: .write))
                } else if element.first(.calendarServer.read) != nil {
                    changes.append(.set(href: href, role: .read))
                } else {
                    throw DAVError.badRequest("Each CS:set needs CS:read or CS:read-write.")
                }
            case .calendarServer.remove:
                guard !href.isEmpty else { throw DAVError.badRequest("Each CS:remove needs the sharee's DAV:href.") }
                changes.append(.remove(href: href))
            default:
                continue  // elements of later versions are ignored, as XML extensibility asks
            }
        }
        guard !changes.isEmpty else { throw DAVError.badRequest("CS:share needs at least one CS:set or CS:remove.") }
        self.changes = changes
    }
}
