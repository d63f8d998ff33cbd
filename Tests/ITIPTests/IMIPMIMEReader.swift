import Foundation

/// A small MIME reader for the renderer tests: headers (unfolded), `multipart/*` bodies split at their boundary,
/// and base64 / quoted-printable bodies decoded. Enough to check the structure the renderer writes, not a general
/// parser. Spec: RFC 2045 §6, RFC 2046 §5.1.1, RFC 5322 §2.2.3.
struct MIMEEntity {
    var headers: [(name: String, value: String)]
    var body: String

    init(_ text: String) {
        let split = text.range(of: "\r\n\r\n")
        let head = split.map { String(text[..<$0.lowerBound]) } ?? text
        body = split.map { String(text[$0.upperBound...]) } ?? ""
        headers = []
        for line in head.components(separatedBy: "\r\n") where !line.isEmpty {
            if line.first == " " || line.first == "\t", let last = headers.indices.last {
                headers[last].value += line
            } else if let colon = line.firstIndex(of: ":") {
                headers.append((String(line[..<colon]), String(line[line.index(after: colon)...].drop { $0 == " " })))
            }
        }
    }

    /// The unfolded value; a fold is CRLF before whitespace, which stays (RFC 5322 §2.2.3).
    func header(_ name: String) -> String? {
        headers.first { $0.name.lowercased() == name.lowercased() }?.value
    }

    var contentType: String? {
        header("Content-Type").map { String($0.prefix { $0 != ";" }).lowercased() }
    }

    var parts: [MIMEEntity] {
        guard let type = header("Content-Type"), let range = type.range(of: "boundary=\"") else { return [] }
        let boundary = String(type[range.upperBound...].prefix { $0 != "\"" })
        var pieces = ("\r\n" + body).components(separatedBy: "\r\n--" + boundary)
        pieces.removeFirst()  // the preamble
        return pieces.prefix { !$0.hasPrefix("--") }.map { piece in
            // Drop the CRLF ending the boundary line (one Character: "\r\n" is a single grapheme cluster).
            MIMEEntity(piece.hasPrefix("\r\n") ? String(piece.dropFirst()) : piece)
        }
    }

    var decodedBody: [UInt8] {
        switch header("Content-Transfer-Encoding")?.lowercased() {
        case "base64": Data(base64Encoded: body, options: .ignoreUnknownCharacters).map(Array.init) ?? []
        case "quoted-printable": Self.decodeQuotedPrintable(body)
        default: Array(body.utf8)
        }
    }

    static func decodeQuotedPrintable(_ text: String) -> [UInt8] {
        let bytes = Array(text.utf8)
        var out: [UInt8] = []
        var index = 0
        while index < bytes.count {
            if bytes[index] == UInt8(ascii: "="), index + 2 < bytes.count {
                if bytes[index + 1] == 13, bytes[index + 2] == 10 {
                    index += 3
                    continue
                }
                if let value = UInt8(String(decoding: bytes[index + 1...index + 2], as: UTF8.self), radix: 16) {
                    out.append(value)
                    index += 3
                    continue
                }
            }
            out.append(bytes[index])
            index += 1
        }
        return out
    }

    /// Decodes `=?UTF-8?B?...?=` words; whitespace between adjacent encoded words is dropped (RFC 2047 §6.2).
    static func decodeEncodedWords(_ text: String) -> String {
        var bytes: [UInt8] = []
        var pendingSpace: [UInt8] = []
        var previousWasEncoded = false
        for token in text.split(separator: " ", omittingEmptySubsequences: false) {
            if token.hasPrefix("=?UTF-8?B?"), token.hasSuffix("?=") {
                let payload = token.dropFirst("=?UTF-8?B?".count).dropLast(2)
                if !previousWasEncoded { bytes += pendingSpace }
                bytes += Data(base64Encoded: String(payload)).map(Array.init) ?? []
                previousWasEncoded = true
            } else {
                bytes += pendingSpace + Array(token.utf8)
                previousWasEncoded = false
            }
            pendingSpace = [UInt8(ascii: " ")]
        }
        return String(decoding: bytes, as: UTF8.self)
    }
}
