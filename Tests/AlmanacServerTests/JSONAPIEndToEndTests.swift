import AlmanacServer
import CalendarStore
import CalendarStoreTesting
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Logging
import Testing

enum IdempotencyHeader {
    static let replayed = HTTPField.Name("Idempotent-Replayed")!
}

/// The JSON API on the real server (Hummingbird, sign-in, the generated routes, the in-memory store) over loopback
/// HTTP, checked against what CalDAV serves for the same calendars: one store, two doors.
@Suite struct JSONAPIEndToEndTests {
    static let password = "alice-password-1"

    private func application(store: InMemoryStore) async throws -> some ApplicationProtocol {
        try await LiveServer.application(store: store, accounts: [
            .init(name: "alice", email: "alice@example.com", displayName: "Alice"),
            .init(name: "bob", email: "bob@example.com"),
        ], password: Self.password, label: "api")
    }

    private func alice(_ client: some TestClientProtocol) -> JSONAPITestClient {
        JSONAPITestClient(client: client, user: "alice", password: Self.password)
    }

    private static var weekly: [String: Any] { [
        "title": "Team sync", "location": "Room 1",
        "start": ["dateTime": "2026-12-08T10:00:00", "timeZone": "Europe/Berlin"],
        "end": ["dateTime": "2026-12-08T11:00:00", "timeZone": "Europe/Berlin"],
        "recurrence": ["RRULE:FREQ=WEEKLY;COUNT=5"],
        "reminders": [["method": "display", "minutesBefore": 10]],
    ] }

    @Test func calendarsLifecycle() async throws {
        try await application(store: InMemoryStore()).test(.live) { client in
            let api = alice(client)
            let me = try await api.call(.get, "/api/v1/users/me")
            #expect(me.status == .ok)
            #expect(me["name"] as? String == "alice" && me["email"] as? String == "alice@example.com")

            let list = try await api.call(.get, "/api/v1/users/me/calendars")
            #expect(list.items.map { $0["name"] as? String } == ["Calendar"])
            #expect(list.items.first?["role"] as? String == "owner")

            let created = try await api.call(.post, "/api/v1/calendars", json: [
                "name": "Work", "color": "#3366ff", "timeZone": "Europe/Berlin", "components": ["VEVENT"],
            ])
            #expect(created.status == .created)
            let id = try #require(created["id"] as? String)
            #expect(created.headers[.location] == "/api/v1/calendars/\(id)")
            #expect(created["timeZone"] as? String == "Europe/Berlin")
            #expect(created["color"] as? String == "#3366FF")
            let etag = try #require(created.headers[.eTag])
            #expect(etag.hasPrefix("\"") && etag.hasSuffix("\""))

            // CalDAV sees the same calendar: its display name, and the zone as a VTIMEZONE.
            let caldavURL = try #require(created["caldavUrl"] as? String)
            let propfind = try await client.execute(
                uri: caldavURL, method: HTTPRequest.Method("PROPFIND")!, headers: api.auth([("Depth", "0")]),
                body: ByteBuffer(string: #"<D:propfind xmlns:D="DAV:" xmlns:C="urn:ietf:params:xml:ns:caldav"><D:prop><D:displayname/><C:calendar-timezone/></D:prop></D:propfind>"#))
            let props = String(buffer: propfind.body)
            #expect(props.contains("<D:displayname>Work</D:displayname>") && props.contains("TZID:Europe/Berlin"))

            let stale = try await api.call(.patch, "/api/v1/calendars/\(id)", json: ["name": "x"],
                                           headers: [("If-Match", "\"stale\"")])
            #expect(stale.status == .preconditionFailed)
            #expect(stale.headers[.contentType] == "application/problem+json")
            let renamed = try await api.call(.patch, "/api/v1/calendars/\(id)", json: ["name": "Office"],
                                             headers: [("If-Match", etag)])
            #expect(renamed.status == .ok && renamed["name"] as? String == "Office")
            #expect(renamed["color"] as? String == "#3366FF")

            // PUT replaces: what it leaves out goes; the components stay what they were made with.
            let replaced = try await api.call(.put, "/api/v1/calendars/\(id)", json: ["name": "Desk", "color": "#00aa00"])
            #expect(replaced.status == .ok && replaced["name"] as? String == "Desk")
            #expect(replaced["color"] as? String == "#00AA00" && replaced["timeZone"] == nil)
            let otherComponents = try await api.call(.put, "/api/v1/calendars/\(id)",
                                                     json: ["name": "Desk", "components": ["VTODO"]])
            #expect(otherComponents.status == .conflict)
            #expect(try await api.call(.put, "/api/v1/calendars/\(id)",
                                       json: ["name": "Desk", "components": ["VEVENT"]]).status == .ok)

            let badZone = try await api.call(.post, "/api/v1/calendars", json: ["name": "X", "timeZone": "Mars/Base"])
            #expect(badZone.status == .badRequest)
            #expect((badZone["detail"] as? String)?.contains("Mars/Base") == true)

            let deleted = try await api.call(.delete, "/api/v1/calendars/\(id)")
            #expect(deleted.status == .noContent)
            #expect(try await api.call(.get, "/api/v1/calendars/\(id)").status == .notFound)
        }
    }

