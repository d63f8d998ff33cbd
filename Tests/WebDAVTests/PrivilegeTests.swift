import DAVXML
import Testing
@testable import WebDAV

@Suite struct PrivilegeTests {
    @Test func currentUserPrivilegeSetListsEachPrivilege() {
        // RFC 3744 §5.4: <D:current-user-privilege-set><D:privilege><D:read/></D:privilege>...
        let element = Privilege.currentUserPrivilegeSet([.read, .writeContent])
        #expect(XMLWriter.fragment(element) == #"<D:current-user-privilege-set xmlns:D="DAV:"><D:privilege><D:read/></D:privilege><D:privilege><D:write-content/></D:privilege></D:current-user-privilege-set>"#)
    }

    /// RFC 3744 §5.3: the aggregation tree, `all` at the top, read and write aggregates beneath it.
    @Test func supportedPrivilegeSetIsTheAggregateTree() throws {
        let set = Privilege.supportedPrivilegeSet()
        #expect(set.name == .dav.supportedPrivilegeSet)
        let supported = XMLName(XMLNamespace.dav, "supported-privilege")
        func privilege(_ node: XMLElement) -> XMLName? { node.first(.dav.privilege)?.elements.first?.name }
        func children(_ node: XMLElement) -> [XMLName?] { node.all(supported).map(privilege) }

        let all = try #require(set.first(supported))
        #expect(privilege(all) == .dav.all)
        #expect(all.first(.dav.description)?.text == "Any operation")
        #expect(children(all) == [.dav.read, .dav.write, .dav.unlock, .dav.readAcl, .dav.readCurrentUserPrivilegeSet,
                                  .dav.writeAcl])
        let write = try #require(all.all(supported).first { privilege($0) == .dav.write })
        #expect(children(write) == [.dav.writeProperties, .dav.writeContent, .dav.bind, .dav.unbind])
        // Every supported-privilege has the privilege then a description (RFC 3744 §5.3 DTD order).
        #expect(write.elements.prefix(2).map(\.name) == [.dav.privilege, .dav.description])
        // The tree names every privilege exactly once.
        var seen: [XMLName] = []
        func walk(_ node: XMLElement) {
            if let name = privilege(node) { seen.append(name) }
            node.all(supported).forEach(walk)
        }
        walk(all)
        #expect(Set(seen) == Set(Privilege.allCases.map(\.name)))
        #expect(seen.count == Privilege.allCases.count)
    }

    @Test func aggregationIsTransitive() {
        #expect(Privilege.all.includes(.bind))
        #expect(Privilege.write.includes(.writeContent))
        #expect(Privilege.read.includes(.read))
        #expect(!Privilege.read.includes(.write))
        #expect(!Privilege.writeContent.includes(.write))
    }

    /// RFC 3253 §3.1.5.
    @Test func supportedReportSetShape() {
        let element = SupportedReportSet.element([.calDAV.calendarQuery, .dav.syncCollection])
        #expect(XMLWriter.fragment(element) == #"<D:supported-report-set xmlns:D="DAV:" xmlns:C="urn:ietf:params:xml:ns:caldav"><D:supported-report><D:report><C:calendar-query/></D:report></D:supported-report><D:supported-report><D:report><D:sync-collection/></D:report></D:supported-report></D:supported-report-set>"#)
    }
}

@Suite struct HTTPDateTests {
    /// RFC 9110 §5.6.7's example date.
    @Test func imfFixdate() {
        #expect(HTTPDate.rfc1123(secondsSince1970: 784_111_777) == "Sun, 06 Nov 1994 08:49:37 GMT")
        #expect(HTTPDate.rfc1123(secondsSince1970: 0) == "Thu, 01 Jan 1970 00:00:00 GMT")
        #expect(HTTPDate.rfc1123(secondsSince1970: 951_782_400) == "Tue, 29 Feb 2000 00:00:00 GMT")
        #expect(HTTPDate.rfc1123(secondsSince1970: -1) == "Wed, 31 Dec 1969 23:59:59 GMT")
        #expect(HTTPDate.rfc1123(secondsSince1970: 4_102_444_799) == "Thu, 31 Dec 2099 23:59:59 GMT")
    }

    @Test func rfc3339() {
        #expect(HTTPDate.rfc3339(secondsSince1970: 784_111_777) == "1994-11-06T08:49:37Z")
        #expect(HTTPDate.rfc3339(secondsSince1970: 1_709_164_800) == "2024-02-29T00:00:00Z")
        #expect(HTTPDate.rfc3339(secondsSince1970: -86_400 * 365) == "1969-01-01T00:00:00Z")
    }
}
