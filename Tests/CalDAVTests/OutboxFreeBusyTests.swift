import CalDAV
import CalendarStore
import DAVXML
import ICalendar
import Testing
import WebDAV

/// Free/busy lookups POSTed to the scheduling outbox: one VFREEBUSY REPLY per attendee, busy time from opaque
/// calendars by RFC 4791 §7.10, refusals by precondition.
/// Spec: RFC 6638 §5, §9.1, §11.3; RFC 5546 §3.3.2–3.3.3; RFC 4791 §7.10.
struct OutboxFreeBusyTests {
    /// One reply of a schedule-response.
    struct Reply {
        var recipient: String
        var status: String
        var calendarData: String?

        /// The VFREEBUSY of the calendar-data.
        func freeBusy() throws -> Component {
            let calendar = try ICalendarParser(options: .lenient).parseCalendar(try #require(calendarData))
            #expect(calendar.property(.method)?.value == "REPLY")
            return try #require(calendar.components(.vfreebusy).first)
        }

        /// "FBTYPE start/end" per FREEBUSY value, in the reply's order.
        func periods() throws -> [String] {
            try freeBusy().properties(.freebusy).flatMap { property in
                property.value.split(separator: ",").map { "\(property[parameter: .fbtype] ?? "BUSY") \($0)" }
            }
        }
    }

    static func request(organizer: String? = "mailto:alice@example.com", attendees: [String],
                        start: String? = "20250310T000000Z", end: String? = "20250311T000000Z",
                        uid: String? = "fb-request-1", method: String = "REQUEST") -> String {
        var lines = ["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//Almanac//Tests//EN", "METHOD:\(method)",
                     "BEGIN:VFREEBUSY", "DTSTAMP:20250301T120000Z"]
        if let uid { lines.append("UID:\(uid)") }
        if let start { lines.append("DTSTART:\(start)") }
        if let end { lines.append("DTEND:\(end)") }
        if let organizer { lines.append("ORGANIZER:\(organizer)") }
        lines += attendees.map { "ATTENDEE:\($0)" }
        lines += ["END:VFREEBUSY", "END:VCALENDAR"]
        return lines.joined(separator: "\r\n") + "\r\n"
    }

    static func post(_ h: ServiceHarness, _ body: String, as user: User? = nil) async -> DAVResponse {
        let who = user ?? h.alice
        return await h.send("POST", "/calendars/\(who.name)/outbox/",
                            headers: [("Content-Type", "text/calendar; charset=utf-8")], body: body, as: who)
    }

    static func replies(_ response: DAVResponse) throws -> [Reply] {
        #expect(response.status == 200)
        let root = try response.xml()
        #expect(root.name == .calDAV.scheduleResponse)
        return root.all(.calDAV.response).map { element in
            Reply(recipient: element.first(.calDAV.recipient)?.first(.dav.href)?.text ?? "",
                  status: element.first(.calDAV.requestStatus)?.text ?? "",
                  calendarData: element.first(.calDAV.calendarData)?.text)
        }
    }

    static func putEvent(_ h: ServiceHarness, _ user: User, calendar: String = "calendar", uid: String,
                         start: String, end: String, summary: String = "Meeting", extra: String = "") async {
        let response = await h.send("PUT", "/calendars/\(user.name)/\(calendar)/\(uid).ics",
                                    headers: [("Content-Type", "text/calendar; charset=utf-8")],
                                    body: ICS.event(uid: uid, summary: summary, start: start, end: end, extra: extra),
                                    as: user)
        #expect(response.status == 201, "PUT \(uid): \(response.status) \(response.text)")
    }