    @Test func eventsAreTheCalDAVObjects() async throws {
        try await application(store: InMemoryStore()).test(.live) { client in
            let api = alice(client)
            let calendar = try #require(try await api.call(.get, "/api/v1/users/me/calendars").items.first?["id"] as? String)
            let before = try await api.call(.get, "/api/v1/calendars/\(calendar)/events")
            let syncToken = try #require(before["nextSyncToken"] as? String)

            let created = try await api.call(.post, "/api/v1/calendars/\(calendar)/events", json: Self.weekly)
            #expect(created.status == .created)
            let id = try #require(created["id"] as? String)
            #expect(created["sequence"] as? Int == 0)
            #expect((created["start"] as? [String: Any])?["dateTime"] as? String == "2026-12-08T10:00:00+01:00")
            #expect(created["recurrence"] as? [String] == ["RRULE:FREQ=WEEKLY;COUNT=5"])

            // The same object through CalDAV: same ETag, the event as iCalendar.
            let url = try #require(created["caldavUrl"] as? String)
            let (ics, caldavETag) = try await api.calDAV(url)
            #expect(caldavETag == created.headers[.eTag])
            #expect(ics.contains("DTSTART;TZID=Europe/Berlin:20261208T100000"))
            #expect(ics.contains("RRULE:FREQ=WEEKLY;COUNT=5") && ics.contains("TRIGGER:-PT10M"))
            #expect(ics.contains("BEGIN:VTIMEZONE"))

            // A CalDAV client changes it; the API reads the change with the new ETag, and a sync lists it.
            let changed = ics.replacingOccurrences(of: "SUMMARY:Team sync", with: "SUMMARY:Team sync (CalDAV)")
            #expect(try await api.putCalDAV(url, changed, ifMatch: caldavETag) == .noContent)
            let read = try await api.call(.get, "/api/v1/events/\(id)")
            #expect(read["title"] as? String == "Team sync (CalDAV)")
            #expect(read.headers[.eTag] == (try await api.calDAV(url)).etag)
            let synced = try await api.call(.get, "/api/v1/calendars/\(calendar)/events?syncToken=\(percent(syncToken))")
            #expect(synced.status == .ok)
            #expect(synced.items.map { $0["id"] as? String } == [id])
            let nextToken = try #require(synced["nextSyncToken"] as? String)

            // A stale write loses; a current one wins.
            let stale = try await api.call(.patch, "/api/v1/events/\(id)", json: ["title": "x"],
                                           headers: [("If-Match", created.headers[.eTag]!)])
            #expect(stale.status == .preconditionFailed)
            let patched = try await api.call(.patch, "/api/v1/events/\(id)", json: ["title": "Weekly"],
                                             headers: [("If-Match", read.headers[.eTag]!)])
            #expect(patched.status == .ok && patched["title"] as? String == "Weekly")

            let deleted = try await api.call(.delete, "/api/v1/events/\(id)")
            #expect(deleted.status == .noContent)
            #expect(try await api.call(.get, "/api/v1/events/\(id)").status == .notFound)
            let gone = try await api.call(.get, "/api/v1/calendars/\(calendar)/events?syncToken=\(percent(nextToken))")
            #expect(gone.items.map { $0["status"] as? String } == ["cancelled"])
            let expired = try await api.call(.get, "/api/v1/calendars/\(calendar)/events?syncToken=nonsense")
            #expect(expired.status == .gone)
        }
    }

    @Test func recurrenceScopes() async throws {
        try await application(store: InMemoryStore()).test(.live) { client in
            let api = alice(client)
            let calendar = try #require(try await api.call(.get, "/api/v1/users/me/calendars").items.first?["id"] as? String)
            let created = try await api.call(.post, "/api/v1/calendars/\(calendar)/events", json: Self.weekly)
            let id = try #require(created["id"] as? String)
            let window = "timeMin=2026-12-01T00:00:00Z&timeMax=2027-02-01T00:00:00Z"
            let all = try await api.call(.get, "/api/v1/calendars/\(calendar)/events?singleEvents=true&\(window)")
            #expect(all.items.count == 5)
            let second = try #require(all.items.dropFirst().first)
            let instanceID = try #require(second["id"] as? String)
            #expect(instanceID == id + "_20261215T090000Z")
            #expect(second["recurringEventId"] as? String == id)

            // scope=single (the default for an instance): an override at the new time, the series untouched.
            let moved = try await api.call(.patch, "/api/v1/events/\(instanceID)", json: [
                "title": "Moved", "start": ["dateTime": "2026-12-16T14:00:00+01:00", "timeZone": "Europe/Berlin"],
            ])
            #expect(moved.status == .ok)
            #expect((moved["end"] as? [String: Any])?["dateTime"] as? String == "2026-12-16T15:00:00+01:00")
            #expect((moved["originalStartTime"] as? [String: Any])?["dateTime"] as? String == "2026-12-15T10:00:00+01:00")
            let url = try #require(created["caldavUrl"] as? String)
            var ics = try await api.calDAV(url).text
            #expect(ics.contains("RECURRENCE-ID;TZID=Europe/Berlin:20261215T100000"))
            #expect(ics.contains("DTSTART;TZID=Europe/Berlin:20261216T140000"))

            // Deleting one instance leaves it out of the series with an EXDATE.
            let third = try #require(all.items.dropFirst(2).first?["id"] as? String)
            #expect(try await api.call(.delete, "/api/v1/events/\(third)").status == .noContent)
            ics = try await api.calDAV(url).text
            #expect(ics.contains("EXDATE;TZID=Europe/Berlin:20261222T100000"))
            let after = try await api.call(.get, "/api/v1/events/\(id)/instances?\(window)")
            #expect(after.items.map { $0["title"] as? String } == ["Team sync", "Moved", "Team sync", "Team sync"])
            #expect(try await api.call(.get, "/api/v1/events/\(third)").status == .notFound)

            // scope=all on an instance id changes the series; the override keeps its own title.
            let renamed = try await api.call(.patch, "/api/v1/events/\(instanceID)?scope=all", json: ["title": "Sync"])
            #expect(renamed.status == .ok && renamed["id"] as? String == id)
            let titles = try await api.call(.get, "/api/v1/events/\(id)/instances?\(window)").items.map { $0["title"] as? String }
            #expect(titles == ["Sync", "Moved", "Sync", "Sync"])

            let notAnInstance = try await api.call(.get, "/api/v1/events/\(id)_20261209T090000Z")
            #expect(notAnInstance.status == .notFound)
        }
    }

