import AlmanacServer
import CalDAV
import CalendarStore
import CalendarStoreTesting
import Foundation
import Hummingbird
import HummingbirdTesting
import Logging
import Testing

/// The running server extends recurring series' indexes in the background, starting with a pass at start-up.
@Suite struct IndexMaintenanceServiceTests {
    /// The wait for the start-up pass has no bound of its own (a loaded machine may be slow to run it); the time
    /// limit only turns a hang into a failure.
    @Test(.timeLimit(.minutes(1))) func theServerReindexesObjectsThatFellBehindAtStart() async throws {
        let store = InMemoryStore()
        let configuration = ServerConfiguration(logLevel: .error, bcryptCost: 4)
        let administration = UserAdministration(store: store, calDAVConfiguration: configuration.calDAVConfiguration,
                                                bcryptCost: 4)
        let user = try await administration.addUser(name: "alice", password: "alice-password-1")
        let calendar = try #require(try await store.calendars(ownerID: user.id).first)
        // An unbounded weekly series whose index was built long ago (expandedUntil 0) and has no text yet.
        let ics = "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//t//EN\r\nBEGIN:VEVENT\r\nUID:weekly\r\n"
            + "DTSTAMP:20250101T000000Z\r\nDTSTART:20250106T090000Z\r\nDURATION:PT1H\r\nRRULE:FREQ=WEEKLY\r\n"
            + "SUMMARY:Standup\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n"
        let stale = ObjectIndex(uid: "weekly", componentType: "VEVENT", firstStart: 1_736_154_000, lastEnd: nil,
                                instances: [InstanceInterval(start: 1_736_154_000, end: 1_736_157_600)],
                                horizon: 1_736_154_000, expandedUntil: 0)
        _ = try await store.putObject(calendarID: calendar.id, name: "weekly.ics", data: Array(ics.utf8), index: stale,
                                      precondition: .none)

        let application = try AlmanacApplication.make(configuration: configuration, store: store,
                                                      logger: Logger(label: "maintenance"))
        try await application.test(.live) { client in
            // Wait for the start-up pass (it runs beside the server, not before it).
            var index = try await store.object(calendarID: calendar.id, name: "weekly.ics")?.index
            while index?.expandedUntil == 0 {
                try await Task.sleep(for: .milliseconds(20))
                index = try await store.object(calendarID: calendar.id, name: "weekly.ics")?.index
            }
            let now = Int64(Date().timeIntervalSince1970)
            #expect((index?.expandedUntil ?? 0) > now)
            #expect((index?.instances.count ?? 0) > 52)
            #expect(index?.text.summary == "Standup")
            let health = try await client.execute(uri: "/health", method: .get)
            #expect(health.status == .ok)
        }
    }
}
