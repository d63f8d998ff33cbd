import AlmanacServer
import CalendarStore
import CalendarStoreTesting
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing

/// Counter-proposals through the JSON API on the real server (RFC 5546 §3.2.7–3.2.8): an attendee answers with
/// another time, the COUNTER reaches the organizer's inbox through the same scheduling as CalDAV's outbox, and the
/// organizer accepts (a new REQUEST moves every copy) or declines (a DECLINECOUNTER in the proposer's inbox); and
/// the event listing's Google-style parameters (`showDeleted`, `orderBy`, `q`) with paging.
@Suite struct JSONAPIProposalsEndToEndTests {
    static let password = "proposals-password-1"

    private func application(store: InMemoryStore) async throws -> some ApplicationProtocol {
        try await LiveServer.application(store: store, accounts: [
            .init(name: "alice", email: "alice@example.com", displayName: "Alice"),
            .init(name: "bob", email: "bob@example.com", displayName: "Bob"),
        ], password: Self.password, label: "api-proposals")
    }

    private func signIn(_ user: String, _ client: some TestClientProtocol) -> JSONAPITestClient {
        JSONAPITestClient(client: client, user: user, password: Self.password)
    }

    private func firstCalendar(_ api: JSONAPITestClient) async throws -> String {
        try #require(try await api.call(.get, "/api/v1/users/me/calendars").items
            .first { $0["role"] as? String == "owner" }?["id"] as? String)
    }

    /// Alice invites Bob to `uid`; answers Alice's event id and Bob's copy's id.
    private func meeting(_ alice: JSONAPITestClient, _ bob: JSONAPITestClient, uid: String,
                         extra: [String: Any] = [:]) async throws -> (String, String) {
        var fields: [String: Any] = [
            "title": "Review", "iCalUID": uid,
            "start": ["dateTime": "2026-12-09T15:00:00Z"], "end": ["dateTime": "2026-12-09T16:00:00Z"],
            "attendees": [["email": "bob@example.com"]],
        ]
        fields.merge(extra) { $1 }
        let created = try await alice.call(.post, "/api/v1/calendars/\(try await firstCalendar(alice))/events", json: fields)
        #expect(created.status == .created, "\(created.text)")
        let copy = try #require(try await bob.call(.get, "/api/v1/calendars/\(try await firstCalendar(bob))/events").items
            .first { $0["iCalUID"] as? String == uid })
        return (try #require(created["id"] as? String), try #require(copy["id"] as? String))
    }

    /// The iCalendar texts of a user's scheduling inbox.
    private func inbox(_ store: InMemoryStore, of user: String) async throws -> [String] {
        let id = try #require(try await store.user(named: user)?.id)
        guard let inbox = await store.calendar(ownerID: id, slug: "inbox") else { return [] }
        return await store.objects(calendarID: inbox.id).map { String(decoding: $0.data, as: UTF8.self) }
    }

    private static func start(_ event: [String: Any]) -> String? {
        (event["start"] as? [String: Any])?["dateTime"] as? String
    }

    private static func time(_ text: String) -> [String: String] { ["dateTime": text] }

    @Test func proposalsAreAcceptedAndDeclined() async throws {
        let store = InMemoryStore()
        try await application(store: store).test(.live) { client in
            let alice = signIn("alice", client)
            let bob = signIn("bob", client)
            let (eventID, copyID) = try await meeting(alice, bob, uid: "proposal-1")

            // Bob answers and proposes Thursday: his answer is stored, and a COUNTER waits in Alice's inbox.
            let answered = try await bob.call(.post, "/api/v1/users/me/events/\(copyID)/rsvp", json: [
                "responseStatus": "tentative", "comment": "Thursday suits me better",
                "proposedStart": Self.time("2026-12-10T15:00:00Z"), "proposedEnd": Self.time("2026-12-10T16:30:00Z"),
            ])
            #expect(answered.status == .ok, "\(answered.text)")
            #expect((answered["attendees"] as? [[String: Any]])?.first?["responseStatus"] as? String == "tentative")
            let counter = try #require(try await inbox(store, of: "alice").first { $0.contains("METHOD:COUNTER") })
            #expect(counter.contains("DTSTART:20261210T150000Z") && counter.contains("DTEND:20261210T163000Z"))
            #expect(counter.contains("COMMENT:Thursday suits me better") && counter.contains("UID:proposal-1"))
            #expect(counter.contains("PARTSTAT=TENTATIVE") && counter.contains("SEQUENCE:0"))

            let listed = try await alice.call(.get, "/api/v1/events/\(eventID)/proposals")
            #expect(listed.status == .ok, "\(listed.text)")
            let proposal = try #require(listed.items.first)
            #expect(listed.items.count == 1)
            #expect(proposal["eventId"] as? String == eventID)
            #expect((proposal["proposer"] as? [String: Any])?["email"] as? String == "bob@example.com")
            #expect(proposal["responseStatus"] as? String == "tentative")
            #expect(proposal["comment"] as? String == "Thursday suits me better")
            #expect((proposal["proposedStart"] as? [String: Any])?["dateTime"] as? String == "2026-12-10T15:00:00Z")
            #expect((proposal["proposedEnd"] as? [String: Any])?["dateTime"] as? String == "2026-12-10T16:30:00Z")
            #expect(proposal["received"] as? String != nil)
            let proposalID = try #require(proposal["id"] as? String)

            // Alice accepts: her event moves (a new revision), the proposal is gone, and Bob's copy moved with it.
            let accepted = try await alice.call(.post, "/api/v1/events/\(eventID)/proposals/\(proposalID)/accept")
            #expect(accepted.status == .ok, "\(accepted.text)")
            #expect(Self.start(accepted.body) == "2026-12-10T15:00:00Z")
            #expect(accepted["sequence"] as? Int == 1)
            #expect(accepted.headers[.eTag] != nil)
            #expect(try await alice.call(.get, "/api/v1/events/\(eventID)/proposals").items.isEmpty)
            #expect(try await inbox(store, of: "alice").allSatisfy { !$0.contains("METHOD:COUNTER") })
            let bobsCopy = try await bob.call(.get, "/api/v1/events/\(copyID)")
            #expect(Self.start(bobsCopy.body) == "2026-12-10T15:00:00Z")
            #expect(((bobsCopy["end"] as? [String: Any])?["dateTime"] as? String) == "2026-12-10T16:30:00Z")
            #expect(try await alice.call(.post, "/api/v1/events/\(eventID)/proposals/\(proposalID)/accept").status
                == .notFound, "an answered proposal is gone")

            // A second proposal, declined: the event stays, and Bob's inbox holds the DECLINECOUNTER.
            let again = try await bob.call(.post, "/api/v1/users/me/events/\(copyID)/rsvp", json: [
                "responseStatus": "accepted",
                "proposedStart": Self.time("2026-12-11T09:00:00Z"), "proposedEnd": Self.time("2026-12-11T10:00:00Z"),
            ])
            #expect(again.status == .ok, "\(again.text)")
            let second = try #require(try await alice.call(.get, "/api/v1/events/\(eventID)/proposals").items.first)
            #expect(second["comment"] == nil && second["responseStatus"] as? String == "accepted")
            let secondID = try #require(second["id"] as? String)
            let declined = try await alice.call(.post, "/api/v1/events/\(eventID)/proposals/\(secondID)/decline")
            #expect(declined.status == .noContent, "\(declined.text)")
            #expect(try await alice.call(.get, "/api/v1/events/\(eventID)/proposals").items.isEmpty)
            #expect(Self.start(try await alice.call(.get, "/api/v1/events/\(eventID)").body) == "2026-12-10T15:00:00Z")
            let decline = try #require(try await inbox(store, of: "bob").first { $0.contains("METHOD:DECLINECOUNTER") })
            #expect(decline.contains("UID:proposal-1") && decline.contains("ORGANIZER"))
            #expect(decline.contains("mailto:bob@example.com"))
        }
    }

    @Test func aProposalForOneInstanceMovesThatInstance() async throws {
        let store = InMemoryStore()
        try await application(store: store).test(.live) { client in
            let alice = signIn("alice", client)
            let bob = signIn("bob", client)
            let (eventID, copyID) = try await meeting(alice, bob, uid: "weekly-1",
                                                      extra: ["recurrence": ["RRULE:FREQ=WEEKLY;COUNT=3"]])
            let answered = try await bob.call(.post, "/api/v1/users/me/events/\(copyID)_20261216T150000Z/rsvp", json: [
                "responseStatus": "accepted",
                "proposedStart": Self.time("2026-12-17T15:00:00Z"), "proposedEnd": Self.time("2026-12-17T16:00:00Z"),
            ])
            #expect(answered.status == .ok, "\(answered.text)")
            let counter = try #require(try await inbox(store, of: "alice").first { $0.contains("METHOD:COUNTER") })
            #expect(counter.contains("RECURRENCE-ID:20261216T150000Z"))

            let instanceID = eventID + "_20261216T150000Z"
            let proposal = try #require(try await alice.call(.get, "/api/v1/events/\(eventID)/proposals").items.first)
            #expect(proposal["eventId"] as? String == instanceID)
            #expect(try await alice.call(.get, "/api/v1/events/\(instanceID)/proposals").items.count == 1)
            #expect(try await alice.call(.get, "/api/v1/events/\(eventID)_20261209T150000Z/proposals").items.isEmpty)

            let proposalID = try #require(proposal["id"] as? String)
            let accepted = try await alice.call(.post, "/api/v1/events/\(instanceID)/proposals/\(proposalID)/accept")
            #expect(accepted.status == .ok, "\(accepted.text)")
            #expect(Self.start(accepted.body) == "2026-12-17T15:00:00Z")
            let window = "singleEvents=true&timeMin=2026-12-01T00:00:00Z&timeMax=2027-01-01T00:00:00Z"
            let instances = try await bob.call(.get, "/api/v1/calendars/\(try await firstCalendar(bob))/events?\(window)")
            #expect(instances.items.compactMap { Self.start($0) }
                    == ["2026-12-09T15:00:00Z", "2026-12-17T15:00:00Z", "2026-12-23T15:00:00Z"])
        }
    }

    @Test func aProposalToAnOrganizerElsewhereGoesByMail() async throws {
        let store = InMemoryStore()
        try await application(store: store).test(.live) { client in
            let bob = signIn("bob", client)
            let calendar = try #require(try await bob.call(.get, "/api/v1/users/me/calendars").items.first)
            let url = try #require(calendar["caldavUrl"] as? String) + "external.ics"
            let ics = [
                "BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//Test//EN", "BEGIN:VEVENT", "UID:external-1",
                "DTSTAMP:20261201T120000Z", "DTSTART:20261209T150000Z", "DTEND:20261209T160000Z", "SEQUENCE:2",
                "SUMMARY:Vendor call", "ORGANIZER;CN=Dave:mailto:dave@external.test",
                "ATTENDEE;CN=Dave;PARTSTAT=ACCEPTED:mailto:dave@external.test",
                "ATTENDEE;PARTSTAT=NEEDS-ACTION;RSVP=TRUE:mailto:bob@example.com",
                "END:VEVENT", "END:VCALENDAR", "",
            ].joined(separator: "\r\n")
            #expect(try await bob.putCalDAV(url, ics) == .created)
            let calendarID = try #require(calendar["id"] as? String)
            let copy = try #require(try await bob.call(.get, "/api/v1/calendars/\(calendarID)/events")
                .items.first { $0["iCalUID"] as? String == "external-1" })
            let answered = try await bob.call(.post, "/api/v1/users/me/events/\(try #require(copy["id"] as? String))/rsvp",
                                              json: ["responseStatus": "declined", "comment": "Any time Friday",
                                                     "proposedStart": ["date": "2026-12-11"],
                                                     "proposedEnd": ["date": "2026-12-12"]])
            #expect(answered.status == .ok, "\(answered.text)")
            let bobID = try #require(try await store.user(named: "bob")?.id)
            let mail = await store.outgoingMessages(senderUserID: bobID, limit: 10)
            let counter = try #require(mail.first(where: { $0.message.method == "COUNTER" })?.message)
            #expect(counter.envelopeTo == "dave@external.test" && counter.uid == "external-1")
            let content = try #require(Self.calendarPart(of: String(decoding: counter.content, as: UTF8.self)))
            #expect(content.contains("METHOD:COUNTER") && content.contains("DTSTART;VALUE=DATE:20261211"))
            #expect(content.contains("SEQUENCE:2") && content.contains("COMMENT:Any time Friday"))
            #expect(mail.contains(where: { $0.message.method == "REPLY" }), "the answer itself went as a REPLY")
        }
    }

    @Test func proposalRefusals() async throws {
        try await application(store: InMemoryStore()).test(.live) { client in
            let alice = signIn("alice", client)
            let bob = signIn("bob", client)
            let (eventID, copyID) = try await meeting(alice, bob, uid: "refusals-1")
            let rsvp = "/api/v1/users/me/events/\(copyID)/rsvp"
            let backwards = try await bob.call(.post, rsvp, json: [
                "responseStatus": "accepted",
                "proposedStart": Self.time("2026-12-10T15:00:00Z"), "proposedEnd": Self.time("2026-12-10T14:00:00Z"),
            ])
            #expect(backwards.status == .badRequest)
            #expect((backwards["detail"] as? String)?.contains("proposedEnd") == true)
            #expect(try await bob.call(.post, rsvp, json: [
                "responseStatus": "accepted", "proposedStart": Self.time("2026-12-10T15:00:00Z"),
            ]).status == .badRequest, "a start alone")
            #expect(try await bob.call(.post, rsvp, json: ["responseStatus": "accepted", "comment": "hi"]).status
                == .badRequest, "a comment without a proposal")
            #expect(try await bob.call(.post, rsvp, json: [
                "responseStatus": "accepted", "proposedStart": ["date": "2026-12-10"],
                "proposedEnd": Self.time("2026-12-10T16:00:00Z"),
            ]).status == .badRequest, "a date and a date-time")
            #expect(try await alice.call(.get, "/api/v1/events/\(eventID)/proposals").items.isEmpty,
                    "nothing was sent")

            let proposed = try await bob.call(.post, rsvp, json: [
                "responseStatus": "accepted",
                "proposedStart": Self.time("2026-12-10T15:00:00Z"), "proposedEnd": Self.time("2026-12-10T16:00:00Z"),
            ])
            #expect(proposed.status == .ok)
            let proposalID = try #require(try await alice.call(.get, "/api/v1/events/\(eventID)/proposals")
                .items.first?["id"] as? String)

            // Bob is not the organizer: his copy has no proposals to answer, and Alice's event is not his to see.
            let notOrganizer = try await bob.call(.post, "/api/v1/events/\(copyID)/proposals/\(proposalID)/accept")
            #expect(notOrganizer.status == .forbidden)
            #expect(notOrganizer["type"] as? String == "urn:almanac:problem:forbidden")
            #expect(try await bob.call(.get, "/api/v1/events/\(copyID)/proposals").status == .forbidden)
            #expect(try await bob.call(.post, "/api/v1/events/\(copyID)/proposals/\(proposalID)/decline").status
                == .forbidden)
            #expect(try await bob.call(.post, "/api/v1/events/\(eventID)/proposals/\(proposalID)/accept").status
                == .notFound)

            // Unknown proposals, and a stale If-Match.
            #expect(try await alice.call(.post, "/api/v1/events/\(eventID)/proposals/nosuch1/accept").status == .notFound)
            #expect(try await alice.call(.post, "/api/v1/events/\(eventID)/proposals/mfrggzdf/decline").status
                == .notFound)
            let stale = try await alice.call(.post, "/api/v1/events/\(eventID)/proposals/\(proposalID)/accept",
                                             headers: [("If-Match", "\"stale\"")])
            #expect(stale.status == .preconditionFailed)
            // The organizer cannot propose to herself.
            #expect(try await alice.call(.post, "/api/v1/users/me/events/\(eventID)/rsvp", json: [
                "responseStatus": "accepted",
                "proposedStart": Self.time("2026-12-10T15:00:00Z"), "proposedEnd": Self.time("2026-12-10T16:00:00Z"),
            ]).status == .badRequest)
        }
    }

    // MARK: Listing parameters

    /// Alice's calendar with a dentist, a lunch, a cancelled party and a weekly standup with one instance cancelled.
    private func listingFixture(_ api: JSONAPITestClient) async throws -> String {
        let calendar = try await firstCalendar(api)
        let events: [[String: Any]] = [
            ["title": "Dentist appointment", "description": "bring the card",
             "start": Self.time("2026-12-10T10:00:00Z"), "end": Self.time("2026-12-10T11:00:00Z")],
            ["title": "Team lunch", "location": "Pizzeria Roma",
             "start": Self.time("2026-12-11T12:00:00Z"), "end": Self.time("2026-12-11T13:00:00Z")],
            ["title": "Party", "status": "cancelled",
             "start": Self.time("2026-12-12T18:00:00Z"), "end": Self.time("2026-12-12T23:00:00Z")],
        ]
        for fields in events {
            #expect(try await api.call(.post, "/api/v1/calendars/\(calendar)/events", json: fields).status == .created)
        }
        let standup = try await api.call(.post, "/api/v1/calendars/\(calendar)/events", json: [
            "title": "Standup", "description": "what happened, what is next",
            "start": Self.time("2026-12-07T09:00:00Z"), "end": Self.time("2026-12-07T09:15:00Z"),
            "recurrence": ["RRULE:FREQ=WEEKLY;COUNT=4"],
        ])
        let standupID = try #require(standup["id"] as? String)
        #expect(try await api.call(.patch, "/api/v1/events/\(standupID)_20261214T090000Z", json: ["status": "cancelled"])
            .status == .ok)
        return calendar
    }

    private static func titles(_ reply: JSONAPITestClient.Reply) -> [String] {
        reply.items.compactMap { $0["title"] as? String }
    }

    @Test func showDeletedAndOrderBy() async throws {
        try await application(store: InMemoryStore()).test(.live) { client in
            let api = signIn("alice", client)
            let calendar = try await listingFixture(api)
            let events = "/api/v1/calendars/\(calendar)/events"
            let window = "timeMin=2026-12-01T00:00:00Z&timeMax=2027-01-01T00:00:00Z"

            #expect(Self.titles(try await api.call(.get, events)).sorted() == ["Dentist appointment", "Standup", "Team lunch"])
            #expect(Self.titles(try await api.call(.get, "\(events)?\(window)")).sorted()
                    == ["Dentist appointment", "Standup", "Team lunch"])
            let all = try await api.call(.get, "\(events)?showDeleted=true")
            #expect(Self.titles(all).sorted() == ["Dentist appointment", "Party", "Standup", "Team lunch"])
            #expect(all.items.first { $0["title"] as? String == "Party" }?["status"] as? String == "cancelled")

            let instances = try await api.call(.get, "\(events)?singleEvents=true&orderBy=startTime&\(window)")
            #expect(instances.status == .ok)
            #expect(Self.titles(instances) == ["Standup", "Dentist appointment", "Team lunch", "Standup", "Standup"])
            let starts = instances.items.compactMap { Self.start($0) }
            #expect(starts == starts.sorted(), "in start order")
            let withDeleted = try await api.call(.get, "\(events)?singleEvents=true&showDeleted=true&\(window)")
            #expect(Self.titles(withDeleted)
                    == ["Standup", "Dentist appointment", "Team lunch", "Party", "Standup", "Standup", "Standup"])
            #expect(withDeleted.items.filter { $0["status"] as? String == "cancelled" }.compactMap { Self.start($0) }
                    == ["2026-12-12T18:00:00Z", "2026-12-14T09:00:00Z"])

            let unordered = try await api.call(.get, "\(events)?orderBy=startTime")
            #expect(unordered.status == .badRequest)
            #expect(unordered["type"] as? String == "urn:almanac:problem:invalid-request")
            #expect(try await api.call(.get, "\(events)?orderBy=updated&singleEvents=true&\(window)").status == .badRequest)

            // A sync lists cancellations whatever showDeleted says.
            let first = try await api.call(.get, events)
            let token = try #require(first["nextSyncToken"] as? String)
            let party = try #require(try await api.call(.get, "\(events)?showDeleted=true").items
                .first { $0["title"] as? String == "Party" }?["id"] as? String)
            #expect(try await api.call(.patch, "/api/v1/events/\(party)", json: ["location": "Nowhere"]).status == .ok)
            let sync = try await api.call(.get, "\(events)?showDeleted=false&syncToken=\(Self.percent(token))")
            #expect(sync.status == .ok && Self.titles(sync) == ["Party"])
        }
    }

    @Test func keywordListing() async throws {
        try await application(store: InMemoryStore()).test(.live) { client in
            let api = signIn("alice", client)
            let calendar = try await listingFixture(api)
            let events = "/api/v1/calendars/\(calendar)/events"
            let window = "timeMin=2026-12-01T00:00:00Z&timeMax=2027-01-01T00:00:00Z"

            let dentist = try await api.call(.get, "\(events)?q=DENTIST")
            #expect(dentist.status == .ok && Self.titles(dentist) == ["Dentist appointment"])
            #expect(dentist["nextSyncToken"] == nil, "a filtered listing is no state to sync from")
            #expect(Self.titles(try await api.call(.get, "\(events)?q=card")) == ["Dentist appointment"])
            #expect(Self.titles(try await api.call(.get, "\(events)?q=pizz")) == ["Team lunch"])
            #expect(Self.titles(try await api.call(.get, "\(events)?q=party")).isEmpty, "cancelled")
            #expect(Self.titles(try await api.call(.get, "\(events)?q=party&showDeleted=true")) == ["Party"])
            #expect(Self.titles(try await api.call(.get, "\(events)?q=lunch&timeMin=2026-12-12T00:00:00Z")).isEmpty)

            let standups = try await api.call(.get, "\(events)?q=next&singleEvents=true&orderBy=startTime&\(window)")
            #expect(standups.status == .ok)
            #expect(standups.items.compactMap { Self.start($0) }
                    == ["2026-12-07T09:00:00Z", "2026-12-21T09:00:00Z", "2026-12-28T09:00:00Z"])
            let narrow = "timeMin=2026-12-20T00:00:00Z&timeMax=2026-12-22T00:00:00Z"
            #expect(Self.titles(try await api.call(.get, "\(events)?q=standup&singleEvents=true&\(narrow)")) == ["Standup"])

            #expect(try await api.call(.get, "\(events)?q=%20%20").status == .badRequest)
            let token = try #require(try await api.call(.get, events)["nextSyncToken"] as? String)
            #expect(try await api.call(.get, "\(events)?q=lunch&syncToken=\(Self.percent(token))").status == .badRequest)
        }
    }

    @Test func keywordListingPages() async throws {
        try await application(store: InMemoryStore()).test(.live) { client in
            let api = signIn("alice", client)
            let calendar = try await firstCalendar(api)
            let events = "/api/v1/calendars/\(calendar)/events"
            for day in 1...7 {
                let title = day % 2 == 0 ? "Other \(day)" : "Review \(day)"
                #expect(try await api.call(.post, events, json: [
                    "title": title, "start": Self.time("2026-12-0\(day)T10:00:00Z"),
                    "end": Self.time("2026-12-0\(day)T11:00:00Z"),
                ]).status == .created)
            }
            func pages(_ query: String) async throws -> [String] {
                var seen: [String] = []
                var token: String?
                for _ in 0..<10 {
                    let page = try await api.call(.get, "\(events)?\(query)&maxResults=2"
                                                      + (token.map { "&pageToken=\(Self.percent($0))" } ?? ""))
                    #expect(page.status == .ok && page.items.count <= 2)
                    seen += Self.titles(page)
                    token = page["nextPageToken"] as? String
                    if token == nil { break }
                }
                return seen
            }
            let whole = try await pages("q=review")
            #expect(whole.sorted() == ["Review 1", "Review 3", "Review 5", "Review 7"])
            let window = "singleEvents=true&timeMin=2026-12-01T00:00:00Z&timeMax=2026-12-31T00:00:00Z"
            #expect(try await pages("q=review&\(window)") == ["Review 1", "Review 3", "Review 5", "Review 7"])
        }
    }

    /// The text/calendar part of an iMIP message (base64, RFC 6047 §2.4), decoded.
    private static func calendarPart(of mail: String) -> String? {
        guard let header = mail.range(of: "Content-Type: text/calendar"),
              let blank = mail.range(of: "\r\n\r\n", range: header.upperBound..<mail.endIndex) else { return nil }
        let lines = mail[blank.upperBound...].components(separatedBy: "\r\n").prefix { !$0.isEmpty && !$0.hasPrefix("--") }
        return Data(base64Encoded: lines.joined()).map { String(decoding: $0, as: UTF8.self) }
    }

    private static func percent(_ text: String) -> String {
        text.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? text
    }
}
