import CalDAV
import CalendarStore
import DAVXML
import Testing
import WebDAV

/// Another user's calendar over CalDAV, role by role: what each method and report answers, that a refusal is 403
/// with DAV:need-privileges and changes nothing, that a revoked grant is refused on the next request, and that a
/// sharee never receives a word of a private event but its time.
/// Spec: RFC 3744 §7.1.1, RFC 4791 §6.1.1, RFC 5545 §3.8.1.3.
@Suite struct SharedCalendarAccessTests {
    static let calendar = "/calendars/alice/calendar/"
    static let secrets = ["Salary review", "Room 101", "Bring the contract"]

    static let queryBody = """
        <?xml version="1.0" encoding="utf-8"?><C:calendar-query xmlns:D="DAV:" xmlns:C="urn:ietf:params:xml:ns:caldav">\
        <D:prop><D:getetag/><C:calendar-data/></D:prop><C:filter><C:comp-filter name="VCALENDAR">\
        <C:comp-filter name="VEVENT"><C:time-range start="20250301T000000Z" end="20250401T000000Z"/></C:comp-filter>\
        </C:comp-filter></C:filter></C:calendar-query>
        """
    static let searchBody = """
        <?xml version="1.0" encoding="utf-8"?><C:calendar-query xmlns:D="DAV:" xmlns:C="urn:ietf:params:xml:ns:caldav">\
        <D:prop><D:getetag/></D:prop><C:filter><C:comp-filter name="VCALENDAR"><C:comp-filter name="VEVENT">\
        <C:prop-filter name="DESCRIPTION"><C:text-match>contract</C:text-match></C:prop-filter></C:comp-filter>\
        </C:comp-filter></C:filter></C:calendar-query>
        """
    static let multigetBody = """
        <?xml version="1.0" encoding="utf-8"?><C:calendar-multiget xmlns:D="DAV:" xmlns:C="urn:ietf:params:xml:ns:caldav">\
        <D:prop><D:getetag/><C:calendar-data/></D:prop><D:href>/calendars/alice/calendar/private.ics</D:href>\
        <D:href>/calendars/alice/calendar/public.ics</D:href></C:calendar-multiget>
        """
    static let syncBody = """
        <?xml version="1.0" encoding="utf-8"?><D:sync-collection xmlns:D="DAV:" xmlns:C="urn:ietf:params:xml:ns:caldav">\
        <D:sync-token/><D:sync-level>1</D:sync-level><D:prop><D:getetag/><C:calendar-data/></D:prop></D:sync-collection>
        """
    static let freeBusyBody = """
        <?xml version="1.0" encoding="utf-8"?><C:free-busy-query xmlns:C="urn:ietf:params:xml:ns:caldav">\
        <C:time-range start="20250301T000000Z" end="20250401T000000Z"/></C:free-busy-query>
        """
    static let propfindBody = """
        <?xml version="1.0" encoding="utf-8"?><D:propfind xmlns:D="DAV:" xmlns:C="urn:ietf:params:xml:ns:caldav">\
        <D:prop><D:getetag/><C:calendar-data/></D:prop></D:propfind>
        """

    /// Alice's calendar with a private and a public event, and bob holding `role` (nil: no grant).
    static func harness(role: CalendarRole?) async throws -> ServiceHarness {
        let h = try await ServiceHarness()
        _ = await h.put(calendar + "private.ics", ICS.event(uid: "private", summary: "Salary review",
                                                            extra: "CLASS:PRIVATE\r\nLOCATION:Room 101\r\nDESCRIPTION:Bring the contract\r\n"))
        _ = await h.put(calendar + "public.ics", ICS.event(uid: "public", summary: "Standup",
                                                           start: "20250311T090000Z", end: "20250311T091500Z"))
        if let role {
            let record = try #require(try await h.store.calendar(ownerID: h.alice.id, slug: "calendar"))
            _ = try await h.store.setGrant(calendarID: record.id, grantee: .user(h.bob.id), role: role, state: .accepted,
                                           grantedBy: h.alice.id)
        }
        return h
    }

    static let proppatchBody = """
        <?xml version="1.0" encoding="utf-8"?><D:propertyupdate xmlns:D="DAV:"><D:set><D:prop>\
        <D:displayname>Mine now</D:displayname></D:prop></D:set></D:propertyupdate>
        """

