/// The message as it goes after DATA: CRLF line ends, a leading dot doubled, and the terminating `.` line.
/// Spec: RFC 5321 §4.5.2 (transparency), §2.3.8 (CRLF only: bare CR or LF must not be sent), §4.1.1.4 (DATA).
enum SMTPMessageData {
    static func encode(_ content: [UInt8]) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(content.count + content.count / 50 + 5)
        var atLineStart = true
        var index = 0
        while index < content.count {
            let byte = content[index]
            if byte == 0x0D || byte == 0x0A {
                // CRLF, lone CR and lone LF all end a line.
                out += [0x0D, 0x0A]
                index += byte == 0x0D && index + 1 < content.count && content[index + 1] == 0x0A ? 2 : 1
                atLineStart = true
                continue
            }
            if atLineStart && byte == UInt8(ascii: ".") { out.append(UInt8(ascii: ".")) }
            out.append(byte)
            atLineStart = false
            index += 1
        }
        if !atLineStart { out += [0x0D, 0x0A] }
        out += Array(".\r\n".utf8)
        return out
    }

    /// True when the message has bytes outside 7-bit ASCII (then `BODY=8BITMIME` is declared when offered, RFC 6152).
    static func needs8Bit(_ content: [UInt8]) -> Bool {
        content.contains { $0 >= 0x80 }
    }
}
