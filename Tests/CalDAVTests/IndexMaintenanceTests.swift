import CalDAV
import CalendarStore
import CalendarStoreTesting
import Calendaring
import Foundation
import ICalendar
import ICalendarRecurrence
import Testing

/// Index maintenance: the materialised instances of recurring series move forward with time (RFC 4791 §9.9
/// queries keep being answered from the index), and objects indexed before a field existed get it.
@Suite struct IndexMaintenanceTests {
    static let calendarPath = "/calendars/alice/calendar/"
    static let year: TimeInterval = 365 * 86_400

    static func calendar(_ h: ServiceHarness) async throws -> CalendarRecord {
        try #require(try await h.store.calendar(ownerID: h.alice.id, slug: "calendar"))
    }

    /// The stored index, as a store written before the text index (and `expandedUntil`) existed would have it.
    static func staleIndex(uid: String) -> ObjectIndex {
        ObjectIndex(uid: uid, componentType: "VEVENT", firstStart: nil, lastEnd: nil, instances: [], horizon: nil,
                    expandedUntil: 0)
    }

    /// A weekly series without end, written now: two years on, maintenance expands it to the new horizon, and a
    /// week past the old horizon is then answered from the index alone (the bytes are not even readable here).
    @Test func movesTheHorizonOfAnUnboundedSeries() async throws {
        let h = try await ServiceHarness()
        let calendar = try await Self.calendar(h)
        let put = await h.put(Self.calendarPath + "weekly.ics", ICS.event(uid: "weekly", start: "20250106T120000Z",
                                                                         end: "20250106T130000Z", extra: "RRULE:FREQ=WEEKLY\r\n"))
        #expect(put.status == 201)
        let before = try #require(try await h.store.object(calendarID: calendar.id, name: "weekly.ics"))
        let oldHorizon = try #require(before.index.expandedUntil)

        // Monday to Monday, two months past the old horizon: one instance, not materialised yet.
        let weekStart = Self.monday(onOrAfter: oldHorizon + 60 * 86_400)
        let week = ComponentTimeRange(componentType: "VEVENT", window: TimeWindow(start: weekStart, end: weekStart + 7 * 86_400))
        let filter = try CalendarFilter.parse(C.filter(C.comp("VCALENDAR", C.comp("VEVENT", C.timeRange(
            Instant(secondsSinceEpoch: weekStart).description, Instant(secondsSinceEpoch: weekStart + 7 * 86_400).description)))))
        #expect(filter.indexTimeRange == week)
        var unreadable = before
        unreadable.data = Array("not iCalendar".utf8)
        #expect(filter.matches(unreadable, context: utcContext) == false)

        let later = Date.now.addingTimeInterval(2 * Self.year)
        #expect(try await h.service.maintainIndex(now: later) == 1)
        #expect(try await h.service.maintainIndex(now: later) == 0)

        let after = try #require(try await h.store.object(calendarID: calendar.id, name: "weekly.ics"))
        #expect(after.etag == before.etag)
        #expect(after.index.expandedUntil == Instant(later).secondsSinceEpoch + h.service.configuration.indexHorizon)
        #expect(after.index.isExact)
        #expect(after.index.instances.count > before.index.instances.count + 100)
        unreadable.index = after.index
        #expect(filter.matches(unreadable, context: utcContext))
        #expect(week.decision(for: after.index) == true)
        // The same week an hour off the instances: decided "no" from the index as well.
        let tuesday = ComponentTimeRange(componentType: "VEVENT", window: TimeWindow(start: weekStart + 86_400, end: weekStart + 2 * 86_400))
        #expect(tuesday.decision(for: after.index) == false)

        let report = await h.send("REPORT", Self.calendarPath, headers: [("Depth", "1")],
                                  body: CalendarQueryIndexTests.query(CalendarQueryIndexTests.events(
                                      Instant(secondsSinceEpoch: weekStart).description,
                                      Instant(secondsSinceEpoch: weekStart + 7 * 86_400).description)))
        #expect(try report.hrefs() == [Self.calendarPath + "weekly.ics"])
    }

