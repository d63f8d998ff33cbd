import CalDAV
import CalendarStore
import CalendarStoreTesting
import Calendaring
import ICalendar
import Testing
import WebDAV

/// Three users (alice organizes, bob and carol attend) and an outside address, over the in-memory store.
struct SchedulingHarness {
    let base: ServiceHarness
    let carol: User
    var store: InMemoryStore { base.store }
    var alice: User { base.alice }
    var bob: User { base.bob }

    static let event = "/calendars/alice/calendar/meeting.ics"

    init(limits: SchedulingLimits = SchedulingLimits()) async throws {
        base = try await ServiceHarness(configuration: CalDAVConfiguration(maxResourceSize: 100_000, scheduling: limits))
        carol = try await base.store.createUser(NewUser(name: "carol", displayName: "Carol", email: "carol@example.com",
                                                        passwordHash: "x"))
        try await base.service.provision(carol)
    }

    /// A meeting organized by alice; `extra` lines go into the VEVENT.
    static func meeting(start: String = "20261201T100000Z", end: String = "20261201T110000Z", summary: String = "Planning",
                        sequence: Int = 0, attendees: [String] = ["bob@example.com", "carol@example.com", "dave@external.test"],
                        extra: [String] = []) -> String {
        var lines = ["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//Almanac tests//EN", "BEGIN:VEVENT",
                     "UID:meeting-1", "DTSTAMP:20261120T090000Z", "DTSTART:\(start)", "DTEND:\(end)",
                     "SUMMARY:\(summary)", "SEQUENCE:\(sequence)", "ORGANIZER;CN=Alice:mailto:alice@example.com",
                     "ATTENDEE;PARTSTAT=ACCEPTED:mailto:alice@example.com"]
        lines += attendees.map { "ATTENDEE;PARTSTAT=NEEDS-ACTION;RSVP=TRUE:mailto:\($0)" }
        lines += extra
        lines += ["END:VEVENT", "END:VCALENDAR"]
        return lines.joined(separator: "\r\n") + "\r\n"
    }

    func send(_ method: String, _ path: String, headers: [(String, String)] = [], body: String = "", as user: User)
        async -> DAVResponse {
        await base.send(method, path, headers: headers, body: body, as: user)
    }

    func put(_ path: String, _ ics: String, as user: User, headers: [(String, String)] = []) async -> DAVResponse {
        await send("PUT", path, headers: [("Content-Type", "text/calendar; charset=utf-8")] + headers, body: ics, as: user)
    }

    func post(_ path: String, _ ics: String, as user: User) async -> DAVResponse {
        await send("POST", path, headers: [("Content-Type", "text/calendar; charset=utf-8")], body: ics, as: user)
    }

    /// The objects of a user's calendar (`calendar` or `inbox`), parsed.
    func objects(of user: User, in slug: String) async throws -> [(record: CalendarObjectRecord, calendar: Component)] {
        guard let calendar = try await store.calendar(ownerID: user.id, slug: slug) else { return [] }
        return try await store.objects(calendarID: calendar.id).map {
            ($0, try ICalendarParser().parseCalendar($0.data))
        }
    }

    /// The user's copy of the meeting (in their calendar).
    func copy(of user: User) async throws -> (record: CalendarObjectRecord, calendar: Component)? {
        try await objects(of: user, in: "calendar").first { $0.calendar.components.contains { $0.property(.uid)?.value == "meeting-1" } }
    }

    /// The METHODs of the items in a user's inbox, oldest first (by name order is random, so sorted by revision).
    func inboxMethods(of user: User) async throws -> [String] {
        try await objects(of: user, in: "inbox").sorted { $0.record.revision < $1.record.revision }
            .map { $0.calendar.property(.method)?.value ?? "" }
    }

    /// PARTSTAT of `address` in the first VEVENT of `calendar`.
    static func partstat(_ address: String, in calendar: Component) -> String? {
        calendar.components.first { $0.name == .vevent }?.properties(.attendee)
            .first { $0.value.lowercased() == "mailto:" + address }?[parameter: .partstat]
    }

    static func scheduleStatus(_ address: String, in calendar: Component) -> String? {
        calendar.components.first { $0.name == .vevent }?.properties(.attendee)
            .first { $0.value.lowercased() == "mailto:" + address }?[parameter: "SCHEDULE-STATUS"]
    }

    /// The attendee's copy with their PARTSTAT changed, as their client would PUT it.
    static func answering(_ calendar: Component, as address: String, partstat: String) -> String {
        var calendar = calendar
        for index in calendar.components.indices where calendar.components[index].name == .vevent {
            for p in calendar.components[index].properties.indices
            where calendar.components[index].properties[p].name == .attendee
                && calendar.components[index].properties[p].value.lowercased() == "mailto:" + address {
                var property = calendar.components[index].properties[p]
                property.parameters.removeAll { $0.name == .partstat || $0.name == .rsvp }
                property.parameters.append(Parameter(.partstat, partstat))
                calendar.components[index].properties[p] = property
            }
        }
        return ICalendarSerializer().string(calendar)
    }
}