    /// Monday 10 March 2025 (UTC) in Bob's calendars: confirmed, adjacent, tentative, cancelled and transparent
    /// events, a daily series, events crossing both window edges, and a calendar marked transparent.
    static func furnishBob(_ h: ServiceHarness) async {
        let bob = h.bob
        await putEvent(h, bob, uid: "board", start: "20250310T090000Z", end: "20250310T100000Z",
                       summary: "Secret board meeting", extra: "LOCATION:Room 42\r\n")
        await putEvent(h, bob, uid: "adjacent", start: "20250310T100000Z", end: "20250310T103000Z")
        await putEvent(h, bob, uid: "maybe", start: "20250310T110000Z", end: "20250310T120000Z",
                       extra: "STATUS:TENTATIVE\r\n")
        await putEvent(h, bob, uid: "called-off", start: "20250310T130000Z", end: "20250310T140000Z",
                       extra: "STATUS:CANCELLED\r\n")
        await putEvent(h, bob, uid: "reminder", start: "20250310T150000Z", end: "20250310T160000Z",
                       extra: "TRANSP:TRANSPARENT\r\n")
        await putEvent(h, bob, uid: "standup", start: "20250301T070000Z", end: "20250301T073000Z",
                       extra: "RRULE:FREQ=DAILY;COUNT=30\r\n")
        await putEvent(h, bob, uid: "night-before", start: "20250309T220000Z", end: "20250310T010000Z")
        await putEvent(h, bob, uid: "night-after", start: "20250310T230000Z", end: "20250311T020000Z")
        await putEvent(h, bob, uid: "outside", start: "20250312T090000Z", end: "20250312T100000Z")

        let mkcalendar = """
        <C:mkcalendar xmlns:D="DAV:" xmlns:C="urn:ietf:params:xml:ns:caldav"><D:set><D:prop>
        <D:displayname>Holidays of others</D:displayname>
        <C:schedule-calendar-transp><C:transparent/></C:schedule-calendar-transp>
        </D:prop></D:set></C:mkcalendar>
        """
        #expect(await h.send("MKCALENDAR", "/calendars/bob/others/", body: mkcalendar, as: bob).status == 201)
        await putEvent(h, bob, calendar: "others", uid: "their-holiday", start: "20250310T160000Z",
                       end: "20250310T170000Z")
    }

