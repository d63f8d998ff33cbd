import Testing
@testable import DAVXML

/// Request and response bodies from the RFCs, parsed as a DAV server receives them.
@Suite struct XMLRFCExampleTests {
    static let box = "http://ns.example.com/boxschema/"

    /// RFC 4918 §9.1.3, request: a PROPFIND naming properties in a namespace declared on `D:prop`.
    @Test func rfc4918PropfindNamedPropertiesRequest() throws {
        let xml = """
            <?xml version="1.0" encoding="utf-8" ?>
            <D:propfind xmlns:D="DAV:">
              <D:prop xmlns:R="http://ns.example.com/boxschema/">
                <R:bigbox/>
                <R:author/>
                <R:DingALing/>
                <R:Random/>
              </D:prop>
            </D:propfind>
            """
        let root = try parseXML(xml)
        #expect(root.name == .dav.propfind)
        let names = try #require(root.first(.dav.prop)).elements.map(\.name)
        #expect(names == ["bigbox", "author", "DingALing", "Random"].map { XMLName(Self.box, $0) })
    }

    /// RFC 4918 §9.1.3, response: multistatus with two propstats and response descriptions.
    @Test func rfc4918PropfindNamedPropertiesResponse() throws {
        let xml = """
            <?xml version="1.0" encoding="utf-8" ?>
            <D:multistatus xmlns:D="DAV:">
              <D:response xmlns:R="http://ns.example.com/boxschema/">
                <D:href>http://www.example.com/file</D:href>
                <D:propstat>
                  <D:prop>
                    <R:bigbox>
                      <R:BoxType>Box type A</R:BoxType>
                    </R:bigbox>
                    <R:author>
                      <R:Name>J.J. Johnson</R:Name>
                    </R:author>
                  </D:prop>
                  <D:status>HTTP/1.1 200 OK</D:status>
                </D:propstat>
                <D:propstat>
                  <D:prop><R:DingALing/><R:Random/></D:prop>
                  <D:status>HTTP/1.1 403 Forbidden</D:status>
                  <D:responsedescription> The user does not have access to the
             DingALing property.
                  </D:responsedescription>
                </D:propstat>
              </D:response>
              <D:responsedescription> There has been an access violation error.
              </D:responsedescription>
            </D:multistatus>
            """
        let root = try parseXML(xml)
        let response = try #require(root.first(.dav.response))
        #expect(response.first(.dav.href)?.text == "http://www.example.com/file")
        let propstats = response.all(.dav.propstat)
        #expect(propstats.map { $0.first(.dav.status)?.text } == ["HTTP/1.1 200 OK", "HTTP/1.1 403 Forbidden"])
        let bigbox = try #require(propstats[0].first(.dav.prop)?.first(XMLName(Self.box, "bigbox")))
        #expect(bigbox.first(XMLName(Self.box, "BoxType"))?.text == "Box type A")
        #expect(propstats[1].first(.dav.responsedescription)?.text.contains("DingALing property.") == true)
        #expect(root.first(.dav.responsedescription) != nil)
    }

    /// RFC 4918 §9.2.2: a PROPPATCH setting a structured property and removing another.
    @Test func rfc4918ProppatchRequest() throws {
        let z = "http://ns.example.com/standards/z39.50/"
        let xml = """
            <?xml version="1.0" encoding="utf-8" ?>
            <D:propertyupdate xmlns:D="DAV:"
                    xmlns:Z="http://ns.example.com/standards/z39.50/">
              <D:set>
                <D:prop>
                  <Z:Authors>
                    <Z:Author>Jim Whitehead</Z:Author>
                    <Z:Author>Roy Fielding</Z:Author>
                  </Z:Authors>
                </D:prop>
              </D:set>
              <D:remove>
                <D:prop><Z:Copyright-Owner/></D:prop>
              </D:remove>
            </D:propertyupdate>
            """
        let root = try parseXML(xml)
        #expect(root.elements.map(\.name) == [.dav.set, .dav.remove])
        let authors = try #require(root.first(.dav.set)?.first(.dav.prop)?.first(XMLName(z, "Authors")))
        #expect(authors.all(XMLName(z, "Author")).map(\.text) == ["Jim Whitehead", "Roy Fielding"])
        #expect(root.first(.dav.remove)?.first(.dav.prop)?.elements.map(\.name) == [XMLName(z, "Copyright-Owner")])
    }

    /// RFC 4918 §9.2.2, response: 424 and 409 propstats.
    @Test func rfc4918ProppatchResponse() throws {
        let xml = """
            <?xml version="1.0" encoding="utf-8" ?>
            <D:multistatus xmlns:D="DAV:"
                    xmlns:Z="http://ns.example.com/standards/z39.50/">
              <D:response>
                <D:href>http://www.example.com/bar.html</D:href>
                <D:propstat>
                  <D:prop><Z:Authors/></D:prop>
                  <D:status>HTTP/1.1 424 Failed Dependency</D:status>
                </D:propstat>
                <D:propstat>
                  <D:prop><Z:Copyright-Owner/></D:prop>
                  <D:status>HTTP/1.1 409 Conflict</D:status>
                </D:propstat>
                <D:responsedescription> Copyright Owner cannot be deleted or
                  altered.</D:responsedescription>
              </D:response>
            </D:multistatus>
            """
        let statuses = try parseXML(xml).first(.dav.response)?.all(.dav.propstat).map { $0.first(.dav.status)?.text }
        #expect(statuses == ["HTTP/1.1 424 Failed Dependency", "HTTP/1.1 409 Conflict"])
    }

