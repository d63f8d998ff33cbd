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

    /// Batches of 3 over 7 objects: progress after each batch, a refused object in the middle of a batch leaves the
    /// others of its batch stored, and an object whose UID a client stored under another name replaces it there.
    @Test func importWritesInBatchesAndReportsRefusalsInOrder() async throws {
        let h = try await ServiceHarness()
        let transfer = CalendarTransfer(service: h.service)
        let calendar = try await transfer.calendar(user: h.alice, slug: "calendar")
        #expect(await h.put("/calendars/alice/calendar/client-chosen.ics", ICS.event(uid: "u6", summary: "Old")).status == 201)
        func event(_ uid: String) -> String {
            "BEGIN:VEVENT\r\nUID:\(uid)\r\nDTSTAMP:20250101T000000Z\r\nDTSTART:20250301T090000Z\r\nSUMMARY:New \(uid)\r\nEND:VEVENT\r\n"
        }
        let journal = "BEGIN:VJOURNAL\r\nUID:u5\r\nDTSTAMP:20250101T000000Z\r\nSUMMARY:Journal\r\nEND:VJOURNAL\r\n"
        let file = "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//Export//EN\r\n"
            + event("u1") + event("u2") + event("u3") + event("u4") + journal + event("u6") + event("u7")
            + "END:VCALENDAR\r\n"
        var seen: [Int] = []
        let report = try await transfer.importCalendar(Array(file.utf8), into: calendar, batchSize: 3) { done, total in
            #expect(total == 7)
            seen.append(done)
        }
        #expect(seen == [3, 6, 7])
        #expect(report.total == 7 && report.created == 5 && report.replaced == 1)
        #expect(report.skipped.map(\.uid) == ["u5"])
        #expect(report.skipped.first?.reason.contains("VJOURNAL") == true)

        let stored = try await h.store.objects(calendarID: calendar.id)
        #expect(stored.map(\.name).sorted() == ["client-chosen.ics", "u1.ics", "u2.ics", "u3.ics", "u4.ics", "u7.ics"])
        let replaced = try #require(stored.first { $0.name == "client-chosen.ics" })
        #expect(String(decoding: replaced.data, as: UTF8.self).contains("SUMMARY:New u6"))

        // Importing again replaces all six in place.
        let again = try await transfer.importCalendar(Array(file.utf8), into: calendar, batchSize: 4)
        #expect(again.created == 0 && again.replaced == 6 && again.skipped.count == 1)
        #expect(try await h.store.objects(calendarID: calendar.id).count == 6)
    }

    /// The streamed export written chunk by chunk is the same file as the one built in memory.
    @Test func exportStreamEqualsTheWholeExport() async throws {
        let h = try await ServiceHarness()
        await Listing.seed(h, 0..<3)
        let transfer = CalendarTransfer(service: h.service)
        let calendar = try await transfer.calendar(user: h.alice, slug: "calendar")
        var streamed: [UInt8] = []
        for try await chunk in try await transfer.exportStream(calendar) { streamed += chunk }
        let objects = try await h.store.objects(calendarID: calendar.id).map(\.data)
        #expect(streamed == StreamedListingTests.legacyExport(objects, name: "Calendar"))
        #expect(try await transfer.exportCalendar(calendar) == streamed)
    }
}