    @Test func busyTimeOfALocalUser() async throws {
        let h = try await ServiceHarness()
        await Self.furnishBob(h)
        let replies = try Self.replies(await Self.post(h, Self.request(attendees: ["mailto:bob@example.com"])))
        let reply = try #require(replies.first)
        #expect(replies.count == 1)
        #expect(reply.recipient == "mailto:bob@example.com")
        #expect(reply.status == "2.0;Success")
        #expect(try reply.periods() == [
            "BUSY 20250310T000000Z/20250310T010000Z",
            "BUSY 20250310T070000Z/20250310T073000Z",
            "BUSY 20250310T090000Z/20250310T103000Z",
            "BUSY-TENTATIVE 20250310T110000Z/20250310T120000Z",
            "BUSY 20250310T230000Z/20250311T000000Z",
        ])
        let freeBusy = try reply.freeBusy()
        #expect(freeBusy.property(.uid)?.value == "fb-request-1")
        #expect(freeBusy.property(.dtstart)?.value == "20250310T000000Z")
        #expect(freeBusy.property(.dtend)?.value == "20250311T000000Z")
        #expect(freeBusy.property(.organizer)?.value == "mailto:alice@example.com")
        #expect(freeBusy.property(.attendee)?.value == "mailto:bob@example.com")
        #expect(freeBusy.property(.dtstamp) != nil)
    }

    /// RFC 4791 §7.10: VFREEBUSY components stored in a calendar count by their FBTYPE (FREE adds nothing).
    @Test func storedFreeBusyCounts() async throws {
        let h = try await ServiceHarness()
        let mkcalendar = """
        <C:mkcalendar xmlns:D="DAV:" xmlns:C="urn:ietf:params:xml:ns:caldav"><D:set><D:prop>
        <C:supported-calendar-component-set><C:comp name="VFREEBUSY"/></C:supported-calendar-component-set>
        </D:prop></D:set></C:mkcalendar>
        """
        #expect(await h.send("MKCALENDAR", "/calendars/bob/published/", body: mkcalendar, as: h.bob).status == 201)
        let stored = [
            "BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//Almanac//Tests//EN", "BEGIN:VFREEBUSY", "UID:published-fb",
            "DTSTAMP:20250301T000000Z", "DTSTART:20250310T000000Z", "DTEND:20250317T000000Z",
            "FREEBUSY;FBTYPE=BUSY-UNAVAILABLE:20250310T050000Z/PT2H",
            "FREEBUSY;FBTYPE=FREE:20250310T080000Z/20250310T090000Z",
            "FREEBUSY:20250310T220000Z/20250311T010000Z", "END:VFREEBUSY", "END:VCALENDAR",
        ].joined(separator: "\r\n") + "\r\n"
        let put = await h.send("PUT", "/calendars/bob/published/fb.ics",
                               headers: [("Content-Type", "text/calendar")], body: stored, as: h.bob)
        #expect(put.status == 201, "\(put.text)")
        let reply = try #require(try Self.replies(await Self.post(h, Self.request(attendees: ["mailto:bob@example.com"]))).first)
        #expect(try reply.periods() == [
            "BUSY-UNAVAILABLE 20250310T050000Z/20250310T070000Z",
            "BUSY 20250310T220000Z/20250311T000000Z",
        ])
    }

    /// RFC 4791 §7.10 and RFC 6638 §5: the reply is periods only, nothing else about the events.
    @Test func replyRevealsNothingButPeriods() async throws {
        let h = try await ServiceHarness()
        await Self.furnishBob(h)
        let response = await Self.post(h, Self.request(attendees: ["mailto:bob@example.com"]))
        for secret in ["Secret", "Room 42", "board", "standup", "Meeting", "SUMMARY", "LOCATION", "RRULE"] {
            #expect(!response.text.contains(secret), "the reply leaks \(secret)")
        }
        let names = Set(try #require(try Self.replies(response).first).freeBusy().properties.map(\.name))
        #expect(names == [.dtstamp, .uid, .dtstart, .dtend, .organizer, .attendee, .freebusy])
    }

    @Test func oneReplyPerAttendeeInRequestOrder() async throws {
        let h = try await ServiceHarness()
        await Self.putEvent(h, h.alice, uid: "own", start: "20250310T080000Z", end: "20250310T083000Z")
        let attendees = ["mailto:Bob@Example.com", "mailto:nobody@example.com", "mailto:carol@elsewhere.org",
                         "/principals/alice/", "mailto:bob@example.com"]
        let replies = try Self.replies(await Self.post(h, Self.request(attendees: attendees)))
        // The repeated Bob (addresses compare case-insensitively) is answered once.
        #expect(replies.map(\.recipient) == Array(attendees.prefix(4)))
        #expect(replies.map(\.status) == ["2.0;Success", "3.7;Invalid calendar user", "3.7;Invalid calendar user",
                                          "2.0;Success"])
        #expect(replies[1].calendarData == nil && replies[2].calendarData == nil)
        #expect(try replies[0].periods().isEmpty)
        #expect(try replies[3].periods() == ["BUSY 20250310T080000Z/20250310T083000Z"])
    }

    /// A request without UID is answered without one (RFC 5546 §3.3.2: UID is optional in a VFREEBUSY REQUEST).
    @Test func organizerByPrincipalURLAndNoUID() async throws {
        let h = try await ServiceHarness()
        let body = Self.request(organizer: "/principals/alice/", attendees: ["mailto:bob@example.com"], uid: nil)
        let reply = try #require(try Self.replies(await Self.post(h, body)).first)
        #expect(reply.status == "2.0;Success")
        #expect(try reply.freeBusy().property(.uid) == nil)
    }

    @Test func refusalsNameTheirPrecondition() async throws {
        let h = try await ServiceHarness()
        let bob = "mailto:bob@example.com"
        let cases: [(String, XMLName)] = [
            (Self.request(organizer: "mailto:bob@example.com", attendees: [bob]), .calDAV.organizerAllowed),
            (Self.request(organizer: nil, attendees: [bob]), .calDAV.validSchedulingMessage),
            (Self.request(attendees: [bob], start: nil), .calDAV.validSchedulingMessage),
            (Self.request(attendees: [bob], end: nil), .calDAV.validSchedulingMessage),
            (Self.request(attendees: [bob], start: "20250311T000000Z", end: "20250310T000000Z"),
             .calDAV.validSchedulingMessage),
            (Self.request(attendees: [bob], start: "tomorrow"), .calDAV.validSchedulingMessage),
            (Self.request(attendees: [bob], end: "20260701T000000Z"), .calDAV.validSchedulingMessage),
            (Self.request(attendees: [bob], method: "PUBLISH"), .calDAV.validSchedulingMessage),
            (Self.request(attendees: []), .calDAV.recipientSpecified),
            (Self.request(attendees: (0...100).map { "mailto:user\($0)@example.com" }), .calDAV.maxRecipients),
        ]
        for (body, condition) in cases {
            let response = await Self.post(h, body)
            #expect(response.status == 403, "\(condition.local): \(response.status)")
            #expect(try response.condition() == condition)
        }
        // Bob may not ask through Alice's outbox either.
        let foreign = await h.send("POST", "/calendars/alice/outbox/",
                                   headers: [("Content-Type", "text/calendar")],
                                   body: Self.request(organizer: "mailto:bob@example.com", attendees: [bob]), as: h.bob)
        #expect(foreign.status == 403)
        // Not iCalendar: PostMethod refuses it before it reaches the lookup; truncated iCalendar is read leniently
        // and then lacks what a request needs.
        #expect(await Self.post(h, "no calendar here").status == 400)
        let truncated = await Self.post(h, "BEGIN:VCALENDAR\r\nBEGIN:VFREEBUSY\r\n")
        #expect(truncated.status == 403)
        #expect(try truncated.condition() == .calDAV.validSchedulingMessage)
    }
}
