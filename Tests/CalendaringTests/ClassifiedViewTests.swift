import ICalendar
import Testing
@testable import Calendaring

/// RFC 5545 §3.8.1.3 CLASS as a sharee sees it: private events as busy blocks, confidential ones as time and title,
/// public ones whole; nothing else of a classified event reaches the sharee.
@Suite struct ClassifiedViewTests {
    static let secrets = ["Salary review", "Room 101", "boss@example.com", "Bring the contract", "X-SECRET"]

    static func event(class value: String?) throws -> Component {
        let classLine = value.map { "CLASS:\($0)\n" } ?? ""
        let body = "BEGIN:VEVENT\nUID:e\nDTSTAMP:20240101T000000Z\nDTSTART:20240110T090000Z\nDTEND:20240110T100000Z\n"
            + "RRULE:FREQ=WEEKLY;COUNT=4\nEXDATE:20240117T090000Z\n\(classLine)SUMMARY:Salary review\n"
            + "LOCATION:Room 101\nDESCRIPTION:Bring the contract\nATTENDEE:mailto:boss@example.com\n"
            + "TRANSP:OPAQUE\nX-SECRET:yes\nBEGIN:VALARM\nACTION:DISPLAY\nDESCRIPTION:Bring the contract\n"
            + "TRIGGER:-PT15M\nEND:VALARM\nEND:VEVENT"
        return try #require(try ICalendarParser().parse(calendarBytes(body)).components.first)
    }

    @Test func aPrivateEventIsABusyBlock() throws {
        let view = ClassifiedView.view(of: try Self.event(class: "PRIVATE"))
        let event = try #require(view.components.first)
        #expect(event.property(.summary)?.value == "Busy")
        for name in [PropertyName.dtstart, .dtend, .rrule, .exdate, .uid, .transp] { #expect(event.property(name) != nil) }
        #expect(event.components.isEmpty)
        let text = view.serialized
        for secret in Self.secrets { #expect(!text.contains(secret), "\(secret)") }
    }

    @Test func aConfidentialEventShowsTimeAndTitle() throws {
        let event = try #require(ClassifiedView.view(of: try Self.event(class: "confidential")).components.first)
        #expect(event.property(.summary)?.value == "Salary review")
        #expect(event.property(.dtstart) != nil && event.property(.rrule) != nil)
        for name in [PropertyName.location, .description, .attendee] { #expect(event.property(name) == nil) }
        #expect(event.components.isEmpty)
    }

    @Test(arguments: [nil, "PUBLIC"])
    func aPublicEventIsShownWhole(_ value: String?) throws {
        let calendar = try Self.event(class: value)
        #expect(ClassifiedView.view(of: calendar) == calendar)
    }

    /// §3.8.1.3: "Applications MUST treat x-name and iana-token values they don't recognize the same way as they
    /// would the PRIVATE value."
    @Test func anUnknownClassIsPrivate() throws {
        #expect(ClassifiedView.visibility(of: try #require(try Self.event(class: "X-TEAM-ONLY").components.first)) == .busyBlock)
    }
}
