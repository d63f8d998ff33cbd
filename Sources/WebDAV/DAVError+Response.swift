import DAVXML

extension DAVError {
    /// The HTTP response for this error.
    ///
    /// With a condition: an RFC 4918 §16 body `<D:error><condition>content…</condition></D:error>` as
    /// `application/xml`. Without: the message as `text/plain` (the reason phrase when the message is empty).
    /// 1xx, 204 and 304 responses carry no body (RFC 9110 §6.4.1). `headers` are copied.
    public func response() -> DAVResponse {
        var responseHeaders = headers
        if status < 200 || status == 204 || status == 304 {
            return DAVResponse(status: status, headers: responseHeaders)
        }
        if let condition {
            let error = XMLElement(.dav.error, elements: [XMLElement(condition, elements: conditionContent)])
            responseHeaders.set("Content-Type", "application/xml; charset=utf-8")
            return DAVResponse(status: status, headers: responseHeaders, body: XMLWriter.document(error))
        }
        let text = message.isEmpty ? HTTPStatus.reasonPhrase(status) : message
        responseHeaders.set("Content-Type", "text/plain; charset=utf-8")
        return DAVResponse(status: status, headers: responseHeaders, body: Array((text + "\n").utf8))
    }
}
