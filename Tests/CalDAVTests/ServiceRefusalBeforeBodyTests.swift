import CalDAV
import CalendarStore
import Testing
import WebDAV

/// What a PUT can be refused for from its headers alone, asked before a client waiting on Expect: 100-continue
/// sends the body. Spec: RFC 9110 §10.1.1.
struct ServiceRefusalBeforeBodyTests {
    static let object = "/calendars/alice/calendar/meeting.ics"

    private func refusal(_ h: ServiceHarness, _ method: String = "PUT", _ path: String = Self.object,
                         headers: [(String, String)] = []) async -> DAVResponse? {
        await h.service.handle(headersOf: method, path, headers: headers, principal: h.alice)
    }

    @Test func theStatusTheWholeRequestWouldGet() async throws {
        let h = try await ServiceHarness()
        #expect(await h.put(Self.object, ICS.event(uid: "early")).status == 201)
        #expect(await refusal(h, headers: [("If-None-Match", "*")])?.status == 412)
        #expect(await refusal(h, headers: [("If-Match", "\"stale\"")])?.status == 412)
        #expect(await refusal(h, "PUT", "/calendars/alice/calendar/new.ics", headers: [("If-Match", "*")])?.status == 412)
        #expect(await refusal(h, "PUT", "/calendars/bob/calendar/x.ics")?.status == 403)
        #expect(await refusal(h, "PUT", "/calendars/alice/missing/x.ics")?.status == 409)
        #expect(await refusal(h, "PUT", "/calendars/alice/calendar/")?.status == 405)
        #expect(await refusal(h, "PUT", "/calendars/alice/inbox/x.ics")?.status == 403)
    }

    @Test func nothingWhenOnlyTheBodyCanDecide() async throws {
        let h = try await ServiceHarness()
        let created = await h.put(Self.object, ICS.event(uid: "early"))
        let etag = try #require(created.headers["ETag"])
        #expect(await refusal(h) == nil)
        #expect(await refusal(h, headers: [("If-Match", etag)]) == nil)
        #expect(await refusal(h, "PUT", "/calendars/alice/calendar/new.ics", headers: [("If-None-Match", "*")]) == nil)
        // Only PUT is checked early; other methods' bodies are small and decide themselves.
        #expect(await refusal(h, "PROPPATCH", "/calendars/bob/") == nil)
    }
}

extension CalDAVService {
    /// `refusalBeforeBody` for a request made of method, path and headers, as the server adapter asks it.
    func handle(headersOf method: String, _ path: String, headers: [(String, String)],
                principal user: User) async -> DAVResponse? {
        await refusalBeforeBody(DAVRequest(method: method, path: path.split(separator: "/").map(String.init),
                                           trailingSlash: path.hasSuffix("/"), headers: DAVHeaders(headers),
                                           principal: DAVPrincipal(userID: user.id, userName: user.name)))
    }
}