    @Test func aSharedPrivateEventIsABusyBlockAndTheOwnerSeesItWhole() async throws {
        let h = try await Self.harness(role: .read)
        let shared = await h.send("GET", Self.calendar + "private.ics", as: h.bob)
        #expect(shared.text.contains("SUMMARY:Busy") && shared.text.contains("DTSTART:20250310T090000Z"))
        let own = await h.send("GET", Self.calendar + "private.ics")
        for secret in Self.secrets { #expect(own.text.contains(secret)) }
        // The search does not find the private event's description for the sharee; it does for the owner.
        let search = await h.send("REPORT", Self.calendar, headers: [("Depth", "1")], body: Self.searchBody, as: h.bob)
        #expect(!search.text.contains("private.ics"))
        let ownSearch = await h.send("REPORT", Self.calendar, headers: [("Depth", "1")], body: Self.searchBody)
        #expect(ownSearch.text.contains("private.ics"))
        // A public event reaches the sharee whole.
        let query = await h.send("REPORT", Self.calendar, headers: [("Depth", "1")], body: Self.queryBody, as: h.bob)
        #expect(query.text.contains("SUMMARY:Standup") && query.text.contains("SUMMARY:Busy"))
    }

    @Test func aRevokedGrantIsRefusedOnTheNextRequest() async throws {
        let h = try await Self.harness(role: .read)
        #expect(await h.send("GET", Self.calendar + "public.ics", as: h.bob).status == 200)
        let record = try #require(try await h.store.calendar(ownerID: h.alice.id, slug: "calendar"))
        try await h.store.revokeGrant(calendarID: record.id, grantee: .user(h.bob.id))
        let refused = await h.send("GET", Self.calendar + "public.ics", as: h.bob)
        #expect(refused.status == 403 && refused.text.contains("need-privileges"))
        // The body names the resource and the privilege (RFC 3744 §7.1.1).
        let resource = try #require(try refused.xml().first(.dav.needPrivileges)?.first(.dav.resource))
        #expect(resource.first(.dav.href)?.text == Self.calendar + "public.ics")
        #expect(resource.first(.dav.privilege)?.first(.dav.read) != nil)
    }

    @Test func oneSharedEventIsReadableAndNothingElseIs() async throws {
        let h = try await Self.harness(role: nil)
        let record = try #require(try await h.store.calendar(ownerID: h.alice.id, slug: "calendar"))
        _ = try await h.store.setObjectGrant(calendarID: record.id, objectName: "public.ics", userID: h.bob.id,
                                             role: .read, grantedBy: h.alice.id)
        #expect(await h.send("GET", Self.calendar + "public.ics", as: h.bob).status == 200)
        #expect(await h.send("GET", Self.calendar + "private.ics", as: h.bob).status == 403)
        #expect(await h.send("PROPFIND", Self.calendar, headers: [("Depth", "1")], as: h.bob).status == 403)
        #expect(await h.send("DELETE", Self.calendar + "public.ics", as: h.bob).status == 403)
    }

    static let mount = "/calendars/bob/calendar_shared_by_alice/"

    /// A shared calendar appears in the sharee's own home, as Nextcloud mounts it, with every href inside that home.
    @Test func aSharedCalendarIsMountedInTheShareesHome() async throws {
        let h = try await Self.harness(role: .read)
        let home = await h.send("PROPFIND", "/calendars/bob/", headers: [("Depth", "1")], body: """
            <?xml version="1.0" encoding="utf-8"?><D:propfind xmlns:D="DAV:"><D:prop><D:resourcetype/><D:owner/>\
            <D:displayname/><D:current-user-privilege-set/></D:prop></D:propfind>
            """, as: h.bob)
        let listed = try home.properties()
        let mounted = try #require(listed[Self.mount], "\(listed.keys.sorted())")
        #expect(mounted[.dav.resourcetype]?.first(.calDAV.calendar) != nil)
        #expect(mounted[.dav.owner]?.first(.dav.href)?.text == "/principals/alice/")
        let privileges = mounted[.dav.currentUserPrivilegeSet]?.all(.dav.privilege).flatMap(\.elements).map(\.name) ?? []
        #expect(privileges.contains(.dav.read) && !privileges.contains(.dav.write) && !privileges.contains(.dav.writeContent),
                "\(privileges)")
        // Its members, reports and objects answer under the mount.
        let members = try await h.send("PROPFIND", Self.mount, headers: [("Depth", "1")], body: Self.propfindBody,
                                       as: h.bob).properties()
        #expect(members.keys.contains(Self.mount + "public.ics") && members.keys.contains(Self.mount + "private.ics"))
        let get = await h.send("GET", Self.mount + "private.ics", as: h.bob)
        #expect(get.status == 200 && get.text.contains("SUMMARY:Busy"))
        let multiget = await h.send("REPORT", Self.mount, headers: [("Depth", "1")],
                                    body: Self.multigetBody.replacingOccurrences(of: Self.calendar, with: Self.mount), as: h.bob)
        #expect(try multiget.properties().count == 2 && !multiget.text.contains(" 404 "))
        let query = await h.send("REPORT", Self.mount, headers: [("Depth", "1")], body: Self.queryBody, as: h.bob)
        #expect(query.text.contains(Self.mount + "public.ics"))
        for secret in Self.secrets {
            for response in [members.description, get.text, multiget.text, query.text] { #expect(!response.contains(secret)) }
        }
        // Writing through the mount is refused like writing at the owner's URL.
        for (method, path) in [("PUT", Self.mount + "new.ics"), ("DELETE", Self.mount + "public.ics"),
                               ("PROPPATCH", Self.calendar), ("DELETE", Self.calendar)] {
            let body = method == "PUT" ? ICS.event(uid: "new") : method == "PROPPATCH" ? Self.proppatchBody : ""
            let response = await h.send(method, path, headers: [("Content-Type", "text/calendar")], body: body, as: h.bob)
            #expect(response.status == 403 && response.text.contains("need-privileges"), "\(method) \(path) \(response.status) \(response.text)")
        }
        #expect(await h.send("GET", Self.calendar + "new.ics").status == 404)
    }

    @Test func onlyReadableAcceptedSharesAreMounted() async throws {
        for role in [CalendarRole?.none, .freeBusy] {
            let h = try await Self.harness(role: role)
            let home = try await h.send("PROPFIND", "/calendars/bob/", headers: [("Depth", "1")], as: h.bob).properties()
            #expect(home[Self.mount] == nil, "\(String(describing: role))")
            #expect(await h.send("GET", Self.mount + "public.ics", as: h.bob).status == 403)
        }
        let h = try await Self.harness(role: .read)
        let record = try #require(try await h.store.calendar(ownerID: h.alice.id, slug: "calendar"))
        _ = try await h.store.setGrant(calendarID: record.id, grantee: .user(h.bob.id), role: .read, state: .invited,
                                       grantedBy: h.alice.id)
        #expect(try await h.send("PROPFIND", "/calendars/bob/", headers: [("Depth", "1")], as: h.bob).properties()[Self.mount] == nil)
        // A mount slug that names no share cannot be taken by a new calendar either.
        #expect(await h.send("MKCALENDAR", "/calendars/bob/other_shared_by_alice/", as: h.bob).status == 403)
    }

    @Test func theShareesOwnNameAndColourShowOnTheMount() async throws {
        let h = try await Self.harness(role: .read)
        let record = try #require(try await h.store.calendar(ownerID: h.alice.id, slug: "calendar"))
        try await h.store.setShareePresentation(calendarID: record.id, userID: h.bob.id, displayName: "Alice's work",
                                                color: "#00FF00")
        let mounted = try #require(try await h.send("PROPFIND", Self.mount, headers: [("Depth", "0")], as: h.bob)
            .properties()[Self.mount])
        #expect(mounted[.dav.displayname]?.text == "Alice's work")
        #expect(try await h.store.calendar(id: record.id)?.displayName != "Alice's work", "the owner's name is unchanged")
    }

