import CalDAV
import CalendarStore
import DAVXML
import Testing
import WebDAV

/// The generated matrix of issue 12: every way of reaching alice's calendar (nothing, each role, a group's grant,
/// ownership, a grant of one event, read and write delegation) × every method and report on the calendar and on an object → allowed and done,
/// or 403 with DAV:need-privileges and nothing changed. Each cell runs on a fresh calendar, so an allowed write is
/// checked for its effect and a refusal for leaving everything as it was. The expectations are written out here,
/// not derived from the server's own rule.
/// Spec: RFC 3744 §7.1.1 and Appendix B, RFC 4791 §6.1.1, RFC 4918 §9.8–9.9.
@Suite struct SharedCalendarMatrixTests {
    static let calendar = SharedCalendarAccessTests.calendar

    enum Who: String, CaseIterable, CustomTestStringConvertible, Sendable {
        case nobody, freeBusy, read, write, manage, owner, groupWrite, eventRead, eventWrite, proxyRead, proxyWrite
        var testDescription: String { rawValue }
    }

    struct Cell: Sendable {
        let name: String
        let method: String
        /// `{mine}` stands for a calendar of the requesting user's own (not alice's shared one).
        let path: String
        var headers: [(String, String)] = []
        var body: String = ""
        let allowed: Set<Who>
    }

    static let readers: Set<Who> = [.read, .write, .manage, .owner, .groupWrite, .proxyRead, .proxyWrite]
    static let writers: Set<Who> = [.write, .manage, .owner, .groupWrite, .proxyWrite]

    static let cells: [Cell] = [
        Cell(name: "GET object", method: "GET", path: calendar + "public.ics",
             allowed: readers.union([.eventRead, .eventWrite])),
        Cell(name: "GET private object", method: "GET", path: calendar + "private.ics", allowed: readers),
        Cell(name: "GET calendar", method: "GET", path: calendar, allowed: readers),
        Cell(name: "PROPFIND", method: "PROPFIND", path: calendar, headers: [("Depth", "1")],
             body: SharedCalendarAccessTests.propfindBody, allowed: readers),
        Cell(name: "calendar-query", method: "REPORT", path: calendar, headers: [("Depth", "1")],
             body: SharedCalendarAccessTests.queryBody, allowed: readers),
        Cell(name: "text search", method: "REPORT", path: calendar, headers: [("Depth", "1")],
             body: SharedCalendarAccessTests.searchBody, allowed: readers),
        Cell(name: "multiget", method: "REPORT", path: calendar, headers: [("Depth", "1")],
             body: SharedCalendarAccessTests.multigetBody, allowed: readers),
        Cell(name: "sync-collection", method: "REPORT", path: calendar, body: SharedCalendarAccessTests.syncBody,
             allowed: readers),
        Cell(name: "free-busy-query", method: "REPORT", path: calendar, headers: [("Depth", "1")],
             body: SharedCalendarAccessTests.freeBusyBody, allowed: readers.union([.freeBusy])),
        Cell(name: "PUT new", method: "PUT", path: calendar + "new.ics", headers: [("Content-Type", "text/calendar")],
             body: ICS.event(uid: "new", summary: "Added"), allowed: writers),
        Cell(name: "PUT over", method: "PUT", path: calendar + "public.ics", headers: [("Content-Type", "text/calendar")],
             body: ICS.event(uid: "public", summary: "Standup moved", start: "20250311T100000Z",
                             end: "20250311T101500Z"),
             allowed: writers.union([.eventWrite])),
        Cell(name: "DELETE object", method: "DELETE", path: calendar + "public.ics", allowed: writers),
        Cell(name: "MOVE out", method: "MOVE", path: calendar + "public.ics",
             headers: [("Destination", "{mine}moved.ics")], allowed: writers),
        Cell(name: "COPY out", method: "COPY", path: calendar + "public.ics",
             headers: [("Destination", "{mine}copied.ics")],
             allowed: readers.union([.eventRead, .eventWrite])),
        Cell(name: "MOVE in", method: "MOVE", path: "{mine}mine.ics",
             headers: [("Destination", calendar + "moved-in.ics")], allowed: writers),
        Cell(name: "PROPPATCH", method: "PROPPATCH", path: calendar, body: SharedCalendarAccessTests.proppatchBody,
             allowed: [.manage, .owner, .proxyWrite]),
        Cell(name: "DELETE calendar", method: "DELETE", path: calendar, allowed: [.owner]),
        Cell(name: "MKCALENDAR", method: "MKCALENDAR", path: "/calendars/alice/extra/", allowed: [.owner]),
        Cell(name: "PROPFIND home", method: "PROPFIND", path: "/calendars/alice/", headers: [("Depth", "1")],
             allowed: [.owner, .proxyRead, .proxyWrite]),
    ]

