import CalDAV
import CalendarStore
import DAVXML
import Testing
import WebDAV

/// The RFC 3744 view of sharing: DAV:acl lists the grants in force as access control entries, and the ACL method
/// sets them, mapped onto the four roles; what the roles cannot express is refused with the RFC's preconditions
/// and changes nothing.
/// Spec: RFC 3744 §5.3, §5.5–5.7, §8.1, §8.1.1; RFC 4791 §6.1.1.
@Suite struct AccessControlListTests {
    static let calendar = SharedCalendarAccessTests.calendar
    static let aclProps = """
        <?xml version="1.0" encoding="utf-8"?><D:propfind xmlns:D="DAV:"><D:prop><D:acl/><D:acl-restrictions/>\
        <D:inherited-acl-set/><D:supported-privilege-set/></D:prop></D:propfind>
        """

    static func harness() async throws -> (ServiceHarness, CalendarRecord) {
        let h = try await SharedCalendarAccessTests.harness(role: nil)
        _ = try await h.store.createGroup(NewGroup(name: "team"))
        return (h, try #require(try await h.store.calendar(ownerID: h.alice.id, slug: "calendar")))
    }

    static func acl(_ aces: String) -> String {
        "<?xml version=\"1.0\" encoding=\"utf-8\"?><D:acl xmlns:D=\"DAV:\" "
            + "xmlns:C=\"urn:ietf:params:xml:ns:caldav\">\(aces)</D:acl>"
    }

    static func ace(_ principal: String, _ privileges: [String]) -> String {
        "<D:ace><D:principal><D:href>\(principal)</D:href></D:principal><D:grant>"
            + privileges.map { "<D:privilege><\($0)/></D:privilege>" }.joined() + "</D:grant></D:ace>"
    }

    /// (principal href, privilege local names, protected, inherited) of each ACE.
    static func entries(_ acl: XMLElement?) -> [(String, [String], Bool, Bool)] {
        (acl?.all(.dav.ace) ?? []).map { ace in
            (ace.first(.dav.principal)?.first(.dav.href)?.text ?? "",
             ace.first(.dav.grant)?.all(.dav.privilege).flatMap(\.elements).map(\.name.local) ?? [],
             ace.first(.dav.protected) != nil, ace.first(.dav.inherited) != nil)
        }
    }

    @Test func theACLListsTheOwnerAndTheGrantsInForce() async throws {
        let (h, record) = try await Self.harness()
        let team = try #require(try await h.store.group(named: "team"))
        _ = try await h.store.setGrant(calendarID: record.id, grantee: .user(h.bob.id), role: .read, state: .accepted,
                                       grantedBy: h.alice.id)
        _ = try await h.store.setGrant(calendarID: record.id, grantee: .group(team.id), role: .write, state: .accepted,
                                       grantedBy: h.alice.id)
        let props = try #require(try await h.send("PROPFIND", Self.calendar, headers: [("Depth", "0")],
                                                  body: Self.aclProps).properties()[Self.calendar])
        let entries = Self.entries(props[.dav.acl])
        #expect(entries.count == 3)
        #expect(entries.first.map { $0.0 == "/principals/alice/" && $0.1 == ["all"] && $0.2 } == true)
        #expect(entries.contains { $0.0 == "/principals/bob/" && $0.1 == ["read"] && !$0.2 })
        #expect(entries.contains { $0.0 == "/principals/team/" && $0.1 == ["read", "write-content", "bind", "unbind"] })
        #expect(props[.dav.aclRestrictions]?.first(.dav.grantOnly) != nil)
        // CALDAV:read-free-busy is supported, aggregated under DAV:read (RFC 4791 §6.1.1).
        let supported = try #require(props[.dav.supportedPrivilegeSet])
        #expect(XMLWriter.document(supported).count > 0)
        let read = supported.first(XMLName(XMLNamespace.dav, "supported-privilege"))?
            .all(XMLName(XMLNamespace.dav, "supported-privilege"))
            .first { $0.first(.dav.privilege)?.first(.dav.read) != nil }
        #expect(read?.all(XMLName(XMLNamespace.dav, "supported-privilege"))
            .contains { $0.first(.dav.privilege)?.first(.calDAV.readFreeBusy) != nil } == true)
        // A read sharee may not read the ACL.
        let shared = await h.send("PROPFIND", Self.calendar, headers: [("Depth", "0")], body: Self.aclProps, as: h.bob)
        #expect(shared.text.contains("403") && !shared.text.contains("/principals/team/"), "\(shared.text)")
    }

    @Test func theACLMethodSetsTheRolesAtOnce() async throws {
        let (h, record) = try await Self.harness()
        let response = await h.send("ACL", Self.calendar, body: Self.acl(
            Self.ace("/principals/bob/", ["D:read", "D:write-content", "D:bind", "D:unbind"])
                + Self.ace("/principals/team/", ["D:read"])))
        #expect(response.status == 200, "\(response.text)")
        let grants = try await h.store.grants(calendarID: record.id)
        #expect(grants.first { $0.grantee == .user(h.bob.id) }.map { $0.role == .write && $0.state == .accepted } == true)
        #expect(grants.count == 2)
        #expect(await h.put(Self.calendar + "bobs.ics", ICS.event(uid: "bobs")).status == 201)
        let bobPut = await h.send("PUT", Self.calendar + "by-bob.ics", headers: [("Content-Type", "text/calendar")],
                                  body: ICS.event(uid: "by-bob"), as: h.bob)
        #expect(bobPut.status == 201)
        // An ACL without bob ends his access with the next request; DAV:all for a manager is the manage role.
        #expect(await h.send("ACL", Self.calendar, body: Self.acl(Self.ace("/principals/team/", ["D:all"]))).status == 200)
        #expect(await h.send("GET", Self.calendar + "public.ics", as: h.bob).status == 403)
        #expect(try await h.store.grants(calendarID: record.id).map(\.role) == [.manage])
    }

    /// A client may read DAV:acl, change it and send it back whole, the owner's protected entry included.
    @Test func anACLReadBackIsAcceptedUnchanged() async throws {
        let (h, record) = try await Self.harness()
        _ = try await h.store.setGrant(calendarID: record.id, grantee: .user(h.bob.id), role: .freeBusy,
                                       state: .accepted, grantedBy: h.alice.id)
        let props = try #require(try await h.send("PROPFIND", Self.calendar, headers: [("Depth", "0")],
                                                  body: Self.aclProps).properties()[Self.calendar])
        let body = XMLWriter.document(try #require(props[.dav.acl]))
        let response = await h.send("ACL", Self.calendar, bytes: body)
        #expect(response.status == 200, "\(response.text)")
        #expect(try await h.store.grants(calendarID: record.id).map(\.role) == [.freeBusy])
    }

    @Test(arguments: [
        ("deny", "<D:ace><D:principal><D:href>/principals/bob/</D:href></D:principal><D:deny><D:privilege><D:read/></D:privilege></D:deny></D:ace>", "grant-only"),
        ("invert", "<D:ace><D:invert><D:principal><D:href>/principals/bob/</D:href></D:principal></D:invert><D:grant><D:privilege><D:read/></D:privilege></D:grant></D:ace>", "no-invert"),
        ("everyone", "<D:ace><D:principal><D:all/></D:principal><D:grant><D:privilege><D:read/></D:privilege></D:grant></D:ace>", "allowed-principal"),
        ("unknown", ace("/principals/nobody/", ["D:read"]), "recognized-principal"),
        ("not a principal", ace("/calendars/bob/", ["D:read"]), "recognized-principal"),
        ("finer", ace("/principals/bob/", ["D:write-content"]), "not-supported-privilege"),
        ("write without properties", ace("/principals/bob/", ["D:read", "D:write"]), "not-supported-privilege"),
        ("owner", ace("/principals/alice/", ["D:read"]), "no-protected-ace-conflict"),
        ("twice", ace("/principals/bob/", ["D:read"]) + ace("/principals/bob/", ["C:read-free-busy"]), "no-ace-conflict"),
    ])
    func whatTheRolesCannotExpressIsRefused(_ name: String, _ aces: String, _ condition: String) async throws {
        let (h, record) = try await Self.harness()
        _ = try await h.store.setGrant(calendarID: record.id, grantee: .user(h.bob.id), role: .read, state: .accepted,
                                       grantedBy: h.alice.id)
        let before = try await h.store.grants(calendarID: record.id)
        let response = await h.send("ACL", Self.calendar, body: Self.acl(aces))
        #expect(response.status == 403 && response.text.contains(condition), "\(name): \(response.text)")
        #expect(try await h.store.grants(calendarID: record.id) == before, "\(name) changed the grants")
    }

    @Test func onlyTheOwnerAndManagersSetTheACL() async throws {
        let (h, record) = try await Self.harness()
        for (role, allowed) in [(CalendarRole.write, false), (.manage, true)] {
            _ = try await h.store.setGrant(calendarID: record.id, grantee: .user(h.bob.id), role: role, state: .accepted,
                                           grantedBy: h.alice.id)
            let response = await h.send("ACL", Self.calendar, body: Self.acl(
                Self.ace("/principals/bob/", ["D:read", "D:write", "D:read-acl", "D:write-acl"])
                    + Self.ace("/principals/team/", ["D:read"])), as: h.bob)
            if allowed {
                #expect(response.status == 200, "\(response.text)")
            } else {
                #expect(response.status == 403 && response.text.contains("write-acl"), "\(response.text)")
                #expect(try await h.store.grants(calendarID: record.id).count == 1)
            }
        }
    }

    /// An ACL on one event shares that event alone; its DAV:acl shows the calendar's entries as inherited.
    @Test func anACLOnAnEventSharesThatEventAlone() async throws {
        let (h, record) = try await Self.harness()
        let response = await h.send("ACL", Self.calendar + "public.ics",
                                    body: Self.acl(Self.ace("/principals/bob/", ["D:read"])))
        #expect(response.status == 200, "\(response.text)")
        #expect(await h.send("GET", Self.calendar + "public.ics", as: h.bob).status == 200)
        #expect(await h.send("GET", Self.calendar + "private.ics", as: h.bob).status == 403)
        _ = try await h.store.setGrant(calendarID: record.id, grantee: .group(try #require(try await h.store.group(named: "team")).id),
                                       role: .read, state: .accepted, grantedBy: h.alice.id)
        let props = try #require(try await h.send("PROPFIND", Self.calendar + "public.ics", headers: [("Depth", "0")],
                                                  body: Self.aclProps).properties()[Self.calendar + "public.ics"])
        let entries = Self.entries(props[.dav.acl])
        #expect(entries.contains { $0.0 == "/principals/bob/" && $0.1 == ["read"] && !$0.3 })
        #expect(entries.contains { $0.0 == "/principals/team/" && $0.3 })
        #expect(props[.dav.inheritedAclSet]?.first(.dav.href)?.text == Self.calendar)
        // A group cannot be given one event.
        let group = await h.send("ACL", Self.calendar + "public.ics", body: Self.acl(Self.ace("/principals/team/", ["D:read"])))
        #expect(group.status == 403 && group.text.contains("allowed-principal"))
    }
}
