import Foundation

/// Writes a component tree as jCal: `["vcalendar", [properties], [components]]`, each property
/// `[name, {parameters}, type, value, ...]`, names in lowercase, values converted to their jCal form.
///
/// Output is compact UTF-8 JSON written straight into a byte buffer (see `JSONOutput` for why not
/// `JSONSerialization`). It is deterministic: members come in the order the tree has them, parameters in the order the
/// property has them, rule parts in the order the rule has them.
///
/// Spec: RFC 7265 §3 — §3.3 components, §3.4 properties, §3.4.1.1 multi-valued properties (CATEGORIES, RESOURCES,
/// EXDATE, RDATE, FREEBUSY become several values), §3.4.1.2 GEO, §3.4.1.3 REQUEST-STATUS, §3.5 parameters (VALUE
/// becomes the type; several values become an array), §3.6 values, §5.1 (no VALUE and no known type: `unknown`).
public struct JCalEncoder: Sendable {
    /// What to do with a value that cannot be read as its type (a DTSTART of `tomorrow`, kept by lenient parsing).
    public enum InvalidValuePolicy: Sendable, Hashable {
        /// Throw `JCalError.Code.invalidValue` with the path of the property.
        case fail
        /// Write the property as type `unknown` with its raw text, as RFC 7265 §5.1 does for unknown types, so the
        /// rest of the calendar is still served and the text is not lost. (`JCalDecoder` is strict and will refuse
        /// such a property where the iCalendar parser would.)
        case writeAsUnknown
    }

    public var invalidValues: InvalidValuePolicy

    public init(invalidValues: InvalidValuePolicy = .fail) {
        self.invalidValues = invalidValues
    }

    /// One component (normally a VCALENDAR) as jCal.
    public func encode(_ component: Component) throws(JCalError) -> [UInt8] {
        var out = JSONOutput(capacity: 1024)
        var walk = Walk(top: [component], isStream: false)
        try writeComponent(component, into: &out, &walk)
        return out.bytes
    }

    /// Several components as a JSON array, RFC 7265 §3.2's way of carrying more than one iCalendar object.
    public func encode(stream components: [Component]) throws(JCalError) -> [UInt8] {
        var out = JSONOutput(capacity: 1024)
        var walk = Walk(top: components, isStream: true)
        out.byte(UInt8(ascii: "["))
        for index in components.indices {
            if index > 0 { out.byte(UInt8(ascii: ",")) }
            walk.trail = [index]
            try writeComponent(components[index], into: &out, &walk)
        }
        out.byte(UInt8(ascii: "]"))
        return out.bytes
    }

    /// Appends the jCal of `component` to `bytes` (for a caller assembling a larger response).
    public func write(_ component: Component, to bytes: inout [UInt8]) throws(JCalError) {
        var out = JSONOutput(capacity: 0)
        swap(&out.bytes, &bytes)
        defer { swap(&out.bytes, &bytes) }
        var walk = Walk(top: [component], isStream: false)
        try writeComponent(component, into: &out, &walk)
    }

    public func string(_ component: Component) throws(JCalError) -> String {
        String(decoding: try encode(component), as: UTF8.self)
    }

    public func data(_ component: Component) throws(JCalError) -> Data {
        Data(try encode(component))
    }

    // MARK: Walking the tree

    /// Where the encoder is, kept as positions so a path is only spelled out when something fails.
    private struct Walk {
        let top: [Component]
        let isStream: Bool
        var trail: [Int] = [0]

        func path(property: Int?) -> String {
            JCalPath.describe(top: top, isStream: isStream, trail: trail, property: property)
        }
    }

    private func writeComponent(_ component: Component, into out: inout JSONOutput, _ walk: inout Walk) throws(JCalError) {
        out.byte(UInt8(ascii: "["))
        out.lowercasedName(component.name.rawValue)
        out.byte(UInt8(ascii: ","))
        out.byte(UInt8(ascii: "["))
        for index in component.properties.indices {
            if index > 0 { out.byte(UInt8(ascii: ",")) }
            do {
                try writeProperty(component.properties[index], into: &out)
            } catch {
                throw error.located(walk.path(property: index))
            }
        }
        out.byte(UInt8(ascii: "]"))
        out.byte(UInt8(ascii: ","))
        out.byte(UInt8(ascii: "["))
        for index in component.components.indices {
            if index > 0 { out.byte(UInt8(ascii: ",")) }
            walk.trail.append(index)
            try writeComponent(component.components[index], into: &out, &walk)
            walk.trail.removeLast()
        }
        out.byte(UInt8(ascii: "]"))
        out.byte(UInt8(ascii: "]"))
    }

    private func writeProperty(_ property: Property, into out: inout JSONOutput) throws(JCalError) {
        let mark = out.bytes.count
        do {
            try JCalPropertyWriter.write(property, into: &out)
        } catch where error.code == .invalidValue && invalidValues == .writeAsUnknown {
            out.bytes.removeSubrange(mark...)
            JCalPropertyWriter.writeUnknown(property, into: &out)
        }
    }
}
