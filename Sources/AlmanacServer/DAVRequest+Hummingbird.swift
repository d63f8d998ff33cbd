import HTTPTypes
import Hummingbird
import WebDAV

extension DAVHeaders {
    /// The request's header fields in order, without `Authorization`: the DAV layer acts on the principal and has no
    /// business seeing, or accidentally logging, the credentials. The HTTP/1.1 `Host` header arrives as the
    /// request's authority and is put back as `Host`, which the DAV layer needs to tell its own URLs (Destination).
    init(requestFields fields: HTTPFields, authority: String?) {
        let host = authority.map { [("Host", $0)] } ?? []
        self.init(host + fields.filter { $0.name != .authorization }.map { ($0.name.rawName, $0.value) })
    }
}

extension DAVRequest {
    /// The DAV view of an HTTP request whose body has already been collected.
    init(request: Request, path: DAVPath, body: [UInt8], principal: DAVPrincipal) {
        self.init(method: request.method.rawValue.uppercased(), path: path.segments, trailingSlash: path.trailingSlash,
                  headers: DAVHeaders(requestFields: request.headers, authority: request.head.authority), body: body,
                  principal: principal)
    }
}

extension DAVResponse {
    /// The HTTP response; for HEAD requests the body is dropped but its length kept (RFC 9110 §9.3.2).
    func httpResponse(forHead isHead: Bool) -> Response {
        var fields = HTTPFields()
        for field in headers {
            // The DAV layer builds its own header names; one that is not a valid token is a bug there, and
            // dropping it beats failing the whole response.
            guard let name = HTTPField.Name(field.name) else { continue }
            fields.append(HTTPField(name: name, value: field.value))
        }
        let status = HTTPResponse.Status(code: status)
        if isHead {
            if fields[.contentLength] == nil, stream == nil { fields[.contentLength] = String(body.count) }
            return Response(status: status, headers: fields)
        }
        if let stream {
            // Chunked transfer: each chunk is produced when the connection can take it.
            return Response(status: status, headers: fields, body: ResponseBody { writer in
                for try await chunk in stream { try await writer.write(ByteBuffer(bytes: chunk)) }
                try await writer.finish(nil)
            })
        }
        return Response(status: status, headers: fields, body: ResponseBody(byteBuffer: ByteBuffer(bytes: body)))
    }
}
