import CalendarStore
import Calendaring
import DAVXML
import WebDAV

/// The properties of calendarserver-sharing: on calendars who they are shared with (CS:invite), whether they can be
/// shared (CS:allowed-sharing-modes) and, on a mount, the owner's URL (CS:shared-url) and the CS:shared /
/// CS:shared-owner resource types; on principals where their notices are (CS:notification-URL); and the
/// notification collection and its notices.
///
/// Spec: calendarserver-sharing §4.1.1, §4.2.1, §5.2.1–5.2.4, §6.5.
extension PropertyReader {
    func sharingValue(_ name: XMLName, of target: PropertyTarget) async -> XMLElement? {
        switch (name, target) {
        case (.dav.resourcetype, .calendar(_, let calendar)) where !calendar.isScheduleInbox:
            var types = resourceTypes(target)
            if calendar.ownerID != principal.userID {
                types.append(.calendarServer.shared)
            } else if let grants = try? await store.grants(calendarID: calendar.id), !grants.isEmpty {
                types.append(.calendarServer.sharedOwner)
            }
            return XMLElement(name, elements: types.map { XMLElement($0) })
        case (.calendarServer.notificationURL, .principal(let user)), (.dav.notificationURL, .principal(let user)):
            return XMLElement(name, elements: [XMLElement(.dav.href, text: hrefs.href(.notifications(user: user.name)))])
        case (.calendarServer.invite, .calendar(_, let calendar)) where !calendar.isScheduleInbox:
            return await invite(calendar)
        case (.dav.invite, .calendar(_, let calendar)) where !calendar.isScheduleInbox:
            return await davInvite(calendar)
        case (.dav.shareAccess, .calendar(_, let calendar)) where !calendar.isScheduleInbox:
            return await shareAccess(calendar)
        case (.dav.sharerResourceURI, .calendar(_, let calendar)) where calendar.ownerID != principal.userID:
            guard let mount = SharedCalendarMount.parse(calendar.slug) else { return nil }
            return XMLElement(name, elements: [XMLElement(.dav.href, text: hrefs.calendar(mount.owner, mount.slug))])
        case (.dav.notificationtype, .notification(_, let notice)):
            return XMLElement(name, elements: [XMLElement(notice.kind == .invitation ? .dav.shareInviteNotification
                                                                                    : .dav.inviteReply)])
        case (.calendarServer.allowedSharingModes, .calendar(_, let calendar)) where !calendar.isScheduleInbox:
            // Only the owner's own calendars are shared from; a mount is shared by its owner.
            let owned = calendar.ownerID == principal.userID
            return XMLElement(name, elements: owned ? [XMLElement(.calendarServer.canBeShared)] : [])
        case (.calendarServer.sharedURL, .calendar(_, let calendar)) where calendar.ownerID != principal.userID:
            guard let mount = SharedCalendarMount.parse(calendar.slug) else { return nil }
            return XMLElement(name, elements: [XMLElement(.dav.href, text: hrefs.calendar(mount.owner, mount.slug))])
        case (.dav.displayname, .notifications): return XMLElement(name, text: "Notifications")
        case (.calendarServer.getctag, .notifications(let user)):
            // Changes whenever a notice is written (ids grow) or deleted (the count drops).
            let notices = (try? await store.shareNotices(userID: user.id)) ?? []
            return XMLElement(name, text: "\(notices.map(\.id).max() ?? 0)-\(notices.count)")
        case (.dav.supportedReportSet, .notifications): return SupportedReportSet.element([])
        case (.dav.displayname, .sharedWithMe): return XMLElement(name, text: SharedWithMe.displayName)
        case (.dav.supportedReportSet, .sharedWithMe):
            return SupportedReportSet.element([.calDAV.calendarQuery, .calDAV.calendarMultiget])
        case (.calDAV.supportedCalendarComponentSet, .sharedWithMe):
            return XMLElement(name, elements: SharedWithMe.components.map {
                XMLElement(.calDAV.comp, attributes: [XMLAttribute("name", $0)])
            })
        case (.calDAV.supportedCalendarData, .sharedWithMe):
            return XMLElement(name, elements: [XMLElement(.calDAV.calendarData, attributes: [
                XMLAttribute("content-type", "text/calendar"), XMLAttribute("version", "2.0"),
            ])])
        case (.calendarServer.getctag, .sharedWithMe(let user)):
            // Changes whenever an entry comes, goes or changes.
            let entries = (try? await SharedWithMe.entries(of: user, store: store)) ?? []
            let state = entries.map { "\($0.calendar.id)/\($0.object.name)/\($0.object.etag.value)" }.sorted()
                .joined(separator: ",")
            return XMLElement(name, text: ETag(of: Array(state.utf8)).value)
        case (.dav.getetag, .notification(_, let notice)): return XMLElement(name, text: "\"\(notice.id)\"")
        case (.dav.getcontenttype, .notification): return XMLElement(name, text: "application/xml; charset=utf-8")
        case (.dav.getlastmodified, .notification(_, let notice)):
            return XMLElement(name, text: HTTPDate.rfc1123(secondsSince1970: notice.createdAt))
        case (.calendarServer.notificationtype, .notification(_, let notice)):
            return NoticeDocument.notificationType(of: notice)
        default:
            return nil
        }
    }

