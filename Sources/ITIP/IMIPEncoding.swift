import ICalendar

/// The MIME and header encodings the iMIP renderer needs, written out so the message bytes do not depend on the
/// platform (no Foundation formatting, no locale).
/// Spec: RFC 2045 §6.7 (quoted-printable), §6.8 (base64); RFC 2047 (encoded words); RFC 5322 §2.1.1 (line length),
/// §2.2.3 (folding), §3.3 (date-time).
enum IMIPEncoding {
    static let crlf = "\r\n"

    // MARK: Headers

    /// One header field, folded at spaces so lines stay within the recommended 78 characters where possible (RFC 5322
    /// §2.1.1). Encoded words are separated by spaces, so a long encoded value folds between them.
    static func header(_ name: String, _ value: String) -> String {
        var lines: [String] = []
        var line = name + ":"
        for word in value.split(separator: " ", omittingEmptySubsequences: false) {
            if line.utf8.count + 1 + word.utf8.count > 78, line.utf8.count > name.utf8.count + 1 {
                lines.append(line)
                line = ""
            }
            line += " " + word
        }
        lines.append(line)
        return lines.joined(separator: crlf) + crlf
    }

    /// A header value with CR, LF and other controls replaced by spaces, so text from a calendar object (a
    /// SUMMARY may hold line breaks) cannot end the header or add new ones.
    static func headerSafe(_ text: String) -> String {
        String(String.UnicodeScalarView(text.unicodeScalars.map { $0.value < 0x20 || $0.value == 0x7F ? " " : $0 }))
    }

    /// Unstructured header text (Subject): as is when printable ASCII, else RFC 2047 encoded words.
    static func unstructured(_ text: String) -> String {
        let safe = headerSafe(text)
        return isPrintableASCII(safe) ? safe : encodedWords(safe)
    }

    /// A display name for a mailbox: a quoted string when ASCII, else encoded words (which must not be quoted,
    /// RFC 2047 §5 rule 3).
    static func displayName(_ name: String) -> String {
        guard isPrintableASCII(name) else { return encodedWords(name) }
        var quoted = "\""
        for character in name {
            if character == "\"" || character == "\\" { quoted.append("\\") }
            quoted.append(character)
        }
        return quoted + "\""
    }

    /// `=?UTF-8?B?...?=` words separated by spaces. Each word holds whole characters and stays within the
    /// 75-character limit of RFC 2047 §2 (45 bytes encode to 60 characters, plus the 12 of the delimiters).
    static func encodedWords(_ text: String) -> String {
        var words: [String] = []
        var chunk: [UInt8] = []
        for scalar in text.unicodeScalars {
            let bytes = Array(String(scalar).utf8)
            if chunk.count + bytes.count > 45 {
                words.append("=?UTF-8?B?" + base64(chunk) + "?=")
                chunk.removeAll()
            }
            chunk += bytes
        }
        if !chunk.isEmpty || words.isEmpty { words.append("=?UTF-8?B?" + base64(chunk) + "?=") }
        return words.joined(separator: " ")
    }

    static func isPrintableASCII(_ text: String) -> Bool {
        text.utf8.allSatisfy { $0 >= 0x20 && $0 < 0x7F }
    }

    // MARK: Bodies

    /// Base64 of `bytes` in one line (for encoded words).
    static func base64(_ bytes: [UInt8]) -> String {
        let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/".utf8)
        var out: [UInt8] = []
        out.reserveCapacity((bytes.count + 2) / 3 * 4)
        var index = 0
        while index < bytes.count {
            let b0 = bytes[index]
            let b1 = index + 1 < bytes.count ? bytes[index + 1] : 0
            let b2 = index + 2 < bytes.count ? bytes[index + 2] : 0
            out.append(alphabet[Int(b0 >> 2)])
            out.append(alphabet[Int((b0 & 0x03) << 4 | b1 >> 4)])
            out.append(index + 1 < bytes.count ? alphabet[Int((b1 & 0x0F) << 2 | b2 >> 6)] : UInt8(ascii: "="))
            out.append(index + 2 < bytes.count ? alphabet[Int(b2 & 0x3F)] : UInt8(ascii: "="))
            index += 3
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// A base64 body: lines of 76 characters ending in CRLF (RFC 2045 §6.8).
    static func base64Body(_ bytes: [UInt8]) -> String {
        let encoded = Array(base64(bytes).utf8)
        var body = ""
        var start = 0
        while start < encoded.count {
            let end = min(start + 76, encoded.count)
            body += String(decoding: encoded[start..<end], as: UTF8.self) + crlf
            start = end
        }
        return body
    }

    /// A quoted-printable body of UTF-8 text: line breaks become CRLF, lines longer than 76 characters get soft
    /// breaks, `=`, controls, non-ASCII bytes and whitespace before a line break are encoded (RFC 2045 §6.7).
    static func quotedPrintable(_ text: String) -> String {
        let hex = Array("0123456789ABCDEF".utf8)
        var body = ""
        let normalized = text.replacingCRLF()
        for line in normalized.split(separator: "\n", omittingEmptySubsequences: false) {
            var encoded: [UInt8] = []
            var width = 0
            let bytes = Array(line.utf8)
            for (offset, byte) in bytes.enumerated() {
                let isLast = offset == bytes.count - 1
                let literal = (byte >= 33 && byte <= 126 && byte != UInt8(ascii: "="))
                    || ((byte == 0x20 || byte == 0x09) && !isLast)
                let piece: [UInt8] = literal ? [byte] : [UInt8(ascii: "="), hex[Int(byte >> 4)], hex[Int(byte & 0x0F)]]
                // 75 characters plus the `=` of a soft break make the 76 allowed.
                if width + piece.count > 75 {
                    encoded += Array("=\r\n".utf8)
                    width = 0
                }
                encoded += piece
                width += piece.count
            }
            body += String(decoding: encoded, as: UTF8.self) + crlf
        }
        return body
    }

    // MARK: Dates

    /// An RFC 5322 §3.3 date-time in UTC, e.g. `Tue, 14 Jul 1997 17:30:00 +0000`.
    static func rfc5322Date(_ secondsSinceEpoch: Int64) -> String {
        let utc = LocalDateTime(secondsSinceEpoch: secondsSinceEpoch)
        let days = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"]
        let months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
        return days[utc.date.weekday.rawValue] + ", " + String(utc.date.day) + " " + months[utc.date.month - 1] + " "
            + String(utc.date.year) + " " + twoDigits(utc.time.hour) + ":" + twoDigits(utc.time.minute) + ":"
            + twoDigits(utc.time.second) + " +0000"
    }

    static func twoDigits(_ value: Int) -> String { value < 10 ? "0" + String(value) : String(value) }
}

extension String {
    /// CRLF and lone CR as LF, so text can be split into lines and written back with CRLF.
    func replacingCRLF() -> String {
        var result = ""
        var previousCR = false
        for scalar in unicodeScalars {
            if scalar == "\r" {
                result.unicodeScalars.append("\n")
                previousCR = true
                continue
            }
            if !(scalar == "\n" && previousCR) { result.unicodeScalars.append(scalar) }
            previousCR = false
        }
        return result
    }
}
