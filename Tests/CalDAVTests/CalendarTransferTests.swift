import CalDAV
import CalendarStore
import Foundation
import Testing

/// `almanac import/export` through CalendarTransfer: one object per UID, re-import replaces, export round-trips.
struct CalendarTransferTests {
    @Test func importSplitsReplacesAndExports() async throws {
        let h = try await ServiceHarness()
        let transfer = CalendarTransfer(service: h.service)
        let file = """
        BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//Export//EN\r\nMETHOD:PUBLISH\r\n\
        BEGIN:VEVENT\r\nUID:one\r\nDTSTAMP:20250101T000000Z\r\nDTSTART:20250301T090000Z\r\nSUMMARY:One\r\nEND:VEVENT\r\n\
        BEGIN:VEVENT\r\nUID:two\r\nDTSTAMP:20250101T000000Z\r\nDTSTART:20250302T090000Z\r\nSUMMARY:Two\r\nEND:VEVENT\r\n\
        BEGIN:VJOURNAL\r\nUID:three\r\nDTSTAMP:20250101T000000Z\r\nSUMMARY:Journal\r\nEND:VJOURNAL\r\n\
        END:VCALENDAR\r\n
        """
        let calendar = try await transfer.calendar(user: h.alice, slug: "calendar")
        var seen: [Int] = []
        let report = try await transfer.importCalendar(Array(file.utf8), into: calendar) { done, _ in seen.append(done) }
        #expect(report.total == 3 && report.created == 2 && report.skipped.map(\.uid) == ["three"])
        #expect(seen == [3])
        let again = try await transfer.importCalendar(Array(file.utf8), into: calendar)
        #expect(again.created == 0 && again.replaced == 2)

        let stored = try await h.store.objects(calendarID: calendar.id)
        #expect(stored.count == 2)
        #expect(stored.allSatisfy { !String(decoding: $0.data, as: UTF8.self).contains("METHOD:") })
        let exported = String(decoding: try await transfer.exportCalendar(calendar), as: UTF8.self)
        #expect(exported.contains("SUMMARY:One") && exported.contains("SUMMARY:Two"))
        #expect(exported.contains("X-WR-CALNAME:Calendar"))
    }
}