    /// DAV:share-access (draft-pot-webdav-resource-sharing §4.4.1): DAV:shared-owner or DAV:not-shared on the
    /// owner's calendar, the user's access on one shared with them.
    private func shareAccess(_ calendar: CalendarRecord) async -> XMLElement? {
        let access: XMLName
        if calendar.ownerID == principal.userID {
            let grants = (try? await store.grants(calendarID: calendar.id)) ?? []
            access = grants.isEmpty ? .dav.notShared : .dav.sharedOwner
        } else {
            let reach = try? await AccessResolver(store: store).access(of: principal.userID, to: calendar)
            guard let reach, reach != .none else { return nil }
            access = reach.allows(.writeContent) ? .dav.readWrite : .dav.read
        }
        return XMLElement(.dav.shareAccess, elements: [XMLElement(access)])
    }

    /// DAV:invite (draft-pot-webdav-resource-sharing §4.4.2): the sharees with their access and answer, to the
    /// owner and managers; to other sharees only their own entry.
    private func davInvite(_ calendar: CalendarRecord) async -> XMLElement? {
        let documents = NoticeDocument(store: store, hrefs: hrefs)
        guard let grants = try? await store.grants(calendarID: calendar.id) else { return nil }
        let access = try? await AccessResolver(store: store).access(of: principal.userID, to: calendar)
        let seesAll = access?.allows(.share) == true
        var sharees: [XMLElement] = []
        for grant in grants {
            let href: String
            switch grant.grantee {
            case .user(let id):
                guard seesAll || id == principal.userID, let user = try? await store.user(id: id) else { continue }
                href = documents.address(user)
            case .group(let id):
                guard seesAll, let group = try? await store.group(id: id) else { continue }
                href = hrefs.principal(group.name)
            }
            let status: XMLName = switch grant.state {
            case .invited: .dav.inviteNoresponse
            case .accepted: .dav.inviteAccepted
            case .declined: .dav.inviteDeclined
            }
            sharees.append(XMLElement(.dav.sharee, elements: [
                XMLElement(.dav.href, text: href), XMLElement(status),
                XMLElement(.dav.shareAccess, elements: [XMLElement(grant.role >= .write ? .dav.readWrite : .dav.read)]),
            ]))
        }
        return XMLElement(.dav.invite, elements: sharees)
    }

    /// CS:invite: to the owner and managers every sharee with their answer and access; to anyone else who reaches
    /// the calendar, the owner (CS:organizer) and their own entry only, since other sharees are not theirs to see.
    private func invite(_ calendar: CalendarRecord) async -> XMLElement? {
        let documents = NoticeDocument(store: store, hrefs: hrefs)
        guard let grants = try? await store.grants(calendarID: calendar.id),
              let owner = try? await store.user(id: calendar.ownerID) else { return nil }
        let access = try? await AccessResolver(store: store).access(of: principal.userID, to: calendar)
        let seesAll = access?.allows(.share) == true
        var children: [XMLElement] = []
        if calendar.ownerID != principal.userID {
            children.append(XMLElement(.calendarServer.organizer, elements: [
                XMLElement(.dav.href, text: documents.address(owner)),
                XMLElement(.calendarServer.commonName, text: owner.displayName),
            ]))
        }
        for grant in grants {
            var href: String
            var commonName: String
            switch grant.grantee {
            case .user(let id):
                guard seesAll || id == principal.userID, let user = try? await store.user(id: id) else { continue }
                (href, commonName) = (documents.address(user), user.displayName)
            case .group(let id):
                guard seesAll, let group = try? await store.group(id: id) else { continue }
                (href, commonName) = (hrefs.principal(group.name), group.displayName)
            }
            children.append(XMLElement(.calendarServer.user, elements: [
                XMLElement(.dav.href, text: href),
                XMLElement(.calendarServer.commonName, text: commonName),
                XMLElement(NoticeDocument.statusName(ShareNotice.Status(grant.state))),
                XMLElement(.calendarServer.access, elements: [XMLElement(NoticeDocument.accessName(grant.role))]),
            ]))
        }
        return XMLElement(.calendarServer.invite, elements: children)
    }
}

extension ShareNotice.Status {
    init(_ state: ShareState) {
        switch state {
        case .invited: self = .invited
        case .accepted: self = .accepted
        case .declined: self = .declined
        }
    }
}
