import CalDAV
import Testing
import WebDAV

/// OPTIONS and every 405 list the methods of the target resource, not one list for every URL.
/// Spec: RFC 9110 §10.2.1 (Allow), §15.5.6 (405 carries Allow), RFC 4918 §9.3.1 (MKCOL on an existing resource).
struct ServiceAllowTests {
    static let object = "/calendars/alice/calendar/meeting.ics"

    private func allow(_ response: DAVResponse) -> [String] {
        (response.headers["Allow"] ?? "").split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
    }

    @Test func optionsListsWhatEachResourceSupports() async throws {
        let h = try await ServiceHarness()
        #expect(await h.put(Self.object, ICS.event(uid: "allow")).status == 201)
        let expected: [(String, [String])] = [
            ("/", ["OPTIONS", "GET", "HEAD", "PROPFIND", "PROPPATCH", "REPORT"]),
            ("/principals/alice/", ["OPTIONS", "PROPFIND", "PROPPATCH", "REPORT"]),
            ("/calendars/alice/", ["OPTIONS", "PROPFIND", "PROPPATCH", "REPORT", "POST"]),
            ("/calendars/alice/calendar/", ["OPTIONS", "GET", "HEAD", "DELETE", "PROPFIND", "PROPPATCH", "REPORT", "POST", "ACL"]),
            ("/calendars/alice/inbox/", ["OPTIONS", "GET", "HEAD", "PROPFIND", "PROPPATCH", "REPORT", "POST"]),
            ("/calendars/alice/outbox/", ["OPTIONS", "PROPFIND", "PROPPATCH", "REPORT", "POST"]),
            (Self.object, ["OPTIONS", "GET", "HEAD", "PUT", "DELETE", "PROPFIND", "PROPPATCH", "REPORT", "MOVE", "COPY", "ACL"]),
            ("/calendars/alice/calendar/new.ics", ["OPTIONS", "PUT"]),
            ("/calendars/alice/new-calendar/", ["OPTIONS", "MKCALENDAR", "MKCOL"]),
        ]
        for (path, methods) in expected {
            let response = await h.send("OPTIONS", path)
            #expect(response.status == 200, "\(path)")
            #expect(allow(response) == methods, "\(path)")
            #expect(response.headers["DAV"]?.contains("calendar-access") == true)
        }
    }

    /// Without credentials nothing is looked up: the answer is what any resource at a path of that shape supports.
    @Test func anonymousOptionsRevealsNothingAboutExistence() async throws {
        let h = try await ServiceHarness()
        func anonymous(_ path: String) async -> DAVResponse {
            await h.service.handle(DAVRequest(method: "OPTIONS", path: path.split(separator: "/").map(String.init),
                                              trailingSlash: path.hasSuffix("/"), principal: .anonymous))
        }
        let existing = await anonymous("/calendars/alice/calendar/")
        let missing = await anonymous("/calendars/alice/nothing-here/")
        #expect(existing.status == 200)
        #expect(allow(existing) == allow(missing))
        #expect(allow(existing).contains("MKCALENDAR") && allow(existing).contains("DELETE"))
        #expect(!allow(existing).contains("PUT"))
        #expect(allow(await anonymous("/")) == ["OPTIONS", "GET", "HEAD", "PROPFIND", "PROPPATCH", "REPORT"])
    }

    @Test func every405OffersTheResourcesOwnMethodsAndNeverTheRefusedOne() async throws {
        let h = try await ServiceHarness()
        #expect(await h.put(Self.object, ICS.event(uid: "allow")).status == 201)
        let cases: [(method: String, path: String, allow: [String])] = [
            ("MKCALENDAR", Self.object,
             ["OPTIONS", "GET", "HEAD", "PUT", "DELETE", "PROPFIND", "PROPPATCH", "REPORT", "MOVE", "COPY", "ACL"]),
            ("MKCOL", "/calendars/alice/calendar/",
             ["OPTIONS", "GET", "HEAD", "DELETE", "PROPFIND", "PROPPATCH", "REPORT", "POST", "ACL"]),
            ("PUT", "/calendars/alice/calendar/",
             ["OPTIONS", "GET", "HEAD", "DELETE", "PROPFIND", "PROPPATCH", "REPORT", "POST", "ACL"]),
            ("POST", Self.object,
             ["OPTIONS", "GET", "HEAD", "PUT", "DELETE", "PROPFIND", "PROPPATCH", "REPORT", "MOVE", "COPY", "ACL"]),
            ("GET", "/calendars/alice/", ["OPTIONS", "PROPFIND", "PROPPATCH", "REPORT", "POST"]),
            ("GET", "/calendars/alice/outbox/", ["OPTIONS", "PROPFIND", "PROPPATCH", "REPORT", "POST"]),
            ("LOCK", Self.object,
             ["OPTIONS", "GET", "HEAD", "PUT", "DELETE", "PROPFIND", "PROPPATCH", "REPORT", "MOVE", "COPY", "ACL"]),
            ("LOCK", "/calendars/alice/new.ics/", ["OPTIONS", "MKCALENDAR", "MKCOL"]),
        ]
        for item in cases {
            let body = item.method.hasPrefix("MK") ? "" : "BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n"
            let response = await h.send(item.method, item.path,
                                        headers: [("Content-Type", "text/calendar")], body: body)
            #expect(response.status == 405, "\(item.method) \(item.path)")
            #expect(allow(response) == item.allow, "\(item.method) \(item.path)")
            #expect(!allow(response).contains(item.method), "\(item.method) \(item.path)")
        }
    }
}