    /// On the mount a sharee renames and recolours the calendar for themselves, and deleting it leaves the share;
    /// nothing of the owner's changes.
    @Test func theShareeManagesTheirMount() async throws {
        let h = try await Self.harness(role: .read)
        let record = try #require(try await h.store.calendar(ownerID: h.alice.id, slug: "calendar"))
        let patch = """
            <?xml version="1.0" encoding="utf-8"?><D:propertyupdate xmlns:D="DAV:" xmlns:A="http://apple.com/ns/ical/">\
            <D:set><D:prop><D:displayname>Alice at work</D:displayname><A:calendar-color>#112233</A:calendar-color>\
            </D:prop></D:set></D:propertyupdate>
            """
        #expect(await h.send("PROPPATCH", Self.mount, body: patch, as: h.bob).status == 207)
        #expect(try await h.store.shareePresentation(calendarID: record.id, userID: h.bob.id)
            == ShareePresentation(calendarID: record.id, userID: h.bob.id, displayName: "Alice at work", color: "#112233"))
        #expect(try await h.store.calendar(id: record.id)?.displayName == record.displayName)
        #expect(try await h.store.calendar(id: record.id)?.color == record.color)
        // Anything else would change the owner's calendar: refused, and nothing of the request applied.
        let other = """
            <?xml version="1.0" encoding="utf-8"?><D:propertyupdate xmlns:D="DAV:" xmlns:C="urn:ietf:params:xml:ns:caldav">\
            <D:set><D:prop><D:displayname>Mine</D:displayname><C:calendar-description>x</C:calendar-description>\
            </D:prop></D:set></D:propertyupdate>
            """
        let refused = await h.send("PROPPATCH", Self.mount, body: other, as: h.bob)
        #expect(refused.status == 207 && refused.text.contains("403") && refused.text.contains("424"))
        #expect(try await h.store.shareePresentation(calendarID: record.id, userID: h.bob.id)?.displayName == "Alice at work")
        // Deleting the mount declines the share; the owner's calendar and events stay.
        #expect(await h.send("DELETE", Self.mount, as: h.bob).status == 204)
        #expect(try await h.store.grants(calendarID: record.id).first?.state == .declined)
        #expect(await h.send("GET", Self.mount + "public.ics", as: h.bob).status == 403)
        #expect(await h.send("GET", Self.calendar + "public.ics").status == 200)
    }

    @Test func aGroupShareIsTheGroupsToEnd() async throws {
        let h = try await Self.harness(role: nil)
        let record = try #require(try await h.store.calendar(ownerID: h.alice.id, slug: "calendar"))
        let team = try await h.store.createGroup(NewGroup(name: "team"))
        try await h.store.addMember(groupID: team.id, userID: h.bob.id)
        _ = try await h.store.setGrant(calendarID: record.id, grantee: .group(team.id), role: .read, state: .accepted,
                                       grantedBy: h.alice.id)
        let refused = await h.send("DELETE", Self.mount, as: h.bob)
        #expect(refused.status == 403 && refused.text.contains("need-privileges"))
        #expect(try await h.store.calendar(id: record.id) != nil)
        #expect(await h.send("GET", Self.mount + "public.ics", as: h.bob).status == 200)
    }

    /// DAV:current-user-privilege-set tells each sharee's client what the role allows, so read-only calendars show
    /// as such and writable ones can be edited (RFC 3744 §5.4, RFC 4791 §6.1.1).
    @Test(arguments: [(CalendarRole.freeBusy, ["read-free-busy"]),
                      (.read, ["read", "read-current-user-privilege-set"]),
                      (.write, ["read", "read-current-user-privilege-set", "write-content", "bind", "unbind"]),
                      (.manage, ["write", "read", "read-current-user-privilege-set", "write-content", "bind", "unbind",
                                 "write-properties", "read-acl", "write-acl"])])
    func theCurrentUserPrivilegeSetFollowsTheRole(_ role: CalendarRole, _ expected: [String]) async throws {
        let h = try await Self.harness(role: role)
        let body = """
            <?xml version="1.0" encoding="utf-8"?><D:propfind xmlns:D="DAV:"><D:prop><D:current-user-privilege-set/>\
            </D:prop></D:propfind>
            """
        let response = await h.send("PROPFIND", Self.calendar, headers: [("Depth", "0")], body: body, as: h.bob)
        if role == .freeBusy {
            #expect(response.status == 403, "PROPFIND needs DAV:read")
            return
        }
        let set = try #require(try response.properties()[Self.calendar]?[.dav.currentUserPrivilegeSet])
        let names = set.all(.dav.privilege).flatMap(\.elements).map(\.name.local)
        #expect(Set(names) == Set(expected), "\(names)")
        // On an object, bind and unbind (privileges of a collection) are not listed.
        let object = await h.send("PROPFIND", Self.calendar + "public.ics", headers: [("Depth", "0")], body: body, as: h.bob)
        let objectSet = try #require(try object.properties()[Self.calendar + "public.ics"]?[.dav.currentUserPrivilegeSet])
        let objectNames = objectSet.all(.dav.privilege).flatMap(\.elements).map(\.name.local)
        #expect(!objectNames.contains("bind") && objectNames.contains("read"))
    }
}
