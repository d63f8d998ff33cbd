/// Writes one property as a jCal property array: `["dtstart", {"tzid": "Europe/Berlin"}, "date-time", "2013-02-14T12:00:00"]`.
///
/// Spec: RFC 7265 §3.4 (property arrays), §3.4.1 (multi-valued, GEO, REQUEST-STATUS), §3.5 (parameters), §5.1
/// (unknown types). Errors carry no path; the encoder adds it.
enum JCalPropertyWriter {
    static func write(_ property: Property, into out: inout JSONOutput) throws(JCalError) {
        let known = JCalPropertyTypes.default(for: property.name)
        var type = known
        var explicit = false
        if let valueParameter = property.parameter(.value) {
            guard JCalNames.isValid(valueParameter.value) else {
                throw JCalError(.invalidParameter, message: "VALUE='\(valueParameter.value)' does not name a value type")
            }
            type = ValueType(name: valueParameter.value)
            explicit = true
        }
        // Several values for the list properties of RFC 5545 (§3.4.1.1), and for unknown properties whose explicit
        // type cannot contain a comma, so an X- list written with VALUE=DATE survives a round trip.
        let isList = ValueType.isList(property.name) || (known == nil && type.map(JCalPropertyTypes.isSplittable) == true)

        out.byte(UInt8(ascii: "["))
        out.lowercasedName(property.name.rawValue)
        out.byte(UInt8(ascii: ","))
        writeParameters(property.parameters, into: &out)
        out.byte(UInt8(ascii: ","))

        var raw = property.value
        try raw.withUTF8Bytes { (bytes) throws(JCalError) in
            // A DATE written without VALUE=DATE where DATE-TIME is the default (common in the wild, and accepted by
            // the parser) is a date: say so rather than fail.
            if type == .dateTime, !explicit, JCalValueCodec.isDate(firstItem(bytes, isList: isList)) { type = .date }
            JCalPropertyTypes.writeName(of: type, into: &out)
            if property.name == .geo, type == .float {
                out.byte(UInt8(ascii: ","))
                try JCalValueCodec.writeGeo(bytes, into: &out)
            } else if property.name == .requestStatus, type == .text {
                out.byte(UInt8(ascii: ","))
                try JCalValueCodec.writeRequestStatus(bytes, into: &out)
            } else if isList {
                try forEachItem(bytes, escapeAware: type == .text) { (item) throws(JCalError) in
                    out.byte(UInt8(ascii: ","))
                    try JCalValueCodec.write(item, as: type, into: &out)
                }
            } else {
                out.byte(UInt8(ascii: ","))
                try JCalValueCodec.write(bytes, as: type, into: &out)
            }
        }
        out.byte(UInt8(ascii: "]"))
    }

    /// The RFC 7265 §5.1 form for a value that cannot be converted: type `unknown`, raw text.
    static func writeUnknown(_ property: Property, into out: inout JSONOutput) {
        out.byte(UInt8(ascii: "["))
        out.lowercasedName(property.name.rawValue)
        out.byte(UInt8(ascii: ","))
        writeParameters(property.parameters, into: &out)
        out.ascii(",\"unknown\",")
        out.string(property.value)
        out.byte(UInt8(ascii: "]"))
    }

    /// `{"tzid":"Europe/Berlin","member":["mailto:a@example.org","mailto:b@example.org"]}`: lowercase names, one
    /// value as a string, several as an array (§3.5.2), VALUE left out (§3.5.1). A name repeated in the tree
    /// (`MEMBER=a;MEMBER=b`) is merged into one member, since a JSON object cannot repeat a key.
    static func writeParameters(_ parameters: [Parameter], into out: inout JSONOutput) {
        out.byte(UInt8(ascii: "{"))
        var first = true
        for index in parameters.indices where parameters[index].name != .value {
            let name = parameters[index].name
            if index > 0, parameters[..<index].contains(where: { $0.name == name }) { continue }
            var values = parameters[index].values
            for later in parameters[(index + 1)...] where later.name == name { values += later.values }
            if !first { out.byte(UInt8(ascii: ",")) }
            first = false
            out.lowercasedName(name.rawValue)
            out.byte(UInt8(ascii: ":"))
            if values.count == 1 {
                out.string(values[0])
            } else if values.isEmpty {
                out.ascii("\"\"")
            } else {
                out.byte(UInt8(ascii: "["))
                for (k, value) in values.enumerated() {
                    if k > 0 { out.byte(UInt8(ascii: ",")) }
                    out.string(value)
                }
                out.byte(UInt8(ascii: "]"))
            }
        }
        out.byte(UInt8(ascii: "}"))
    }

    /// Calls `body` with each comma-separated item; for TEXT, `\,` does not separate.
    private static func forEachItem(
        _ bytes: UnsafeBufferPointer<UInt8>, escapeAware: Bool, _ body: (UnsafeBufferPointer<UInt8>) throws(JCalError) -> Void
    ) throws(JCalError) {
        var start = 0
        var escaping = false
        for i in 0..<bytes.count {
            let b = bytes[i]
            if escaping {
                escaping = false
            } else if escapeAware && b == 0x5C {
                escaping = true
            } else if b == UInt8(ascii: ",") {
                try body(UnsafeBufferPointer(rebasing: bytes[start..<i]))
                start = i + 1
            }
        }
        try body(UnsafeBufferPointer(rebasing: bytes[start...]))
    }

    private static func firstItem(_ bytes: UnsafeBufferPointer<UInt8>, isList: Bool) -> UnsafeBufferPointer<UInt8> {
        guard isList, let comma = bytes.firstIndex(of: UInt8(ascii: ",")) else { return bytes }
        return UnsafeBufferPointer(rebasing: bytes[..<comma])
    }
}

fileprivate extension String {
    /// `withUTF8` for a body with typed throws (the standard one only rethrows untyped errors).
    mutating func withUTF8Bytes<R>(_ body: (UnsafeBufferPointer<UInt8>) throws(JCalError) -> R) throws(JCalError) -> R {
        let result: Result<R, JCalError> = withUTF8 { bytes in Result { () throws(JCalError) in try body(bytes) } }
        return try result.get()
    }
}