    /// Alice's calendar (a private and a public event) reached by `who`; the user who asks, and their own event
    /// `mine.ics` for the MOVE into alice's calendar.
    static func harness(_ who: Who) async throws -> (ServiceHarness, User) {
        let h = try await SharedCalendarAccessTests.harness(role: nil)
        let record = try #require(try await h.store.calendar(ownerID: h.alice.id, slug: "calendar"))
        let role: CalendarRole? = switch who {
        case .freeBusy: .freeBusy
        case .read: .read
        case .write: .write
        case .manage: .manage
        default: nil
        }
        if let role {
            _ = try await h.store.setGrant(calendarID: record.id, grantee: .user(h.bob.id), role: role,
                                           state: .accepted, grantedBy: h.alice.id)
        }
        switch who {
        case .groupWrite:
            let team = try await h.store.createGroup(NewGroup(name: "team"))
            try await h.store.addMember(groupID: team.id, userID: h.bob.id)
            _ = try await h.store.setGrant(calendarID: record.id, grantee: .group(team.id), role: .write,
                                           state: .accepted, grantedBy: h.alice.id)
        case .proxyRead, .proxyWrite:
            try await h.store.setDelegation(ownerID: h.alice.id, delegateID: h.bob.id,
                                            mode: who == .proxyWrite ? .write : .read)
        case .eventRead, .eventWrite:
            _ = try await h.store.setObjectGrant(calendarID: record.id, objectName: "public.ics", userID: h.bob.id,
                                                 role: who == .eventRead ? .read : .write, grantedBy: h.alice.id)
        default: break
        }
        let asker = who == .owner ? h.alice : h.bob
        if who == .owner { #expect(await h.send("MKCALENDAR", ownCalendar(asker)).status == 201) }
        let mine = await h.send("PUT", ownCalendar(asker) + "mine.ics",
                                headers: [("Content-Type", "text/calendar")],
                                body: ICS.event(uid: "mine", summary: "My own"), as: asker)
        #expect(mine.status == 201)
        return (h, asker)
    }

    /// A calendar of `user`'s own other than alice's shared one.
    static func ownCalendar(_ user: User) -> String {
        user.name == "alice" ? "/calendars/alice/other/" : "/calendars/\(user.name)/calendar/"
    }

    struct Snapshot: Equatable {
        let etags: [String: String]
        let displayName: String?
    }

    static func snapshot(_ h: ServiceHarness) async throws -> Snapshot {
        let record = try #require(try await h.store.calendar(ownerID: h.alice.id, slug: "calendar"))
        let objects = try await h.store.objectSummaries(calendarID: record.id)
        return Snapshot(etags: Dictionary(uniqueKeysWithValues: objects.map { ($0.name, $0.etag.value) }),
                        displayName: record.displayName)
    }

    @Test(arguments: Who.allCases)
    func everyOperationIsAnsweredAsTheRoleAllows(_ who: Who) async throws {
        for cell in Self.cells {
            let (h, asker) = try await Self.harness(who)
            let before = try await Self.snapshot(h)
            let me = { (text: String) in text.replacingOccurrences(of: "{mine}", with: Self.ownCalendar(asker)) }
            let response = await h.send(cell.method, me(cell.path),
                                        headers: cell.headers.map { ($0.0, me($0.1)) }, body: cell.body, as: asker)
            let label = "\(cell.name) as \(who.rawValue)"
            if cell.allowed.contains(who) {
                #expect((200..<300).contains(response.status), "\(label): \(response.status) \(response.text)")
                try await Self.expectEffect(of: cell, on: h, asker: asker, before: before, label: label)
            } else {
                #expect(response.status == 403, "\(label): \(response.status) \(response.text)")
                let refusal = try? response.xml().first(.dav.needPrivileges)?.first(.dav.resource)
                #expect(refusal?.first(.dav.href) != nil && refusal?.first(.dav.privilege) != nil,
                        "\(label): \(response.text)")
                #expect(try await Self.snapshot(h) == before, "\(label): a refused request changed the calendar")
            }
            // Nobody but the owner and a write delegate receives a word of the private event but its time; nobody
            // without read (or a grant of that event) receives the public event's title.
            if who != .owner && who != .proxyWrite {
                for secret in SharedCalendarAccessTests.secrets {
                    #expect(!response.text.contains(secret), "\(label) leaked '\(secret)'")
                }
            }
            if who == .nobody || who == .freeBusy {
                #expect(!response.text.contains("Standup"), "\(label) leaked a title")
            }
        }
    }

    /// What an allowed write must have done.
    static func expectEffect(of cell: Cell, on h: ServiceHarness, asker: User, before: Snapshot, label: String)
        async throws {
        if cell.name == "DELETE calendar" {
            #expect(try await h.store.calendar(ownerID: h.alice.id, slug: "calendar") == nil, "\(label)")
            return
        }
        let after = try await snapshot(h)
        let ownSlug = ownCalendar(asker).split(separator: "/").last.map(String.init) ?? ""
        let own = try #require(try await h.store.calendar(ownerID: asker.id, slug: ownSlug))
        let inOwn = { (name: String) async throws -> Bool in try await h.store.object(calendarID: own.id, name: name) != nil }
        switch cell.name {
        case "PUT new": #expect(after.etags["new.ics"] != nil, "\(label)")
        case "PUT over": #expect(after.etags["public.ics"] != before.etags["public.ics"], "\(label)")
        case "DELETE object": #expect(after.etags["public.ics"] == nil, "\(label)")
        case "MOVE out":
            #expect(after.etags["public.ics"] == nil, "\(label)")
            #expect(try await inOwn("moved.ics"), "\(label)")
        case "COPY out":
            #expect(after.etags["public.ics"] == before.etags["public.ics"], "\(label)")
            #expect(try await inOwn("copied.ics"), "\(label)")
        case "MOVE in": #expect(after.etags["moved-in.ics"] != nil, "\(label)")
        case "PROPPATCH": #expect(after.displayName == "Mine now", "\(label)")
        case "MKCALENDAR":
            #expect(try await h.store.calendar(ownerID: h.alice.id, slug: "extra") != nil, "\(label)")
        default: #expect(after == before, "\(label): a read changed the calendar")
        }
    }
}
