import CalendarStore

/// Writes the notices a change of sharing owes: to each sharee reached (a group's members one by one) when a share
/// starts, changes role or ends, and to the owner (and whoever made the share, when not the owner) when a sharee
/// answers. One notice per calendar in a sharee's collection, rewritten as the share changes, so a client sees the
/// share's latest state; nothing is written for a change that changes nothing.
///
/// Spec: calendarserver-sharing §5.3.2 ("MUST send a notification message to any sharees whose status is changed",
/// "SHOULD NOT send notification messages to sharees whose status is unchanged"), §5.4.1 (reply to the sharer).
struct ShareNoticeWriter: Sendable {
    let store: any CalendarStore
    /// Set when the server sends mail: each sharee told of a change is also told by e-mail.
    var mail: ShareMail? = nil

    /// The grant to `grantee` went from `old` to `new` (nil: no grant).
    func shareChanged(_ calendar: CalendarRecord, grantee: Grantee, from old: CalendarGrant?, to new: CalendarGrant?)
        async throws(StoreError) {
        let status: ShareNotice.Status
        let role: CalendarRole
        switch (old, new) {
        case (nil, nil): return
        case (let old?, nil):
            (status, role) = (.removed, old.role)
        case (let old, let new?):
            if let old, old.role == new.role, old.state == new.state { return }
            (status, role) = (Self.status(new.state), new.role)
        }
        for userID in try await users(grantee) {
            let notice = try await store.putShareNotice(NewShareNotice(
                userID: userID, uid: ShareNoticeUIDs.invitation(calendarID: calendar.id), kind: .invitation, status: status,
                calendarID: calendar.id, ownerID: calendar.ownerID, shareeID: userID, role: role,
                calendarName: calendar.displayName))
            try await email(notice, previousRole: old?.role)
        }
    }

    /// `sharee` answered the share of `grant`: the owner, and whoever made the share, are told; the sharee's own
    /// invitation shows the answer.
    func answered(_ calendar: CalendarRecord, grant: CalendarGrant, sharee: User) async throws(StoreError) {
        let status = Self.status(grant.state)
        var recipients: [Int64] = [calendar.ownerID]
        if let granter = grant.grantedBy, granter != calendar.ownerID, granter != sharee.id,
           try await store.user(id: granter) != nil {
            recipients.append(granter)
        }
        for recipient in recipients {
            _ = try await store.putShareNotice(NewShareNotice(
                userID: recipient, uid: ShareNoticeUIDs.reply(calendarID: calendar.id, shareeID: sharee.id), kind: .reply,
                status: status, calendarID: calendar.id, ownerID: calendar.ownerID, shareeID: sharee.id,
                role: grant.role, calendarName: calendar.displayName))
        }
        _ = try await store.putShareNotice(NewShareNotice(
            userID: sharee.id, uid: ShareNoticeUIDs.invitation(calendarID: calendar.id), kind: .invitation, status: status,
            calendarID: calendar.id, ownerID: calendar.ownerID, shareeID: sharee.id, role: grant.role,
            calendarName: calendar.displayName))
    }

    /// Queues the e-mail for a notice to a sharee, when the server sends mail and the sharee has an address.
    private func email(_ notice: ShareNotice, previousRole: CalendarRole?) async throws(StoreError) {
        guard let mail, let sharee = try await store.user(id: notice.shareeID),
              let owner = try await store.user(id: notice.ownerID),
              let message = mail.message(for: notice, sharee: sharee, owner: owner, previousRole: previousRole) else { return }
        _ = try await store.apply([.enqueue(message)])
    }

    private static func status(_ state: ShareState) -> ShareNotice.Status {
        switch state {
        case .invited: .invited
        case .accepted: .accepted
        case .declined: .declined
        }
    }

    private func users(_ grantee: Grantee) async throws(StoreError) -> [Int64] {
        switch grantee {
        case .user(let id): [id]
        case .group(let id): try await store.members(groupID: id).map(\.id)
        }
    }
}

/// The uids of share notices: one invitation per calendar in a sharee's collection, one reply per (calendar, sharee)
/// in the sharer's, so a notice written again replaces the one before it.
public enum ShareNoticeUIDs {
    public static func invitation(calendarID: Int64) -> String { "share-\(calendarID)" }
    public static func reply(calendarID: Int64, shareeID: Int64) -> String { "share-reply-\(calendarID)-\(shareeID)" }

    /// The calendar an invitation's uid names.
    public static func calendarID(ofInvitation uid: String) -> Int64? {
        uid.hasPrefix("share-") ? Int64(uid.dropFirst("share-".count)) : nil
    }
}
