import DAVXML
import Testing
@testable import WebDAV

@Suite struct DAVErrorResponseTests {
    @Test func conditionBecomesAnRFC4918ErrorBody() throws {
        let href = XMLElement(.dav.href, text: "/calendars/alice/work/other.ics")
        let error = DAVError(status: 409, condition: .calDAV.noUIDConflict, conditionContent: [href],
                             message: "UID already used")
        let response = error.response()
        #expect(response.status == 409)
        #expect(response.headers["content-type"] == "application/xml; charset=utf-8")
        let body = try XMLDocumentParser.parse(response.body)
        // RFC 4918 §16: <D:error> holding the condition element first (RFC 4791 §5.3.2.1 puts the href inside it),
        // then the sentence saying what was wrong; the same sentence is the access log's note.
        #expect(body == XMLElement(.dav.error, elements: [XMLElement(.calDAV.noUIDConflict, elements: [href]),
                                                          XMLElement(.dav.responsedescription, text: "UID already used")]))
        #expect(response.logNote == "UID already used")
    }

    @Test func conditionWithoutMessageHasNoDescription() throws {
        let body = try XMLDocumentParser.parse(DAVError(status: 403, condition: .calDAV.validCalendarData).response().body)
        #expect(body == XMLElement(.dav.error, elements: [XMLElement(.calDAV.validCalendarData)]))
    }

    @Test func plainErrorIsTextWithTheMessageAndKeepsHeaders() {
        let response = DAVError.methodNotAllowed("PUT is not allowed on a collection.", allow: ["GET", "PROPFIND"])
            .response()
        #expect(response.status == 405)
        #expect(response.headers["Allow"] == "GET, PROPFIND")
        #expect(response.headers["Content-Type"] == "text/plain; charset=utf-8")
        #expect(String(decoding: response.body, as: UTF8.self) == "PUT is not allowed on a collection.\n")
    }

    @Test func emptyMessageFallsBackToTheReasonPhrase() {
        #expect(String(decoding: DAVError(status: 423).response().body, as: UTF8.self) == "Locked\n")
    }

    @Test func notModifiedHasNoBody() {
        let response = DAVError(status: 304, message: "unchanged", headers: DAVHeaders([("ETag", "\"a\"")])).response()
        #expect(response.body.isEmpty)
        #expect(response.headers["ETag"] == "\"a\"")
        #expect(response.headers["Content-Type"] == nil)
    }

    @Test(arguments: [
        (200, "HTTP/1.1 200 OK"), (201, "HTTP/1.1 201 Created"), (204, "HTTP/1.1 204 No Content"),
        (207, "HTTP/1.1 207 Multi-Status"), (301, "HTTP/1.1 301 Moved Permanently"),
        (400, "HTTP/1.1 400 Bad Request"), (401, "HTTP/1.1 401 Unauthorized"), (403, "HTTP/1.1 403 Forbidden"),
        (404, "HTTP/1.1 404 Not Found"), (405, "HTTP/1.1 405 Method Not Allowed"), (409, "HTTP/1.1 409 Conflict"),
        (412, "HTTP/1.1 412 Precondition Failed"), (413, "HTTP/1.1 413 Content Too Large"),
        (415, "HTTP/1.1 415 Unsupported Media Type"), (423, "HTTP/1.1 423 Locked"),
        (424, "HTTP/1.1 424 Failed Dependency"), (500, "HTTP/1.1 500 Internal Server Error"),
        (501, "HTTP/1.1 501 Not Implemented"), (503, "HTTP/1.1 503 Service Unavailable"),
        (507, "HTTP/1.1 507 Insufficient Storage"), (299, "HTTP/1.1 299 Success"),
    ])
    func statusLines(_ code: Int, _ line: String) {
        #expect(HTTPStatus.line(code) == line)
    }

    @Test func requestBodyErrorsMapToStatuses() {
        #expect(davError { () throws(DAVError) in try DAVRequestBody.parseXML(bytes("<a>")) }?.status == 400)
        #expect(davError { () throws(DAVError) in try DAVRequestBody.parseXML([]) }?.status == 400)
        let doctype = davError { () throws(DAVError) in try DAVRequestBody.parseXML(bytes("<!DOCTYPE a><a/>")) }
        #expect(doctype?.status == 400)
        #expect(doctype?.message.contains("DOCTYPE") == true)
        var small = XMLParseLimits.default
        small.maxBytes = 8
        #expect(davError { () throws(DAVError) in try DAVRequestBody.parseXML(bytes("<a>123456</a>"), limits: small) }?
            .status == 413)
        let deep = String(repeating: "<a>", count: 200) + String(repeating: "</a>", count: 200)
        #expect(davError { () throws(DAVError) in try DAVRequestBody.parseXML(bytes(deep)) }?.status == 400)
        let malformed = davError { () throws(DAVError) in try DAVRequestBody.parseXML(bytes("<a>\n</b>")) }
        #expect(malformed?.message.hasPrefix("Invalid XML request body: line 2:") == true)
    }

    @Test func expectedRootIsChecked() {
        let error = davError { () throws(DAVError) in
            try DAVRequestBody.parseXML(bytes(#"<D:propfind xmlns:D="DAV:"/>"#), root: .dav.propertyupdate)
        }
        #expect(error?.status == 400)
        #expect(error?.message.contains("{DAV:}propertyupdate") == true)
    }
}