    /// RFC 4791 §7.8.1: calendar-query with partial calendar-data and a time-range filter.
    @Test func rfc4791CalendarQueryPartialRetrieval() throws {
        let xml = """
            <?xml version="1.0" encoding="utf-8" ?>
            <C:calendar-query xmlns:D="DAV:"
                              xmlns:C="urn:ietf:params:xml:ns:caldav">
              <D:prop>
                <D:getetag/>
                <C:calendar-data>
                  <C:comp name="VCALENDAR">
                    <C:prop name="VERSION"/>
                    <C:comp name="VEVENT">
                      <C:prop name="SUMMARY"/>
                      <C:prop name="UID"/>
                      <C:prop name="DTSTART"/>
                      <C:prop name="DTEND"/>
                      <C:prop name="DURATION"/>
                      <C:prop name="RRULE"/>
                      <C:prop name="RDATE"/>
                      <C:prop name="EXRULE"/>
                      <C:prop name="EXDATE"/>
                      <C:prop name="RECURRENCE-ID"/>
                    </C:comp>
                    <C:comp name="VTIMEZONE"/>
                  </C:comp>
                </C:calendar-data>
              </D:prop>
              <C:filter>
                <C:comp-filter name="VCALENDAR">
                  <C:comp-filter name="VEVENT">
                    <C:time-range start="20060104T000000Z"
                                          end="20060105T000000Z"/>
                  </C:comp-filter>
                </C:comp-filter>
              </C:filter>
            </C:calendar-query>
            """
        let root = try parseXML(xml)
        #expect(root.name == .calDAV.calendarQuery)
        let calendar = try #require(root.first(.dav.prop)?.first(.calDAV.calendarData)?.first(.calDAV.comp))
        #expect(calendar.attribute("name") == "VCALENDAR")
        let event = try #require(calendar.all(.calDAV.comp).first)
        #expect(event.all(.calDAV.prop).count == 10)
        #expect(event.all(.calDAV.prop).last?.attribute("name") == "RECURRENCE-ID")
        let range = try #require(root.first(.calDAV.filter)?.first(.calDAV.compFilter)?.first(.calDAV.compFilter)?
            .first(.calDAV.timeRange))
        #expect(range.attribute("start") == "20060104T000000Z")
        #expect(range.attribute("end") == "20060105T000000Z")
    }

    /// RFC 4791 §7.8.6: text-match on a property and a parameter, `D` declared on a child element.
    @Test func rfc4791CalendarQueryByPartstat() throws {
        let xml = """
            <?xml version="1.0" encoding="utf-8" ?>
            <C:calendar-query xmlns:C="urn:ietf:params:xml:ns:caldav">
              <D:prop xmlns:D="DAV:">
                <D:getetag/>
                <C:calendar-data/>
              </D:prop>
              <C:filter>
                <C:comp-filter name="VCALENDAR">
                  <C:comp-filter name="VEVENT">
                    <C:prop-filter name="ATTENDEE">
                      <C:text-match collation="i;ascii-casemap"
                       >mailto:lisa@example.com</C:text-match>
                      <C:param-filter name="PARTSTAT">
                        <C:text-match collation="i;ascii-casemap"
                         >NEEDS-ACTION</C:text-match>
                      </C:param-filter>
                    </C:prop-filter>
                  </C:comp-filter>
                </C:comp-filter>
              </C:filter>
            </C:calendar-query>
            """
        let root = try parseXML(xml)
        #expect(root.first(.dav.prop)?.elements.map(\.name) == [.dav.getetag, .calDAV.calendarData])
        let propFilter = try #require(root.first(.calDAV.filter)?.first(.calDAV.compFilter)?
            .first(.calDAV.compFilter)?.first(.calDAV.propFilter))
        #expect(propFilter.first(.calDAV.textMatch)?.text == "mailto:lisa@example.com")
        #expect(propFilter.first(.calDAV.textMatch)?.attribute("collation") == "i;ascii-casemap")
        #expect(propFilter.first(.calDAV.paramFilter)?.first(.calDAV.textMatch)?.text == "NEEDS-ACTION")
    }

    /// RFC 4791 §7.8.1, response: calendar-data text keeps its line structure.
    @Test func rfc4791CalendarDataTextIsKept() throws {
        let xml = """
            <D:multistatus xmlns:D="DAV:" xmlns:C="urn:ietf:params:xml:ns:caldav">
              <D:response>
                <D:href>http://cal.example.com/bernard/work/abcd2.ics</D:href>
                <D:propstat>
                  <D:prop>
                    <D:getetag>"fffff-abcd2"</D:getetag>
                    <C:calendar-data>BEGIN:VCALENDAR&#13;
            VERSION:2.0&#13;
            END:VCALENDAR&#13;
            </C:calendar-data>
                  </D:prop>
                  <D:status>HTTP/1.1 200 OK</D:status>
                </D:propstat>
              </D:response>
            </D:multistatus>
            """
        let prop = try #require(parseXML(xml).first(.dav.response)?.first(.dav.propstat)?.first(.dav.prop))
        #expect(prop.first(.dav.getetag)?.text == "\"fffff-abcd2\"")
        #expect(prop.first(.calDAV.calendarData)?.text == "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nEND:VCALENDAR\r\n")
    }
}
