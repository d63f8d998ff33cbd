import CalendarStore
import DAVXML
import WebDAV

/// The body of a sharer's POST to a calendar, in either protocol: calendarserver-sharing's CS:share with CS:set
/// (add a sharee or change their access) and CS:remove elements, or the resource sharing draft's DAV:share-resource
/// with DAV:sharee elements whose DAV:share-access is DAV:read, DAV:read-write or DAV:no-access (removal); each
/// names the sharee by DAV:href.
///
/// Spec: calendarserver-sharing §5.3.2, §6.26–6.28; draft-pot-webdav-resource-sharing-04 §5.2 (share-resource).
struct CalendarShareRequest {
    enum Change: Equatable {
        case set(href: String, role: CalendarRole)
        case remove(href: String)
    }

    let changes: [Change]

    /// Whether `body` is a sharing request of either protocol.
    static func isShareRequest(_ body: XMLElement) -> Bool {
        body.name == .calendarServer.share || body.name == .dav.shareResource
    }

    init(_ body: XMLElement) throws(DAVError) {
        if body.name == .dav.shareResource {
            changes = try Self.shareResourceChanges(body)
            return
        }
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

    private static func shareResourceChanges(_ body: XMLElement) throws(DAVError) -> [Change] {
        var changes: [Change] = []
        for sharee in body.all(.dav.sharee) {
            guard let href = sharee.first(.dav.href)?.text.trimmingWhitespace, !href.isEmpty else {
                throw DAVError.badRequest("Each DAV:sharee needs a DAV:href.")
            }
            let access = sharee.first(.dav.shareAccess)?.elements.first?.name
            switch access {
            case .dav.read?: changes.append(.set(href: href, role: .read))
            case .dav.readWrite?: changes.append(.set(href: href, role: .write))
            case .dav.noAccess?: changes.append(.remove(href: href))
            default:
                throw DAVError.badRequest("Each DAV:sharee needs a DAV:share-access of DAV:read, DAV:read-write or "
                                          + "DAV:no-access.")
            }
        }
        guard !changes.isEmpty else { throw DAVError.badRequest("DAV:share-resource needs at least one DAV:sharee.") }
        return changes
    }
}
