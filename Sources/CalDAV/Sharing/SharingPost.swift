import CalendarStore
import Calendaring
import DAVXML
import WebDAV

/// The sharing POSTs: a sharer's CS:share or DAV:share-resource on a calendar (add, change or remove sharees), and
/// a sharee's answer, CS:invite-reply on their calendar home or DAV:invite-reply on the invitation notice. All go
/// through `CalendarSharing`, so the rules are the command line's: only the owner and manage sharees share, a person is invited and answers, a
/// group's share is in force at once, and every change leaves notices.
///
/// Spec: calendarserver-sharing §5.3.2 (CS:share → 200), §5.4.1 (CS:invite-reply → CS:shared-as on acceptance);
/// draft-pot-webdav-resource-sharing-04 §5.2–5.4.
struct SharingPost {
    let context: MethodContext

    /// CS:share or DAV:share-resource on `calendar` by the requesting user. Every sharee is looked up before
    /// anything changes, so a request naming someone unknown changes nothing.
    func share(_ calendar: CalendarRecord, body: XMLElement) async throws(DAVError) -> DAVResponse {
        let request = try CalendarShareRequest(body)
        let addresses = SharingAddress(store: context.store, hrefs: context.hrefs)
        var named: [(name: String, change: CalendarShareRequest.Change)] = []
        for change in request.changes {
            let href = switch change {
            case .set(let href, _), .remove(let href): href
            }
            let name = try await context.store { _ throws(StoreError) in try await addresses.principalName(href) }
            guard let name else {
                throw DAVError.forbidden("'\(href)' is not a user or group of this server.",
                                         condition: .dav.recognizedPrincipal)
            }
            named.append((name, change))
        }
        let actor = try await context.requestingUser()
        let sharing = context.sharing
        let grants = try await context.store { store throws(StoreError) in try await store.grants(calendarID: calendar.id) }
        for (name, change) in named {
            do throws(CalendaringError) {
                switch change {
                case .set(_, let role):
                    // CS:read-write is write or manage: a manager keeps managing.
                    let grantee = try await sharing.grantee(named: name)
                    let current = grants.first { $0.grantee == grantee }?.role
                    let kept = role == .write && current == .manage ? CalendarRole.manage : role
                    _ = try await sharing.share(calendar, with: name, role: kept, by: actor)
                case .remove:
                    do throws(CalendaringError) {
                        try await sharing.revoke(calendar, from: name, by: actor)
                    } catch .refused(.recognizedPrincipal, _) {
                        continue  // not shared with them: nothing to remove
                    }
                }
            } catch {
                throw error.davError
            }
        }
        if context.configuration.sendsMail { context.mailQueued() }
        return DAVResponse(status: 200, headers: DAVHeaders([("Content-Length", "0"), ("Cache-Control", "no-cache")]))
    }

    /// CS:invite-reply on the home of `sharee`: the answer to the share of the calendar the reply names. Accepting
    /// answers with CS:shared-as, the calendar's URL in the sharee's home (`SharedCalendarMount`).
    func reply(home sharee: User, body: XMLElement) async throws(DAVError) -> DAVResponse {
        let request = try InviteReplyRequest(body)
        let calendar = try await sharedCalendar(request, sharee: sharee)
        try await context.share { sharing throws(CalendaringError) in
            try await sharing.respond(calendar, sharee: sharee, accept: request.accept)
        }
        guard request.accept else {
            return DAVResponse(status: 200, headers: DAVHeaders([("Content-Length", "0")]))
        }
        let owner = try await context.store { store throws(StoreError) in try await store.user(id: calendar.ownerID) }
        let mount = context.hrefs.calendar(sharee.name, SharedCalendarMount.slug(of: calendar, ownerName: owner?.name ?? ""))
        let root = XMLElement(.calendarServer.sharedAs, elements: [XMLElement(.dav.href, text: mount)])
        return DAVResponse(status: 200, headers: DAVHeaders([("Content-Type", "application/xml; charset=utf-8")]),
                           body: XMLWriter.document(root))
    }

    /// DAV:invite-reply POSTed to the invitation notice itself (the resource sharing draft's way of answering):
    /// accept or decline the share the notice is about.
    func reply(to notice: ShareNotice, of sharee: User, body: XMLElement) async throws(DAVError) -> DAVResponse {
        let accept: Bool
        switch (body.first(.dav.inviteAccepted), body.first(.dav.inviteDeclined)) {
        case (_?, nil): accept = true
        case (nil, _?): accept = false
        default:
            throw DAVError.badRequest("DAV:invite-reply needs exactly one of DAV:invite-accepted and DAV:invite-declined.")
        }
        guard notice.kind == .invitation, notice.shareeID == sharee.id,
              let calendar = try await context.store({ store throws(StoreError) in try await store.calendar(id: notice.calendarID) })
        else {
            throw DAVError.forbidden("This notice is not an invitation to a calendar that still exists.",
                                     condition: .dav.needPrivileges)
        }
        try await context.share { sharing throws(CalendaringError) in
            try await sharing.respond(calendar, sharee: sharee, accept: accept)
        }
        var headers = DAVHeaders([("Content-Length", "0")])
        if accept, let owner = try await context.store({ store throws(StoreError) in try await store.user(id: calendar.ownerID) }) {
            headers.set("Location", context.hrefs.calendar(sharee.name, SharedCalendarMount.slug(of: calendar, ownerName: owner.name)))
        }
        return DAVResponse(status: 200, headers: headers)
    }

    /// The calendar a reply names: by CS:hosturl (the owner's URL, or the mount's in the sharee's home), else by
    /// the invitation it answers.
    private func sharedCalendar(_ request: InviteReplyRequest, sharee: User) async throws(DAVError) -> CalendarRecord {
        let calendar = try await context.store { store throws(StoreError) -> CalendarRecord? in
            if let url = request.hostURL, case .calendar(let home, let slug)? = context.hrefs.path(of: url) {
                if home == sharee.name, let mount = SharedCalendarMount.parse(slug) {
                    guard let owner = try await store.user(named: mount.owner) else { return nil }
                    return try await store.calendar(ownerID: owner.id, slug: mount.slug)
                }
                guard let owner = try await store.user(named: home) else { return nil }
                return try await store.calendar(ownerID: owner.id, slug: slug)
            }
            if let uid = request.inReplyTo, let id = ShareNoticeUIDs.calendarID(ofInvitation: uid) {
                return try await store.calendar(id: id)
            }
            return nil
        }
        guard let calendar, !calendar.isScheduleInbox else {
            throw DAVError.forbidden("The reply names no calendar shared with you.", condition: .dav.needPrivileges)
        }
        return calendar
    }
}
