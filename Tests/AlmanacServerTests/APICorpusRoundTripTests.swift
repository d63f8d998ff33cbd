import AlmanacServer
import CalendarStoreTesting
import Calendaring
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import ICalendar
import Testing

/// The iCalendar object stays the source of truth when an app edits through the JSON API: each event of the
/// real-world exports in Fixtures/corpus (Apple, Google, Outlook, Thunderbird, RFC 7986) is stored through CalDAV,
/// read through the API, written back unchanged with PUT and then retitled with PATCH, and read again through CalDAV.
/// Everything the JSON does not model (X- properties, unknown parameters, VALARM details, VTIMEZONEs) must survive.
@Suite struct APICorpusRoundTripTests {
    static let password = "alice-password-1"
    static let corpus = ["apple-calendar-export.ics", "google-calendar-export.ics", "outlook-export.ics",
                         "rfc7986-and-availability.ics", "thunderbird-export.ics"]
    /// What an edit legitimately changes.
    static let volatile: Set<PropertyName> = [.summary, .dtstamp, .lastModified, .sequence]

    static func fixture(_ name: String) throws -> [UInt8] {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent()
        return Array(try Data(contentsOf: root.appendingPathComponent("Fixtures/corpus/\(name)")))
    }

    /// The object with what an edit may change taken out of each event, for comparison.
    static func comparable(_ text: String) throws -> Component {
        var calendar = try ICalendarParser(options: .lenient).parse(Array(text.utf8)).components[0]
        calendar.properties.removeAll { $0.name == .prodid }
        for index in calendar.components.indices where calendar.components[index].name == .vevent {
            calendar.components[index].properties.removeAll { volatile.contains($0.name) }
        }
        return calendar
    }

    @Test(arguments: corpus)
    func anAPIEditKeepsWhatTheJSONDoesNotModel(_ file: String) async throws {
        let store = InMemoryStore()
        let app = try await LiveServer.application(store: store, accounts: [.init(name: "alice", email: "alice@example.com")],
                                                   password: Self.password, label: "corpus")
        let objects = try CalendarImporter.split(try Self.fixture(file)).objects.filter { $0.componentType == "VEVENT" }
        #expect(!objects.isEmpty)
        try await app.test(.live) { client in
            let api = JSONAPITestClient(client: client, user: "alice", password: Self.password)
            var stored: [String: String] = [:]
            for object in objects {
                let path = "/calendars/alice/calendar/\(object.name)"
                let status = try await api.putCalDAV(path, String(decoding: object.data, as: UTF8.self))
                #expect(status == .created, "\(file): \(object.uid) was not stored")
                stored[object.uid] = path
            }
            let calendarID = try #require(try await api.call(.get, "/api/v1/users/me/calendars").items.first?["id"] as? String)
            let listed = try await api.call(.get, "/api/v1/calendars/\(calendarID)/events?maxResults=250").items
            #expect(listed.count == objects.count, "\(file): the API lists every event")
            for event in listed {
                let id = try #require(event["id"] as? String)
                let uid = try #require(event["iCalUID"] as? String)
                let path = try #require(stored[uid])
                let before = try await api.calDAV(path).text

                // PUT of exactly what GET gave (the writable fields) changes nothing but DTSTAMP and friends.
                let read = try await api.call(.get, "/api/v1/events/\(id)")
                let writable = Set(["title", "description", "location", "color", "status", "visibility", "transparency",
                                    "start", "end", "recurrence", "reminders", "attendees", "attachments"])
                let input = read.body.filter { writable.contains($0.key) }
                let put = try await api.call(.put, "/api/v1/events/\(id)", json: input,
                                             headers: [("If-Match", read.headers[.eTag] ?? "*")])
                #expect(put.status == .ok, "\(file) \(uid): PUT of the GET answer: \(put.text.prefix(300))")
                let afterPut = try await api.calDAV(path).text
                #expect(try Self.comparable(afterPut).isSemanticallyEqual(to: Self.comparable(before)),
                        "\(file) \(uid): PUT changed the object\n--- before\n\(before)\n--- after\n\(afterPut)")

                // A PATCH of the title changes the SUMMARY only.
                let title = (event["title"] as? String ?? "") + " (edited)"
                let patch = try await api.call(.patch, "/api/v1/events/\(id)", json: ["title": title])
                #expect(patch.status == .ok, "\(file) \(uid): PATCH: \(patch.text.prefix(300))")
                let afterPatch = try await api.calDAV(path).text
                #expect(try Self.comparable(afterPatch).isSemanticallyEqual(to: Self.comparable(before)),
                        "\(file) \(uid): PATCH changed more than the title\n--- before\n\(before)\n--- after\n\(afterPatch)")
                #expect(afterPatch.contains("(edited)"))
            }
        }
    }
}
