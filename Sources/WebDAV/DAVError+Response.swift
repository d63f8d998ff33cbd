import DAVXML

extension DAVError {
    /// The HTTP response for this error.
    ///
    /// With a condition: an RFC 4918 §16 body `<D:error><condition>content…</condition><D:responsedescription>
    /// message</D:responsedescription></D:error>` as `application/xml`. The condition comes first, so clients that
    /// match the first child still find it; the description (RFC 4918 §16 lets DAV:error carry any further
    /// elements, and DAV:responsedescription is WebDAV's element for a human-readable status text, §14.25) says
    /// what was wrong. Without a condition: the message as `text/plain` (the reason phrase when it is empty).
    /// 1xx, 204 and 304 responses carry no body (RFC 9110 §6.4.1). `headers` are copied; the message is also the
    /// response's `logNote`, so the access log says why.
    public func response() -> DAVResponse {
        var responseHeaders = headers
        var response: DAVResponse
        if status < 200 || status == 204 || status == 304 {
            response = DAVResponse(status: status, headers: responseHeaders)
        } else if let condition {
            var elements = [XMLElement(condition, elements: conditionContent)]
            if !message.isEmpty { elements.append(XMLElement(.dav.responsedescription, text: message)) }
            responseHeaders.set("Content-Type", "application/xml; charset=utf-8")
            response = DAVResponse(status: status, headers: responseHeaders,
                                   body: XMLWriter.document(XMLElement(.dav.error, elements: elements)))
        } else {
            let text = message.isEmpty ? HTTPStatus.reasonPhrase(status) : message
            responseHeaders.set("Content-Type", "text/plain; charset=utf-8")
            response = DAVResponse(status: status, headers: responseHeaders, body: Array((text + "\n").utf8))
        }
        if !message.isEmpty { response.logNote = message }
        return response
    }
}