    @Test func updatesKeepWhatTheJSONDoesNotModel() async throws {
        try await application(store: InMemoryStore()).test(.live) { client in
            let api = alice(client)
            let ics = [
                "BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//Test//EN", "X-WR-CALNAME:kept", "BEGIN:VEVENT",
                "UID:keep-1", "DTSTAMP:20260101T000000Z", "DTSTART:20261210T090000Z", "DTEND:20261210T100000Z",
                "SUMMARY;LANGUAGE=de:Treffen", "X-CUSTOM-PROP;X-PARAM=1:custom value", "CATEGORIES:Work,Plans",
                "ORGANIZER;CN=Alice:mailto:alice@example.com",
                "ATTENDEE;CN=Carol;PARTSTAT=ACCEPTED;X-NOTE=yes:mailto:carol@example.org",
                "BEGIN:VALARM", "ACTION:DISPLAY", "TRIGGER:-PT15M", "DESCRIPTION:soon", "X-WR-ALARMUID:a1", "END:VALARM",
                "END:VEVENT", "END:VCALENDAR", "",
            ].joined(separator: "\r\n")
            #expect(try await api.putCalDAV("/calendars/alice/calendar/keep.ics", ics) == .created)
            let calendar = try #require(try await api.call(.get, "/api/v1/users/me/calendars").items.first?["id"] as? String)
            let list = try await api.call(.get, "/api/v1/calendars/\(calendar)/events")
            let event = try #require(list.items.first { $0["iCalUID"] as? String == "keep-1" })
            let id = try #require(event["id"] as? String)
            #expect(event["attendees"] as? [[String: String]] == [["email": "carol@example.org", "displayName": "Carol",
                                                                   "responseStatus": "accepted"]])
            let patched = try await api.call(.patch, "/api/v1/events/\(id)", json: [
                "title": "Meeting", "reminders": [["method": "display", "minutesBefore": 15],
                                                  ["method": "audio", "minutesBefore": 0]],
            ])
            #expect(patched.status == .ok)
            let stored = try await api.calDAV("/calendars/alice/calendar/keep.ics").text
            #expect(stored.contains("SUMMARY;LANGUAGE=de:Meeting"))
            #expect(stored.contains("X-CUSTOM-PROP;X-PARAM=1:custom value") && stored.contains("CATEGORIES:Work,Plans"))
            #expect(stored.contains("X-NOTE=yes") && stored.contains("X-WR-CALNAME:kept"))
            #expect(stored.contains("X-WR-ALARMUID:a1"), "the alarm that is still wanted keeps its details")
            #expect(stored.contains("ACTION:AUDIO") && stored.contains("TRIGGER:PT0S"))
        }
    }

    @Test func refusalsAreProblemDetails() async throws {
        try await application(store: InMemoryStore()).test(.live) { client in
            let api = alice(client)
            let anonymous = try await client.execute(uri: "/api/v1/users/me", method: .get)
            #expect(anonymous.status == .unauthorized)
            #expect(anonymous.headers[.wwwAuthenticate]?.hasPrefix("Basic") == true)
            #expect(anonymous.headers[.contentType] == "application/problem+json")

            let calendar = try #require(try await api.call(.get, "/api/v1/users/me/calendars").items.first?["id"] as? String)
            let unknown = try await api.call(.get, "/api/v1/no-such-thing")
            #expect(unknown.status == .notFound && unknown["type"] as? String == "urn:almanac:problem:not-found")
            let notJSON = try await api.call(.post, "/api/v1/calendars/\(calendar)/events", raw: "{")
            #expect(notJSON.status == .badRequest && notJSON["status"] as? Int == 400)
            let extra = try await api.call(.post, "/api/v1/calendars", json: ["name": "x", "colour": "red"])
            #expect(extra.status == .badRequest)
            #expect((extra["detail"] as? String)?.contains("colour") == true)
            let wrongType = try await api.call(.post, "/api/v1/calendars/\(calendar)/events", json: ["title": 5])
            #expect((wrongType["detail"] as? String)?.contains("'title' must be a string") == true)
            let noEnd = try await api.call(.post, "/api/v1/calendars/\(calendar)/events", json: [
                "start": ["dateTime": "2026-12-08T10:00:00Z"],
            ])
            #expect(noEnd.status == .badRequest && (noEnd["detail"] as? String)?.contains("required") == true)
            for fields: [String: Any] in [[:], ["title": "no times"]] {
                let noTimes = try await api.call(.post, "/api/v1/calendars/\(calendar)/events", json: fields)
                #expect(noTimes.status == .badRequest, "a new event without times is refused, not stored")
            }
            let backwards = try await api.call(.post, "/api/v1/calendars/\(calendar)/events", json: [
                "start": ["date": "2026-12-08"], "end": ["date": "2026-12-08"],
            ])
            #expect(backwards.status == .badRequest)
            let badRule = try await api.call(.post, "/api/v1/calendars/\(calendar)/events", json: [
                "start": ["date": "2026-12-08"], "end": ["date": "2026-12-09"], "recurrence": ["RRULE:FREQ=DAILY;UNTL=2"],
            ])
            #expect(badRule.status == .badRequest && (badRule["detail"] as? String)?.contains("UNTL") == true)
            let badID = try await api.call(.get, "/api/v1/events/not-an-id")
            #expect(badID.status == .notFound)

            // Bob cannot see Alice's calendar at all until she shares it.
            let bob = JSONAPITestClient(client: client, user: "bob", password: Self.password)
            #expect(try await bob.call(.get, "/api/v1/calendars/\(calendar)/events").status == .notFound)
            let duplicate = try await api.call(.post, "/api/v1/calendars/\(calendar)/events", json: [
                "iCalUID": "same", "start": ["date": "2026-12-08"], "end": ["date": "2026-12-09"],
            ])
            #expect(duplicate.status == .created)
            let again = try await api.call(.post, "/api/v1/calendars/\(calendar)/events", json: [
                "iCalUID": "same", "start": ["date": "2026-12-08"], "end": ["date": "2026-12-09"],
            ])
            #expect(again.status == .conflict && again["type"] as? String == "urn:almanac:problem:uid-conflict")

            let document = try await client.execute(uri: "/api/v1/openapi.yaml", method: .get)
            #expect(document.status == .ok)
            let source = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
                .deletingLastPathComponent().appendingPathComponent("Sources/CalendarAPI/openapi.yaml")
            #expect(String(buffer: document.body) == (try String(contentsOf: source, encoding: .utf8)))
        }
    }

    @Test func sharedCalendarsFollowTheirRole() async throws {
        let store = InMemoryStore()
        try await application(store: store).test(.live) { client in
            let api = alice(client)
            let bob = JSONAPITestClient(client: client, user: "bob", password: Self.password)
            let bobID = try #require(try await store.user(named: "bob")?.id)
            let aliceID = try #require(try await store.user(named: "alice")?.id)
            let calendar = try #require(try await store.calendars(ownerID: aliceID).first { $0.slug == "calendar" })
            try await store.setGrant(calendarID: calendar.id, grantee: .user(bobID), role: .read, state: .accepted,
                                     grantedBy: aliceID)
            _ = try await api.call(.post, "/api/v1/calendars/\(calendar.id)/events", json: [
                "title": "Doctor", "visibility": "private", "description": "checkup",
                "start": ["dateTime": "2026-12-08T10:00:00Z"], "end": ["dateTime": "2026-12-08T11:00:00Z"],
            ])
            let shared = try await bob.call(.get, "/api/v1/users/me/calendars")
            #expect(shared.items.contains { $0["id"] as? String == String(calendar.id) && $0["role"] as? String == "reader" })
            let seen = try await bob.call(.get, "/api/v1/calendars/\(calendar.id)/events")
            #expect(seen.items.map { $0["title"] as? String } == ["Busy"])
            #expect(seen.items.first?["description"] == nil)
            let write = try await bob.call(.post, "/api/v1/calendars/\(calendar.id)/events", json: [
                "start": ["date": "2026-12-08"], "end": ["date": "2026-12-09"],
            ])
            #expect(write.status == .forbidden)
            // Renaming a shared calendar names it for Bob alone.
            let renamed = try await bob.call(.patch, "/api/v1/calendars/\(calendar.id)", json: ["name": "Alice's"])
            #expect(renamed.status == .ok && renamed["name"] as? String == "Alice's")
            #expect(try await api.call(.get, "/api/v1/calendars/\(calendar.id)")["name"] as? String == "Calendar")
        }
    }

    @Test func sharingThroughAccessRules() async throws {
        try await application(store: InMemoryStore()).test(.live) { client in
            let api = alice(client)
            let bob = JSONAPITestClient(client: client, user: "bob", password: Self.password)
            let calendar = try #require(try await api.call(.get, "/api/v1/users/me/calendars").items.first?["id"] as? String)
            let shared = try await api.call(.post, "/api/v1/calendars/\(calendar)/acl", json: [
                "scope": ["type": "user", "value": "bob"], "role": "writer",
            ])
            #expect(shared.status == .created)
            #expect(shared["id"] as? String == "user:bob" && shared["state"] as? String == "invited")
            let wrongKind = try await api.call(.post, "/api/v1/calendars/\(calendar)/acl", json: [
                "scope": ["type": "group", "value": "bob"], "role": "reader",
            ])
            #expect(wrongKind.status == .badRequest)

            // Invited, not in force: listed for Bob to answer, its events not yet his to see.
            let listed = try await bob.call(.get, "/api/v1/users/me/calendars")
            #expect(listed.items.contains { $0["id"] as? String == calendar && $0["shareState"] as? String == "invited" })
            #expect(try await bob.call(.get, "/api/v1/calendars/\(calendar)/events").status == .notFound)
            let accepted = try await bob.call(.post, "/api/v1/users/me/calendars", json: ["id": calendar])
            #expect(accepted.status == .ok && accepted["role"] as? String == "writer")
            let event = try await bob.call(.post, "/api/v1/calendars/\(calendar)/events", json: [
                "title": "Bob's", "start": ["date": "2026-12-08"], "end": ["date": "2026-12-09"],
            ])
            #expect(event.status == .created)
            #expect(try await bob.call(.get, "/api/v1/calendars/\(calendar)/acl").status == .forbidden)

            let rules = try await api.call(.get, "/api/v1/calendars/\(calendar)/acl")
            #expect(rules.items.map { $0["state"] as? String } == ["accepted"])
            #expect(try await api.call(.delete, "/api/v1/calendars/\(calendar)/acl/user:bob").status == .noContent)
            #expect(try await bob.call(.get, "/api/v1/calendars/\(calendar)/events").status == .notFound)
            #expect(try await api.call(.delete, "/api/v1/calendars/\(calendar)/acl/user:bob").status == .notFound)
        }
    }

    @Test func freeBusyAsEachPersonAllows() async throws {
        let store = InMemoryStore()
        try await application(store: store).test(.live) { client in
            let api = alice(client)
            let bob = JSONAPITestClient(client: client, user: "bob", password: Self.password)
            let calendar = try #require(try await api.call(.get, "/api/v1/users/me/calendars").items.first?["id"] as? String)
            for (title, start, transparency) in [("Busy", "2026-12-08T10:00:00Z", "opaque"),
                                                 ("Reminder only", "2026-12-08T12:00:00Z", "transparent")] {
                let created = try await api.call(.post, "/api/v1/calendars/\(calendar)/events", json: [
                    "title": title, "transparency": transparency, "start": ["dateTime": start],
                    "end": ["dateTime": start.replacingOccurrences(of: "T10", with: "T11").replacingOccurrences(of: "T12", with: "T13")],
                ])
                #expect(created.status == .created)
            }
            let query: [String: Any] = [
                "timeMin": "2026-12-08T00:00:00Z", "timeMax": "2026-12-09T00:00:00Z", "timeZone": "Europe/Berlin",
                "items": [["id": "alice"], ["id": "alice@example.com"], ["id": "nobody@example.com"]],
            ]
            let answer = try await bob.call(.post, "/api/v1/freeBusy", json: query)
            #expect(answer.status == .ok)
            let people = try #require(answer["people"] as? [[String: Any]])
            #expect(people.count == 3)
            let busy = people[0]["busy"] as? [[String: String]]
            #expect(busy == [["start": "2026-12-08T11:00:00+01:00", "end": "2026-12-08T12:00:00+01:00", "type": "busy"]])
            #expect(people[1]["busy"] as? [[String: String]] == busy)
            #expect(people[2]["error"] as? String == "notFound")
            #expect(!answer.text.contains("Busy\""), "nothing about the events but their time")

            let aliceID = try #require(try await store.user(named: "alice")?.id)
            try await store.setFreeBusyVisibility(userID: aliceID, .nobody)
            let refused = try await bob.call(.post, "/api/v1/freeBusy", json: query)
            #expect((refused["people"] as? [[String: Any]])?.first?["error"] as? String == "notAllowed")
            #expect((refused["people"] as? [[String: Any]])?.first?["busy"] as? [Any] == nil
                || ((refused["people"] as? [[String: Any]])?.first?["busy"] as? [Any])?.isEmpty == true)
            let own = try await api.call(.post, "/api/v1/freeBusy", json: query)
            #expect(((own["people"] as? [[String: Any]])?.first?["busy"] as? [Any])?.count == 1, "your own is yours")
        }
    }

    @Test func searchByWordAndParticipant() async throws {
        let store = InMemoryStore()
        try await application(store: store).test(.live) { client in
            let api = alice(client)
            let bob = JSONAPITestClient(client: client, user: "bob", password: Self.password)
            let calendar = try #require(try await api.call(.get, "/api/v1/users/me/calendars").items.first?["id"] as? String)
            let events: [[String: Any]] = [
                ["title": "Dentist appointment", "description": "bring the card"],
                ["title": "Team lunch", "location": "Pizzeria Roma", "status": "tentative"],
                ["title": "Planning", "attendees": [["email": "carol@example.org", "displayName": "Carol Diaz"]]],
                ["title": "Therapy", "description": "secret words", "visibility": "private"],
            ]
            for (index, fields) in events.enumerated() {
                var event = fields
                event["start"] = ["dateTime": "2026-12-1\(index)T10:00:00Z"]
                event["end"] = ["dateTime": "2026-12-1\(index)T11:00:00Z"]
                #expect(try await api.call(.post, "/api/v1/calendars/\(calendar)/events", json: event).status == .created)
            }
            func titles(_ reply: JSONAPITestClient.Reply) -> [String] { reply.items.compactMap { $0["title"] as? String } }
            #expect(titles(try await api.call(.get, "/api/v1/search?q=dentist")) == ["Dentist appointment"])
            #expect(titles(try await api.call(.get, "/api/v1/search?q=CARD")) == ["Dentist appointment"])
            #expect(titles(try await api.call(.get, "/api/v1/search?q=pizz")) == ["Team lunch"])
            #expect(titles(try await api.call(.get, "/api/v1/search?participant=carol")) == ["Planning"])
            #expect(titles(try await api.call(.get, "/api/v1/search?participant=diaz&q=plan")) == ["Planning"])
            #expect(titles(try await api.call(.get, "/api/v1/search?participant=carol&q=lunch")).isEmpty)
            #expect(titles(try await api.call(.get, "/api/v1/search?q=a&status=tentative")) == ["Team lunch"])
            let window = "timeMin=2026-12-11T00:00:00Z&timeMax=2026-12-12T00:00:00Z"
            #expect(titles(try await api.call(.get, "/api/v1/search?q=a&\(window)")) == ["Team lunch"])
            #expect(titles(try await api.call(.get, "/api/v1/search?q=secret")) == ["Therapy"])
            #expect(try await api.call(.get, "/api/v1/search").status == .badRequest)

            // Paging: one at a time, every match once.
            var seen: [String] = []
            var token: String?
            for _ in 0..<10 {
                let page = try await api.call(.get, "/api/v1/search?q=a&maxResults=1" + (token.map { "&pageToken=\($0)" } ?? ""))
                seen += titles(page)
                token = page["nextPageToken"] as? String
                if token == nil { break }
            }
            #expect(seen.sorted() == ["Dentist appointment", "Planning", "Team lunch", "Therapy"].sorted())

            // Bob reads the calendar: the private event's words are not his to search.
            let aliceID = try #require(try await store.user(named: "alice")?.id)
            let bobID = try #require(try await store.user(named: "bob")?.id)
            try await store.setGrant(calendarID: Int64(calendar)!, grantee: .user(bobID), role: .read, state: .accepted,
                                     grantedBy: aliceID)
            #expect(titles(try await bob.call(.get, "/api/v1/search?q=secret")).isEmpty)
            #expect(titles(try await bob.call(.get, "/api/v1/search?q=dentist")) == ["Dentist appointment"])
        }
    }

    @Test func invitationsAreAnsweredAndEventsMoved() async throws {
        try await application(store: InMemoryStore()).test(.live) { client in
            let api = alice(client)
            let bob = JSONAPITestClient(client: client, user: "bob", password: Self.password)
            let calendar = try #require(try await api.call(.get, "/api/v1/users/me/calendars").items.first?["id"] as? String)
            let meeting = try await api.call(.post, "/api/v1/calendars/\(calendar)/events", json: [
                "title": "Review", "iCalUID": "review-1",
                "start": ["dateTime": "2026-12-09T15:00:00Z"], "end": ["dateTime": "2026-12-09T16:00:00Z"],
                "attendees": [["email": "bob@example.com"]],
            ])
            #expect(meeting.status == .created)
            #expect((meeting["organizer"] as? [String: Any])?["email"] as? String == "alice@example.com")

            // The invitation arrived in Bob's calendar through scheduling; he answers it there.
            let bobCalendar = try #require(try await bob.call(.get, "/api/v1/users/me/calendars").items
                .first { $0["role"] as? String == "owner" }?["id"] as? String)
            let copy = try #require(try await bob.call(.get, "/api/v1/calendars/\(bobCalendar)/events").items
                .first { $0["iCalUID"] as? String == "review-1" })
            let copyID = try #require(copy["id"] as? String)
            let answered = try await bob.call(.post, "/api/v1/users/me/events/\(copyID)/rsvp",
                                              json: ["responseStatus": "accepted"])
            #expect(answered.status == .ok)
            #expect((answered["attendees"] as? [[String: Any]])?.first?["responseStatus"] as? String == "accepted")
            let organizerView = try await api.call(.get, "/api/v1/events/\(try #require(meeting["id"] as? String))")
            #expect((organizerView["attendees"] as? [[String: Any]])?.first?["responseStatus"] as? String == "accepted")
            let own = try await api.call(.post, "/api/v1/users/me/events/\(try #require(meeting["id"] as? String))/rsvp",
                                         json: ["responseStatus": "declined"])
            #expect(own.status == .badRequest)

            // Moving an event: a new id in the new calendar, the same object and ETag.
            let work = try #require(try await api.call(.post, "/api/v1/calendars", json: ["name": "Work"])["id"] as? String)
            let lunch = try await api.call(.post, "/api/v1/calendars/\(calendar)/events", json: [
                "title": "Lunch", "start": ["date": "2026-12-10"], "end": ["date": "2026-12-11"],
            ])
            let lunchID = try #require(lunch["id"] as? String)
            let moved = try await api.call(.post, "/api/v1/events/\(lunchID)/move?targetCalendarId=\(work)")
            #expect(moved.status == .ok && moved["calendarId"] as? String == work)
            #expect(moved.headers[.eTag] == lunch.headers[.eTag])
            #expect(try await api.call(.get, "/api/v1/events/\(lunchID)").status == .notFound)
            #expect(try await bob.call(.post, "/api/v1/events/\(try #require(moved["id"] as? String))/move?targetCalendarId=\(bobCalendar)").status == .notFound)
        }
    }

    @Test func idempotencyKeysMakeRetriesSafe() async throws {
        try await application(store: InMemoryStore()).test(.live) { client in
            let api = alice(client)
            let calendar = try #require(try await api.call(.get, "/api/v1/users/me/calendars").items.first?["id"] as? String)
            let lunch: [String: Any] = ["title": "Lunch", "start": ["date": "2026-12-10"], "end": ["date": "2026-12-11"]]
            let key = [("Idempotency-Key", "3f1c9a4e-retry-1")]
            let first = try await api.call(.post, "/api/v1/calendars/\(calendar)/events", json: lunch, headers: key)
            #expect(first.status == .created && first.headers[IdempotencyHeader.replayed] == nil)
            let retry = try await api.call(.post, "/api/v1/calendars/\(calendar)/events", json: lunch, headers: key)
            #expect(retry.status == .created && retry.headers[IdempotencyHeader.replayed] == "true", "\(retry.status) \(retry.text)")
            #expect(retry["id"] as? String == first["id"] as? String && retry.headers[.eTag] == first.headers[.eTag])
            #expect(retry.headers[.location] == first.headers[.location])
            let listed = try await api.call(.get, "/api/v1/calendars/\(calendar)/events")
            #expect(listed.items.filter { $0["title"] as? String == "Lunch" }.count == 1, "created once")

            var other = lunch
            other["title"] = "Dinner"
            let reused = try await api.call(.post, "/api/v1/calendars/\(calendar)/events", json: other, headers: key)
            #expect(reused.status == .unprocessableContent)
            #expect(reused["type"] as? String == "urn:almanac:problem:idempotency-key-reused")
            let bad = try await api.call(.post, "/api/v1/calendars/\(calendar)/events", json: other,
                                         headers: [("Idempotency-Key", "has space")])
            #expect(bad.status == .badRequest)
            // Another user's key is theirs: the same key does not replay Alice's answer to Bob.
            let bob = JSONAPITestClient(client: client, user: "bob", password: Self.password)
            let bobs = try #require(try await bob.call(.get, "/api/v1/users/me/calendars").items.first?["id"] as? String)
            let bobFirst = try await bob.call(.post, "/api/v1/calendars/\(bobs)/events", json: lunch, headers: key)
            #expect(bobFirst.status == .created && bobFirst.headers[IdempotencyHeader.replayed] == nil)
            // Tokens ignore the key: a kept answer would hold the secret.
            let token = ["label": "t", "scopes": ["calendars.read"]] as [String: Any]
            let one = try await api.call(.post, "/api/v1/users/me/tokens", json: token, headers: [("Idempotency-Key", "t")])
            let two = try await api.call(.post, "/api/v1/users/me/tokens", json: token, headers: [("Idempotency-Key", "t")])
            #expect(one["secret"] as? String != two["secret"] as? String)
        }
    }

    @Test func thisAndFollowingSplitsTheSeries() async throws {
        try await application(store: InMemoryStore()).test(.live) { client in
            let api = alice(client)
            let calendar = try #require(try await api.call(.get, "/api/v1/users/me/calendars").items.first?["id"] as? String)
            let created = try await api.call(.post, "/api/v1/calendars/\(calendar)/events", json: Self.weekly)
            let id = try #require(created["id"] as? String)
            let url = try #require(created["caldavUrl"] as? String)
            // An override after the cut travels with the later instances.
            #expect(try await api.call(.patch, "/api/v1/events/\(id)_20261229T090000Z", json: ["location": "Room 9"])
                .status == .ok)
            let window = "timeMin=2026-12-01T00:00:00Z&timeMax=2027-02-01T00:00:00Z"

            let changed = try await api.call(.patch, "/api/v1/events/\(id)_20261222T090000Z?scope=future",
                                             json: ["title": "Team sync (new format)"])
            #expect(changed.status == .ok)
            let newID = try #require(changed["id"] as? String)
            #expect(newID != id && changed["iCalUID"] as? String != created["iCalUID"] as? String)
            #expect((changed["start"] as? [String: Any])?["dateTime"] as? String == "2026-12-22T10:00:00+01:00")
            #expect(changed["recurrence"] as? [String] == ["RRULE:FREQ=WEEKLY;COUNT=3"])

            let earlier = try await api.calDAV(url).text
            #expect(earlier.contains("RRULE:FREQ=WEEKLY;COUNT=2") && !earlier.contains("RECURRENCE-ID"))
            let listed = try await api.call(.get, "/api/v1/calendars/\(calendar)/events?singleEvents=true&\(window)")
            #expect(listed.items.map { $0["title"] as? String }
                    == ["Team sync", "Team sync", "Team sync (new format)", "Team sync (new format)", "Team sync (new format)"])
            #expect(listed.items.map { $0["location"] as? String }.last(where: { $0 == "Room 9" }) != nil,
                    "the override of Dec 29 kept its change in the new series")

            // Deleting this and following ends the new series before the instance.
            #expect(try await api.call(.delete, "/api/v1/events/\(newID)_20261229T090000Z?scope=future").status == .noContent)
            let after = try await api.call(.get, "/api/v1/calendars/\(calendar)/events?singleEvents=true&\(window)")
            #expect(after.items.count == 3)

            // A series bounded by UNTIL ends one second before the cut, in UTC (RFC 5545 §3.8.5.3).
            var daily = Self.weekly
            daily["recurrence"] = ["RRULE:FREQ=DAILY;UNTIL=20261231T090000Z"]
            let series = try await api.call(.post, "/api/v1/calendars/\(calendar)/events", json: daily)
            let seriesID = try #require(series["id"] as? String)
            let cut = try await api.call(.patch, "/api/v1/events/\(seriesID)_20261220T090000Z?scope=future",
                                         json: ["location": "Room 2"])
            #expect(cut.status == .ok && cut["recurrence"] as? [String] == ["RRULE:FREQ=DAILY;UNTIL=20261231T090000Z"])
            let stored = try await api.calDAV(try #require(series["caldavUrl"] as? String)).text
            #expect(stored.contains("RRULE:FREQ=DAILY;UNTIL=20261220T085959Z"))
            // From the first instance, "this and following" is the whole series.
            let whole = try await api.call(.patch, "/api/v1/events/\(seriesID)_20261208T090000Z?scope=future",
                                           json: ["title": "Daily"])
            #expect(whole.status == .ok && whole["id"] as? String == seriesID)
        }
    }

    @Test func attendeesOneAtATime() async throws {
        try await application(store: InMemoryStore()).test(.live) { client in
            let api = alice(client)
            let bob = JSONAPITestClient(client: client, user: "bob", password: Self.password)
            let calendar = try #require(try await api.call(.get, "/api/v1/users/me/calendars").items.first?["id"] as? String)
            let meeting = try await api.call(.post, "/api/v1/calendars/\(calendar)/events", json: [
                "title": "Sync", "iCalUID": "sync-1", "start": ["dateTime": "2026-12-09T15:00:00Z"],
                "end": ["dateTime": "2026-12-09T16:00:00Z"], "attendees": [["email": "bob@example.com"]],
            ])
            let id = try #require(meeting["id"] as? String)
            let added = try await api.call(.post, "/api/v1/events/\(id)/attendees",
                                           json: ["email": "carol@example.org", "displayName": "Carol"])
            #expect(added.status == .ok)
            #expect((added["attendees"] as? [[String: Any]])?.compactMap { $0["email"] as? String }
                    == ["bob@example.com", "carol@example.org"])
            let again = try await api.call(.post, "/api/v1/events/\(id)/attendees", json: ["email": "CAROL@example.org"])
            #expect(again.status == .conflict)
            let optional = try await api.call(.put, "/api/v1/events/\(id)/attendees/carol@example.org",
                                              json: ["optional": true])
            #expect(optional.status == .ok)
            let ics = try await api.calDAV(try #require(meeting["caldavUrl"] as? String)).text
            #expect(ics.contains("ROLE=OPT-PARTICIPANT") && ics.contains("CN=Carol"))
            #expect(try await api.call(.put, "/api/v1/events/\(id)/attendees/nobody@example.org", json: ["optional": true])
                .status == .notFound)

            // Uninviting Bob cancels his copy.
            #expect(try await api.call(.delete, "/api/v1/events/\(id)/attendees/bob@example.com").status == .noContent)
            let bobCalendar = try #require(try await bob.call(.get, "/api/v1/users/me/calendars").items
                .first { $0["role"] as? String == "owner" }?["id"] as? String)
            let copy = try await bob.call(.get, "/api/v1/calendars/\(bobCalendar)/events").items
                .first { $0["iCalUID"] as? String == "sync-1" }
            #expect(copy == nil || copy?["status"] as? String == "cancelled")
        }
    }

    private func percent(_ text: String) -> String {
        text.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? text
    }
}
