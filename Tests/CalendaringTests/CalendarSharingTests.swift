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
        #expect(try await sharing.share(w.calendar, with: "team", role: .write, by: w.owner).state == .invited)
        // Changing the role of an accepted share keeps it accepted.
        let changed = try await sharing.share(w.calendar, with: "reader", role: .manage, by: w.owner)
        #expect(changed.state == .accepted && changed.role == .manage && changed.grantedBy == w.owner.id)
        // A manager shares onwards; a writer may not.
        _ = try await sharing.share(w.calendar, with: "stranger", role: .freeBusy, by: w.reader)
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
}
