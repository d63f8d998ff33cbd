import CalendarStore
import CalendarStoreTesting
import Foundation
import Testing
@testable import Calendaring

/// When the server sends mail, a sharee is also told by e-mail of a new share, a changed role and an ended share.
@Suite struct ShareMailTests {
    static func world() async throws -> (InMemoryStore, User, User, User, CalendarRecord) {
        let store = InMemoryStore()
        let alice = try await store.createUser(NewUser(name: "alice", displayName: "Alice Liddell", email: "alice@example.com",
                                                       passwordHash: "x"))
        let bob = try await store.createUser(NewUser(name: "bob", displayName: "Bob", email: "bob@example.com", passwordHash: "x"))
        let carol = try await store.createUser(NewUser(name: "carol", passwordHash: "x"))
        let work = try await store.createCalendar(NewCalendar(ownerID: alice.id, slug: "work", displayName: "Work"))
        return (store, alice, bob, carol, work)
    }

    static func mails(_ store: InMemoryStore) async throws -> [(to: String, text: String)] {
        try await store.outgoingMessages(senderUserID: nil, limit: 100).reversed().map {
            ($0.message.envelopeTo, String(decoding: $0.message.content, as: UTF8.self))
        }
    }

    @Test func shareChangeAndEndAreMailed() async throws {
        let (store, alice, _, _, work) = try await Self.world()
        let sharing = CalendarSharing(store: store, mail: ShareMail(sender: "calendar@example.com"))
        _ = try await sharing.share(work, with: "bob", role: .read, by: alice)
        _ = try await sharing.share(work, with: "bob", role: .read, by: alice)  // unchanged: nothing sent
        try await sharing.respond(work, sharee: try #require(try await store.user(named: "bob")), accept: true)
        _ = try await sharing.share(work, with: "bob", role: .write, by: alice)
        try await sharing.revoke(work, from: "bob", by: alice)
        let mails = try await Self.mails(store)
        #expect(mails.map(\.to) == ["bob@example.com", "bob@example.com", "bob@example.com"], "\(mails.map(\.text))")
        #expect(mails[0].text.contains("Subject: Alice Liddell shared the calendar") && mails[0].text.contains("Accept or decline"))
        #expect(mails[0].text.contains("From: \"Almanac\" <calendar@example.com>") && mails[0].text.contains("Auto-Submitted: auto-generated"))
        #expect(mails[1].text.contains("Subject: Your access to") && mails[1].text.contains("read and write"))
        #expect(mails[2].text.contains("stopped sharing"))
    }

    @Test func withoutMailOrAddressNothingIsQueued() async throws {
        let (store, alice, _, _, work) = try await Self.world()
        _ = try await CalendarSharing(store: store).share(work, with: "bob", role: .read, by: alice)
        _ = try await CalendarSharing(store: store, mail: ShareMail(sender: "")).share(work, with: "carol", role: .read,
                                                                                      by: nil)
        #expect(try await Self.mails(store).isEmpty, "no mail configured; carol has no address")
        #expect(try await store.shareNotices(userID: try #require(try await store.user(named: "carol")).id).count == 1,
                "the notice is written all the same")
    }
}
