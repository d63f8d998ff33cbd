import ICalendar
import ICalendarRecurrence

/// Expansion figures: a month and a year of the generated calendar (every object expanded into the window, as a
/// month view or an export does), and one FREQ=DAILY rule over five years.
struct ExpansionBenchmark {
    struct Row {
        let name: String
        let seconds: Double
        let count: Int
    }

    struct Figures {
        var rows: [Row] = []
        var monthSeconds = 0.0, monthInstances = 0
        var yearSeconds = 0.0, yearInstances = 0
        var dailySeconds = 0.0, dailyInstances = 0
    }

    let calendar: Component
    let runs: Int

    func run() throws -> Figures {
        let database = TimeZoneDatabase()
        let expander = RecurrenceExpander(resolver: database)
        // A calendar object is the set of components sharing a UID (master and overrides), as a CalDAV resource is.
        var objects: [String: [Component]] = [:]
        var order: [String] = []
        for component in calendar.components where component.name == .vevent {
            let uid = component.property(.uid)?.value ?? ""
            if objects[uid] == nil { order.append(uid) }
            objects[uid, default: []].append(component)
        }
        let grouped = order.map { objects[$0]! }

        func expandAll(_ range: TimeRange) throws -> Int {
            var count = 0
            for object in grouped { count += try expander.instances(of: object, in: range).instances.count }
            return count
        }
        func utc(_ y: Int, _ m: Int, _ d: Int) -> Instant { Instant(utc: LocalDateTime(year: y, month: m, day: d)!) }

        var figures = Figures()
        let month = try Measurement.median(runs: runs) { try expandAll(TimeRange(start: utc(2025, 3, 1), end: utc(2025, 4, 1))) }
        figures.monthSeconds = month.seconds
        figures.monthInstances = month.result
        figures.rows.append(Row(name: "expand calendar, one month", seconds: month.seconds, count: month.result))

        let year = try Measurement.median(runs: runs) { try expandAll(TimeRange(start: utc(2025, 1, 1), end: utc(2026, 1, 1))) }
        figures.yearSeconds = year.seconds
        figures.yearInstances = year.result
        figures.rows.append(Row(name: "expand calendar, one year", seconds: year.seconds, count: year.result))

        let daily = try ICalendarParser().parseCalendar(
            "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//x//y//EN\r\nBEGIN:VEVENT\r\nUID:d\r\nDTSTAMP:20240101T000000Z\r\n"
                + "DTSTART:20240101T090000Z\r\nDTEND:20240101T093000Z\r\nRRULE:FREQ=DAILY\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n"
        ).components
        let dailyRange = TimeRange(start: utc(2024, 1, 1), end: utc(2029, 1, 1))
        let five = try Measurement.median(runs: max(runs, 50)) { try expander.instances(of: daily, in: dailyRange).instances.count }
        figures.dailySeconds = five.seconds
        figures.dailyInstances = five.result
        figures.rows.append(Row(name: "daily rule, 5 years (UTC)", seconds: five.seconds, count: five.result))

        let zonedDaily = daily.map { component -> Component in
            var c = component
            c.setProperty(.dtstart, Property(name: .dtstart, dateTime: .zoned(LocalDateTime(year: 2024, month: 1, day: 1, hour: 9)!, tzid: "Europe/Berlin")))
            c.setProperty(.dtend, Property(name: .dtend, dateTime: .zoned(LocalDateTime(year: 2024, month: 1, day: 1, hour: 9, minute: 30)!, tzid: "Europe/Berlin")))
            return c
        }
        let zoned = try Measurement.median(runs: max(runs, 50)) { try expander.instances(of: zonedDaily, in: dailyRange).instances.count }
        figures.rows.append(Row(name: "daily rule, 5 years (Europe/Berlin)", seconds: zoned.seconds, count: zoned.result))
        return figures
    }
}
