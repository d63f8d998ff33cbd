import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing

/// A JSON API caller over a live test server: sends JSON, reads JSON objects, and reads iCalendar through CalDAV.
struct JSONAPITestClient {
    let client: any TestClientProtocol
    let user: String
    let password: String

    struct Reply {
        var status: HTTPResponse.Status
        var headers: HTTPFields
        var body: [String: Any]
        var text: String

        subscript(key: String) -> Any? { body[key] }
        var items: [[String: Any]] { body["items"] as? [[String: Any]] ?? [] }
    }

    func auth(_ extra: [(String, String)] = []) -> HTTPFields {
        var fields: HTTPFields = [.authorization: "Basic " + Data("\(user):\(password)".utf8).base64EncodedString()]
        for (name, value) in extra { fields[HTTPField.Name(name)!] = value }
        return fields
    }

    func call(_ method: HTTPRequest.Method, _ path: String, json: Any? = nil, raw: String? = nil,
              headers: [(String, String)] = []) async throws -> Reply {
        var fields = auth(headers)
        var body: ByteBuffer?
        if let json {
            fields[.contentType] = "application/json"
            body = ByteBuffer(bytes: try JSONSerialization.data(withJSONObject: json, options: [.sortedKeys]))
        } else if let raw {
            fields[.contentType] = "application/json"
            body = ByteBuffer(string: raw)
        }
        let response = try await client.execute(uri: path, method: method, headers: fields, body: body)
        let text = String(buffer: response.body)
        let object = (try? JSONSerialization.jsonObject(with: Data(text.utf8))) as? [String: Any] ?? [:]
        return Reply(status: response.status, headers: response.headers, body: object, text: text)
    }

    /// The object at a CalDAV URL, with its ETag.
    func calDAV(_ path: String) async throws -> (text: String, etag: String?) {
        let response = try await client.execute(uri: path, method: .get, headers: auth())
        #expect(response.status == .ok)
        return (String(buffer: response.body), response.headers[.eTag])
    }

    func putCalDAV(_ path: String, _ ics: String, ifMatch: String? = nil) async throws -> HTTPResponse.Status {
        var extra = [("Content-Type", "text/calendar")]
        if let ifMatch { extra.append(("If-Match", ifMatch)) }
        let response = try await client.execute(uri: path, method: .put, headers: auth(extra), body: ByteBuffer(string: ics))
        return response.status
    }
}
