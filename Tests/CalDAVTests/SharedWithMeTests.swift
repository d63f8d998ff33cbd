import CalDAV
import CalendarStore
import DAVXML
import Testing
import WebDAV

/// One event shared on its own appears in the grantee's "Shared with me" calendar, readable (or writable) as the
/// grant allows, and nothing else of the owner's calendar does.
@Suite struct SharedWithMeTests {
    static let calendar = SharedCalendarAccessTests.calendar
    static let collection = "/calendars/bob/shared-with-me/"

    static func harness(role: CalendarRole, object: String = "public.ics") async throws -> (ServiceHarness, String) {
        let h = try await SharedCalendarAccessTests.harness(role: nil)
        let record = try #require(try await h.store.calendar(ownerID: h.alice.id, slug: "calendar"))
        _ = try await h.store.setObjectGrant(calendarID: record.id, objectName: object, userID: h.bob.id, role: role,
                                             grantedBy: h.alice.id)
        return (h, collection + "\(record.id)-\(object)")
    }

    @Test func theEventAppearsInSharedWithMeAndNothingElseDoes() async throws {
        let h0 = try await SharedCalendarAccessTests.harness(role: nil)
        #expect(try await h0.send("PROPFIND", "/calendars/bob/", headers: [("Depth", "1")], as: h0.bob).properties()[Self.collection] == nil,
                "no calendar while nothing is shared")
        let (h, entry) = try await Self.harness(role: .read)
        let home = try await h.send("PROPFIND", "/calendars/bob/", headers: [("Depth", "1")], body: """
            <?xml version="1.0" encoding="utf-8"?><D:propfind xmlns:D="DAV:"><D:prop><D:resourcetype/><D:displayname/>\
            <D:current-user-privilege-set/></D:prop></D:propfind>
            """, as: h.bob).properties()
        let listed = try #require(home[Self.collection])
        #expect(listed[.dav.displayname]?.text == "Shared with me")
        #expect(listed[.dav.resourcetype]?.first(.calDAV.calendar) != nil)
        let privileges = listed[.dav.currentUserPrivilegeSet]?.all(.dav.privilege).flatMap(\.elements).map(\.name) ?? []
        #expect(privileges.contains(.dav.read) && !privileges.contains(.dav.bind))

        let members = await h.send("PROPFIND", Self.collection, headers: [("Depth", "1")], body: SharedCalendarAccessTests.propfindBody,
                                   as: h.bob)
        let entries = try members.properties()
        #expect(Set(entries.keys) == [Self.collection, entry], "\(entries.keys)")
        let owners = await h.send("PROPFIND", Self.calendar + "public.ics", headers: [("Depth", "0")],
                                  body: SharedCalendarAccessTests.propfindBody)
        #expect(entries[entry]?[.dav.getetag]?.text == (try owners.properties()[Self.calendar + "public.ics"]?[.dav.getetag]?.text))
        let get = await h.send("GET", entry, as: h.bob)
        #expect(get.status == 200 && get.text.contains("SUMMARY:Standup"))
        let query = await h.send("REPORT", Self.collection, headers: [("Depth", "1")], body: SharedCalendarAccessTests.queryBody,
                                 as: h.bob)
        #expect(try query.hrefs() == [entry], "\(query.text)")
        let multiget = await h.send("REPORT", Self.collection, headers: [("Depth", "1")], body: """
            <?xml version="1.0" encoding="utf-8"?><C:calendar-multiget xmlns:D="DAV:" xmlns:C="urn:ietf:params:xml:ns:caldav">\
            <D:prop><D:getetag/><C:calendar-data/></D:prop><D:href>\(entry)</D:href>\
            <D:href>\(entry.replacingOccurrences(of: "public", with: "private"))</D:href></C:calendar-multiget>
            """, as: h.bob)
        #expect(multiget.text.contains("SUMMARY:Standup") && multiget.text.contains("404"), "\(multiget.text)")
        for response in [members.text, get.text, query.text, multiget.text] {
            for secret in SharedCalendarAccessTests.secrets { #expect(!response.contains(secret)) }
        }
        // Read only: no change, no deletion, no addition.
        #expect(await h.send("PUT", entry, headers: [("Content-Type", "text/calendar")],
                             body: ICS.event(uid: "public", summary: "Changed"), as: h.bob).status == 403)
        #expect(await h.send("DELETE", entry, as: h.bob).status == 403)
        #expect(await h.send("PUT", Self.collection + "new.ics", headers: [("Content-Type", "text/calendar")],
                             body: ICS.event(uid: "new"), as: h.bob).status == 403)
        // Revoked: gone at once.
        let record = try #require(try await h.store.calendar(ownerID: h.alice.id, slug: "calendar"))
        try await h.store.revokeObjectGrant(calendarID: record.id, objectName: "public.ics", userID: h.bob.id)
        #expect(await h.send("GET", entry, as: h.bob).status == 404)
    }

    @Test func aWriteGrantChangesTheOwnersEvent() async throws {
        let (h, entry) = try await Self.harness(role: .write)
        let put = await h.send("PUT", entry, headers: [("Content-Type", "text/calendar")],
                               body: ICS.event(uid: "public", summary: "Standup, moved", start: "20250311T100000Z",
                                               end: "20250311T101500Z"), as: h.bob)
        #expect(put.status == 204, "\(put.text)")
        #expect(await h.send("GET", Self.calendar + "public.ics").text.contains("SUMMARY:Standup, moved"))
        let delete = await h.send("DELETE", entry, as: h.bob)
        #expect(delete.status == 403 && delete.text.contains("unbind"))
    }

    @Test func aPrivateEventSharedAloneIsStillABusyBlock() async throws {
        let (h, entry) = try await Self.harness(role: .read, object: "private.ics")
        let get = await h.send("GET", entry, as: h.bob)
        #expect(get.status == 200 && get.text.contains("SUMMARY:Busy"))
        for secret in SharedCalendarAccessTests.secrets { #expect(!get.text.contains(secret)) }
    }
}
