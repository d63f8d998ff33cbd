import CalendarStore
import CalendarStoreTesting
import Testing
@testable import Calendaring

/// Who may share a calendar, with whom, and in what state a share starts.
@Suite struct CalendarSharingTests {
    @Test func theSystemSharesDirectlyAndPeopleInvite() async throws {
        let w = try await AccessResolverTests.World.make()
        let sharing = CalendarSharing(store: w.store)
        #expect(try await sharing.share(w.calendar, with: "reader", role: .read, by: nil).state == .accepted)
        #expect(try await sharing.share(w.calendar, with: "stranger", role: .write, by: w.owner).state == .invited)
        // A group's share is in force at once: no one member answers for the others.
        #expect(try await sharing.share(w.calendar, with: "team", role: .write, by: w.owner).state == .accepted)
        // Changing the role of an accepted share keeps it accepted.
        let changed = try await sharing.share(w.calendar, with: "reader", role: .manage, by: w.owner)
        #expect(changed.state == .accepted && changed.role == .manage && changed.grantedBy == w.owner.id)
        // A manager shares onwards; a writer may not.
        _ = try await sharing.share(w.calendar, with: "stranger", role: .freeBusy, by: w.reader)
        #expect(try await w.store.grants(calendarID: w.calendar.id).first { $0.grantee == .user(w.stranger.id) }?.role
            == .freeBusy)
        _ = try await w.store.setGrant(calendarID: w.calendar.id, grantee: .user(w.member.id), role: .write,
                                       state: .accepted, grantedBy: nil)
        await #expect(throws: CalendaringError.refused(.needPrivileges,
                                                        reason: "Only the owner and those who manage this calendar may share it.")) {
            _ = try await sharing.share(w.calendar, with: "stranger", role: .read, by: w.member)
        }
    }

    @Test func unknownNamesAndTheOwnerAreRefused() async throws {
        let w = try await AccessResolverTests.World.make()
        let sharing = CalendarSharing(store: w.store)
        await #expect(throws: CalendaringError.refused(.recognizedPrincipal, reason: "No user or group is named 'nobody'.")) {
            _ = try await sharing.share(w.calendar, with: "nobody", role: .read, by: nil)
        }
        await #expect(throws: CalendaringError.refused(.grantToOwner,
                                                        reason: "'owner' owns this calendar and already has every privilege.")) {
            _ = try await sharing.share(w.calendar, with: "owner", role: .read, by: nil)
        }
    }

    @Test func revokingEndsAccessAtOnce() async throws {
        let w = try await AccessResolverTests.World.make()
        let sharing = CalendarSharing(store: w.store)
        _ = try await sharing.share(w.calendar, with: "team", role: .read, by: nil)
        #expect(try await w.resolver.access(of: w.member.id, to: w.calendar) == .shared(.read))
        try await sharing.revoke(w.calendar, from: "team", by: w.owner)
        #expect(try await w.resolver.access(of: w.member.id, to: w.calendar) == CalendarAccess.none)
        await #expect(throws: CalendaringError.refused(.recognizedPrincipal, reason: "The calendar is not shared with 'team'.")) {
            try await sharing.revoke(w.calendar, from: "team", by: nil)
        }
    }

    /// Each change a sharee or sharer should hear of leaves one notice per calendar in their collection, and a
    /// change that changes nothing leaves none (calendarserver-sharing §5.3.2, §5.4.1).
    @Test func sharingLeavesNotices() async throws {
        let w = try await AccessResolverTests.World.make()
        let sharing = CalendarSharing(store: w.store)
        _ = try await sharing.share(w.calendar, with: "stranger", role: .read, by: w.owner)
        let invited = try await w.store.shareNotices(userID: w.stranger.id)
        #expect(invited.map(\.status) == [.invited] && invited.first?.kind == .invitation)
        _ = try await sharing.share(w.calendar, with: "stranger", role: .read, by: w.owner)
        #expect(try await w.store.shareNotices(userID: w.stranger.id) == invited, "nothing changed, nothing written")

        try await sharing.respond(w.calendar, sharee: w.stranger, accept: true)
        #expect(try await w.resolver.access(of: w.stranger.id, to: w.calendar) == .shared(.read))
        let replies = try await w.store.shareNotices(userID: w.owner.id)
        #expect(replies.map(\.kind) == [.reply] && replies.first?.status == .accepted
            && replies.first?.shareeID == w.stranger.id)
        #expect(try await w.store.shareNotices(userID: w.stranger.id).map(\.status) == [.accepted])

        _ = try await sharing.share(w.calendar, with: "stranger", role: .write, by: w.owner)
        #expect(try await w.store.shareNotices(userID: w.stranger.id).map(\.role) == [.write], "a changed role")
        try await sharing.revoke(w.calendar, from: "stranger", by: w.owner)
        #expect(try await w.store.shareNotices(userID: w.stranger.id).map(\.status) == [.removed], "an ended share")

        // A group's members are told one by one.
        _ = try await sharing.share(w.calendar, with: "team", role: .read, by: nil)
        #expect(try await w.store.shareNotices(userID: w.member.id).map(\.status) == [.accepted])
    }

    @Test func onlyAShareToThePersonCanBeAnswered() async throws {
        let w = try await AccessResolverTests.World.make()
        let sharing = CalendarSharing(store: w.store)
        _ = try await sharing.share(w.calendar, with: "team", role: .read, by: nil)
        await #expect(throws: CalendaringError.refused(.needPrivileges, reason:
            "This calendar is shared with a group you belong to; only its owner can end that.")) {
            try await sharing.respond(w.calendar, sharee: w.member, accept: false)
        }
        await #expect(throws: CalendaringError.refused(.needPrivileges, reason: "This calendar is not shared with you.")) {
            try await sharing.respond(w.calendar, sharee: w.stranger, accept: true)
        }
    }
}
