import Foundation

/// Writes a component tree as iCalendar text: CRLF line ends, lines folded at 75 octets without splitting a UTF-8
/// sequence, parameter values quoted where needed and RFC 6868-escaped.
///
/// Spec: RFC 5545 §3.1 (folding), §3.2 (quoting), RFC 6868.
public struct ICalendarSerializer: Sendable {
    public static let maxLineOctets = 75

    public init() {}

    public func serialize(_ component: Component) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(4096)
        write(component, to: &out)
        return out
    }

    public func string(_ component: Component) -> String {
        String(decoding: serialize(component), as: UTF8.self)
    }

    public func write(_ component: Component, to out: inout [UInt8]) {
        out.append(contentsOf: "BEGIN:".utf8)
        Self.appendUTF8(component.name.rawValue, to: &out)
        out.append(0x0D); out.append(0x0A)
        for property in component.properties { Self.appendContentLine(property, to: &out) }
        for child in component.components { write(child, to: &out) }
        out.append(contentsOf: "END:".utf8)
        Self.appendUTF8(component.name.rawValue, to: &out)
        out.append(0x0D); out.append(0x0A)
    }

    /// One property as a content line: folded, with CRLF.
    public static func appendContentLine(_ property: Property, to out: inout [UInt8]) {
        // Most lines fit in 75 octets: they are written straight to the output, and only a longer one is taken
        // back out and written again folded.
        let start = out.count
        contentLine(property, into: &out)
        if out.count - start > maxLineOctets {
            let line = Array(out[start...])
            out.removeSubrange(start...)
            fold(line, into: &out)
        } else {
            out.append(0x0D); out.append(0x0A)
        }
    }

    /// An unfolded content line as read (`ContentLineDecoder`), folded again, with CRLF.
    public static func appendFolded(_ line: UnsafeBufferPointer<UInt8>, to out: inout [UInt8]) {
        guard line.count > maxLineOctets else {
            out.append(contentsOf: line)
            out.append(0x0D); out.append(0x0A)
            return
        }
        fold(line, into: &out)
    }

    static func contentLine(_ property: Property, into line: inout [UInt8]) {
        appendUTF8(property.name.rawValue, to: &line)
        for parameter in property.parameters {
            line.append(0x3B)
            appendUTF8(parameter.name.rawValue, to: &line)
            line.append(0x3D)
            var first = true
            for value in parameter.values {
                if !first { line.append(0x2C) }
                first = false
                appendParameterValue(value, to: &line)
            }
        }
        line.append(0x3A)
        appendUTF8(property.value, to: &line)
    }

    /// The string's UTF-8 copied in one piece (appending `String.UTF8View` goes byte by byte).
    @inline(__always)
    private static func appendUTF8(_ string: String, to output: inout [UInt8]) {
        var string = string
        string.withUTF8 { output.append(contentsOf: $0) }
    }

    private static func appendParameterValue(_ value: String, to line: inout [UInt8]) {
        var value = value
        value.withUTF8 { bytes in
            var needsQuotes = false
            var needsEscapes = false
            for b in bytes {
                switch b {
                case 0x3A, 0x3B, 0x2C: needsQuotes = true
                case 0x5E, 0x0A, 0x22, 0x0D: needsEscapes = true
                default: break
                }
            }
            if needsQuotes { line.append(0x22) }
            if needsEscapes {
                for b in bytes {
                    switch b {
                    case 0x5E: line.append(0x5E); line.append(0x5E)  // ^ -> ^^
                    case 0x0A: line.append(0x5E); line.append(0x6E)  // newline -> ^n
                    case 0x22: line.append(0x5E); line.append(0x27)  // " -> ^'
                    case 0x0D: continue
                    default: line.append(b)
                    }
                }
            } else {
                line.append(contentsOf: bytes)
            }
            if needsQuotes { line.append(0x22) }
        }
    }

    /// Appends `line` with CRLF, folded so no physical line exceeds 75 octets and no UTF-8 sequence is split.
    static func fold<Line: RandomAccessCollection<UInt8>>(_ line: Line, into out: inout [UInt8]) where Line.Index == Int {
        var start = 0
        var limit = maxLineOctets
        while line.count - start > limit {
            var cut = start + limit
            while cut > start, line[cut] & 0xC0 == 0x80 { cut -= 1 }  // back off a continuation byte
            out.append(contentsOf: line[start..<cut])
            out.append(0x0D); out.append(0x0A); out.append(0x20)
            start = cut
            limit = maxLineOctets - 1
        }
        out.append(contentsOf: line[start...])
        out.append(0x0D); out.append(0x0A)
    }
}

extension Component {
    /// The component as iCalendar text (CRLF, folded).
    public var serialized: String { ICalendarSerializer().string(self) }
}
