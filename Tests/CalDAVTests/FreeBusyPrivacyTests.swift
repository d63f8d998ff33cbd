import CalDAV
import CalendarStore
import Calendaring
import Testing
import WebDAV

/// Who may look up a user's busy times through the outbox: the user's choice, else the server's default; a refused
/// lookup is `3.8;No authority` with no busy time in it, and the user may always look up their own.
/// Spec: RFC 6638 §5, RFC 5545 §3.8.8.3 (REQUEST-STATUS 3.8).
@Suite struct FreeBusyPrivacyTests {
    typealias F = OutboxFreeBusyTests

    /// Bob is busy on 10 March; alice asks.
    static func harness(default visibility: FreeBusyVisibility = .everyone) async throws -> ServiceHarness {
        let h = try await ServiceHarness(configuration: CalDAVConfiguration(
            maxResourceSize: 100_000, scheduling: SchedulingLimits(defaultFreeBusyVisibility: visibility)))
        await F.putEvent(h, h.bob, uid: "bob-busy", start: "20250310T090000Z", end: "20250310T100000Z")
        return h
    }

    static func bobAsSeenByAlice(_ h: ServiceHarness) async throws -> F.Reply {
        let response = await F.post(h, F.request(attendees: ["mailto:bob@example.com", "mailto:alice@example.com"]))
        let replies = try F.replies(response)
        #expect(replies.count == 2)
        // Alice may always see her own.
        #expect(replies.last?.status.hasPrefix("2.0") == true)
        return try #require(replies.first)
    }

    @Test func everyoneSeesBusyTimesByDefault() async throws {
        let h = try await Self.harness()
        let reply = try await Self.bobAsSeenByAlice(h)
        #expect(reply.status.hasPrefix("2.0"))
        #expect(try reply.periods() == ["BUSY 20250310T090000Z/20250310T100000Z"])
    }

    @Test func nobodyMeansNoAuthority() async throws {
        let h = try await Self.harness()
        try await h.store.setFreeBusyVisibility(userID: h.bob.id, .nobody)
        let reply = try await Self.bobAsSeenByAlice(h)
        #expect(reply.status == "3.8;No authority")
        #expect(reply.calendarData == nil)
    }

    @Test func shareesOnlySeeItOnceSomethingIsShared() async throws {
        let h = try await Self.harness()
        try await h.store.setFreeBusyVisibility(userID: h.bob.id, .sharees)
        #expect(try await Self.bobAsSeenByAlice(h).status == "3.8;No authority")
        let calendar = try #require(try await h.store.calendar(ownerID: h.bob.id, slug: "calendar"))
        _ = try await h.store.setGrant(calendarID: calendar.id, grantee: .user(h.alice.id), role: .freeBusy,
                                       state: .invited, grantedBy: h.bob.id)
        #expect(try await Self.bobAsSeenByAlice(h).status == "3.8;No authority", "an invitation is not a share yet")
        _ = try await h.store.setGrant(calendarID: calendar.id, grantee: .user(h.alice.id), role: .freeBusy,
                                       state: .accepted, grantedBy: h.bob.id)
        #expect(try await Self.bobAsSeenByAlice(h).status.hasPrefix("2.0"))
    }

    @Test func theServerDefaultAppliesUntilTheUserChooses() async throws {
        let h = try await Self.harness(default: .nobody)
        #expect(try await Self.bobAsSeenByAlice(h).status == "3.8;No authority")
        try await h.store.setFreeBusyVisibility(userID: h.bob.id, .everyone)
        #expect(try await Self.bobAsSeenByAlice(h).status.hasPrefix("2.0"))
    }
}