    /// Objects stored before the text index existed (`expandedUntil` 0, no text) get their text, exactness and
    /// instances; a single event then needs no further maintenance.
    @Test func fillsInObjectsIndexedBeforeTheTextIndex() async throws {
        let h = try await ServiceHarness()
        let calendar = try await Self.calendar(h)
        let bytes = Array(ICS.event(uid: "old", summary: "Budget review").utf8)
        _ = try await h.store.putObject(calendarID: calendar.id, name: "old.ics", data: bytes,
                                        index: Self.staleIndex(uid: "old"), precondition: .none)
        #expect(try await h.service.maintainIndex(now: .now) == 1)
        let index = try #require(try await h.store.object(calendarID: calendar.id, name: "old.ics")?.index)
        #expect(index.text.summary == "Budget review")
        #expect(index.isExact)
        #expect(index.expandedUntil == nil)
        #expect(index.instances == [InstanceInterval(start: seconds("20250310T090000Z"), end: seconds("20250310T100000Z"))])
        #expect(try await h.service.maintainIndex(now: .now) == 0)
    }

    /// Bytes that no longer read as a calendar object keep their index, without `expandedUntil`, so they are not
    /// tried again on every run.
    @Test func unreadableObjectIsNotRetried() async throws {
        let h = try await ServiceHarness()
        let calendar = try await Self.calendar(h)
        _ = try await h.store.putObject(calendarID: calendar.id, name: "bad.ics", data: Array("garbage".utf8),
                                        index: Self.staleIndex(uid: "bad"), precondition: .none)
        #expect(try await h.service.maintainIndex(now: .now) == 1)
        let index = try #require(try await h.store.object(calendarID: calendar.id, name: "bad.ics")?.index)
        #expect(index.expandedUntil == nil)
        #expect(index.uid == "bad")
        #expect(try await h.service.maintainIndex(now: .now) == 0)
    }

    /// One run handles at most `limit` objects, reading `pageSize` at a time; the next run goes on.
    @Test func runsAreBounded() async throws {
        let h = try await ServiceHarness()
        let calendar = try await Self.calendar(h)
        for number in 0..<5 {
            _ = try await h.store.putObject(calendarID: calendar.id, name: "o\(number).ics",
                                            data: Array(ICS.event(uid: "o\(number)").utf8),
                                            index: Self.staleIndex(uid: "o\(number)"), precondition: .none)
        }
        let maintenance = IndexMaintenance(store: h.store, configuration: h.service.configuration, timeZones: testDatabase,
                                           pageSize: 2, limit: 3)
        #expect(try await maintenance.run(now: .now) == 3)
        #expect(try await maintenance.run(now: .now) == 2)
        #expect(try await maintenance.run(now: .now) == 0)
    }

    /// Maintenance indexes as PUT does: floating times in the calendar's zone, the same instances.
    @Test func indexesInTheCalendarZone() async throws {
        let h = try await ServiceHarness()
        _ = try await h.store.createCalendar(NewCalendar(ownerID: h.alice.id, slug: "ny", timeZone: CalendarZoneTests.newYork))
        let calendar = try #require(try await h.store.calendar(ownerID: h.alice.id, slug: "ny"))
        let body = String(decoding: calendarBytes("BEGIN:VEVENT\nUID:rent\nDTSTAMP:20250101T000000Z\nDTSTART:20250301T080000\nRRULE:FREQ=MONTHLY\nEND:VEVENT"), as: UTF8.self)
        #expect(await h.put("/calendars/alice/ny/rent.ics", body).status == 201)
        let written = try #require(try await h.store.object(calendarID: calendar.id, name: "rent.ics"))
        #expect(try await h.store.updateIndex(calendarID: calendar.id, name: "rent.ics", etag: written.etag,
                                              index: Self.staleIndex(uid: "rent")))
        #expect(try await h.service.maintainIndex(now: .now) == 1)
        let maintained = try #require(try await h.store.object(calendarID: calendar.id, name: "rent.ics")?.index)
        let bound = try #require(written.index.expandedUntil) - 2 * 86_400
        #expect(maintained.instances.filter { $0.start < bound } == written.index.instances.filter { $0.start < bound })
        #expect(maintained.isExact == false)
    }

    /// The first Monday 00:00 UTC at or after `time` (1970-01-05 was a Monday).
    static func monday(onOrAfter time: Int64) -> Int64 {
        let week: Int64 = 7 * 86_400, firstMonday: Int64 = 4 * 86_400
        return firstMonday + ((time - firstMonday + week - 1) / week) * week
    }
}
