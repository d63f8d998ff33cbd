import CalDAV
import CalendarStore
import Foundation
import ICalendar
import Testing

/// `almanac import` of real-world-style exports (Fixtures/import/, each written in one producer's style, with its
/// expected outcome in expected.json): what has one obvious meaning is repaired and reported, what cannot be read is
/// skipped and reported, and the counts add up.
struct ImportCorpusTests {
    struct Expectation: Decodable {
        var objects: Int
        var imported: Int
        var skipped: [String]
        /// A substring of repair messages → how many repairs carry it.
        var repairs: [String: Int]
    }

    static let expectations: [String: Expectation] = {
        let data = Data(fixtureBytes("import/expected.json"))
        let all = (try? JSONSerialization.jsonObject(with: data)) as? [String: Any] ?? [:]
        var result: [String: Expectation] = [:]
        for (name, value) in all where name.hasSuffix(".ics") {
            let json = try! JSONSerialization.data(withJSONObject: value)
            result[name] = try! JSONDecoder().decode(Expectation.self, from: json)
        }
        return result
    }()

    @Test(arguments: ["holiday-feed.ics", "duplicate-masters.ics", "legacy-groupware.ics"])
    func importRepairsAndReports(file: String) async throws {
        let expected = try #require(Self.expectations[file])
        let h = try await ServiceHarness()
        let transfer = CalendarTransfer(service: h.service)
        let calendar = try await transfer.calendar(user: h.alice, slug: "imported")
        let report = try await transfer.importCalendar(fixtureBytes("import/\(file)"), into: calendar)

        #expect(report.total == expected.objects)
        #expect(report.imported == expected.imported)
        #expect(report.imported + report.skipped.count == report.total)
        #expect(report.skipped.map(\.uid) == expected.skipped)
        for (needle, count) in expected.repairs {
            #expect(report.repairs.filter { $0.message.contains(needle) }.count == count, "\(needle) in \(report.repairs)")
        }
        let described = expected.repairs.values.reduce(0, +)
        #expect(report.repairs.count == described, "unexpected repairs: \(report.repairs)")

        // Whatever was stored parses in strict mode and is what the repairs say.
        let stored = try await h.store.objects(calendarID: calendar.id)
        #expect(stored.count == expected.imported)
        for object in stored {
            let parsed = try ICalendarParser(options: .strict).parse(object.data)
            #expect(parsed.components.first?.property(.method) == nil)
        }
    }

    /// The holiday feed: every holiday lasts its day and does not repeat.
    @Test func holidaysLastTheirDay() async throws {
        let h = try await ServiceHarness()
        let transfer = CalendarTransfer(service: h.service)
        let calendar = try await transfer.calendar(user: h.alice, slug: "holidays")
        _ = try await transfer.importCalendar(fixtureBytes("import/holiday-feed.ics"), into: calendar)
        let christmas = try #require(try await h.store.objects(calendarID: calendar.id)
            .first { String(decoding: $0.data, as: UTF8.self).contains("SUMMARY:Christmas Day") })
        let text = String(decoding: christmas.data, as: UTF8.self)
        #expect(text.contains("DTSTART;VALUE=DATE:20261225\r\nDTEND;VALUE=DATE:20261226\r\n"))
        #expect(!text.contains("RRULE"))
    }

    /// Of two masters, the one with the higher SEQUENCE is kept with its override; on a tie, the later one.
    @Test func newerMasterIsKept() async throws {
        let h = try await ServiceHarness()
        let transfer = CalendarTransfer(service: h.service)
        let calendar = try await transfer.calendar(user: h.alice, slug: "work")
        _ = try await transfer.importCalendar(fixtureBytes("import/duplicate-masters.ics"), into: calendar)
        let texts = try await h.store.objects(calendarID: calendar.id).map { String(decoding: $0.data, as: UTF8.self) }
        let review = try #require(texts.first { $0.contains("UID:review-7f3a@client.example") })
        #expect(review.contains("SUMMARY:Design review\r\n") && !review.contains("(old time)"))
        #expect(review.contains("RECURRENCE-ID:20250317T140000Z"))
        let lunch = try #require(texts.first { $0.contains("UID:lunch-19@client.example") })
        #expect(lunch.contains("SUMMARY:Lunch\r\n") && !lunch.contains("first save"))
    }
}
