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
        var line: [UInt8] = []
        line.reserveCapacity(256)
        writeComponent(component, &out, &line)
    }

    private func writeComponent(_ component: Component, _ out: inout [UInt8], _ line: inout [UInt8]) {
        out.append(contentsOf: "BEGIN:".utf8)
        out.append(contentsOf: component.name.rawValue.utf8)
        out.append(0x0D); out.append(0x0A)
        for property in component.properties {
            line.removeAll(keepingCapacity: true)
            Self.contentLine(property, into: &line)
            Self.fold(line, into: &out)
        }
        for child in component.components { writeComponent(child, &out, &line) }
        out.append(contentsOf: "END:".utf8)
        out.append(contentsOf: component.name.rawValue.utf8)
        out.append(0x0D); out.append(0x0A)
    }

    static func contentLine(_ property: Property, into line: inout [UInt8]) {
        line.append(contentsOf: property.name.rawValue.utf8)
        for parameter in property.parameters {
            line.append(0x3B)
            line.append(contentsOf: parameter.name.rawValue.utf8)
            line.append(0x3D)
            for (index, value) in parameter.values.enumerated() {
                if index > 0 { line.append(0x2C) }
                appendParameterValue(value, to: &line)
            }
        }
        line.append(0x3A)
        line.append(contentsOf: property.value.utf8)
    }

    private static func appendParameterValue(_ value: String, to line: inout [UInt8]) {
        let needsQuotes = value.utf8.contains { $0 == 0x3A || $0 == 0x3B || $0 == 0x2C }
        if needsQuotes { line.append(0x22) }
        for b in value.utf8 {
            switch b {
            case 0x5E: line.append(0x5E); line.append(0x5E)  // ^ -> ^^
            case 0x0A: line.append(0x5E); line.append(0x6E)  // newline -> ^n
            case 0x22: line.append(0x5E); line.append(0x27)  // " -> ^'
            case 0x0D: continue
            default: line.append(b)
            }
        }
        if needsQuotes { line.append(0x22) }
    }

    /// Appends `line` with CRLF, folded so no physical line exceeds 75 octets and no UTF-8 sequence is split.
    static func fold(_ line: [UInt8], into out: inout [UInt8]) {
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
