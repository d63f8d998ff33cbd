import Foundation

/// Readers for the scalar value types that are not dates: BINARY, BOOLEAN, FLOAT, TIME, CAL-ADDRESS and URI.
///
/// Spec: RFC 5545 §3.3.1 (BINARY with ENCODING=BASE64), §3.3.2 (BOOLEAN), §3.3.3 (CAL-ADDRESS), §3.3.7 (FLOAT),
/// §3.3.12 (TIME), §3.3.13 (URI), §3.8.1.6 (GEO).
extension Property {
    /// The decoded bytes of a BINARY value (ENCODING=BASE64).
    public func binary() throws(ICalendarParseError) -> Data {
        guard let data = Data(base64Encoded: value, options: .ignoreUnknownCharacters) else {
            throw ICalendarParseError(.invalidValue, message: "the BINARY value is not valid base64")
        }
        return data
    }

    public func boolean() throws(ICalendarParseError) -> Bool {
        switch ASCIIBytes.uppercased(value) {
        case "TRUE": return true
        case "FALSE": return false
        default: throw ICalendarParseError(.invalidValue, message: "'\(value)' is not a BOOLEAN (TRUE or FALSE)")
        }
    }

    /// The FLOAT values of the property (one, or several separated by commas).
    public func floats() throws(ICalendarParseError) -> [Double] {
        var result: [Double] = []
        for item in value.split(separator: ",", omittingEmptySubsequences: false) {
            guard let n = Double(item), n.isFinite, !item.contains("e"), !item.contains("E") else {
                throw ICalendarParseError(.invalidValue, message: "'\(item)' is not a FLOAT like 1000000.0000001 or -1.5")
            }
            result.append(n)
        }
        return result
    }

    public func times() throws(ICalendarParseError) -> [TimeOfDay] {
        var result: [TimeOfDay] = []
        for item in value.split(separator: ",") { result.append(try TimeOfDay.parse(item)) }
        return result
    }

    /// GEO as latitude and longitude (two FLOATs separated by ';').
    public func geo() throws(ICalendarParseError) -> (latitude: Double, longitude: Double) {
        let parts = value.split(separator: ";", omittingEmptySubsequences: false)
        guard parts.count == 2, let lat = Double(parts[0]), let lon = Double(parts[1]), abs(lat) <= 90, abs(lon) <= 180 else {
            throw ICalendarParseError(.invalidValue, message: "GEO must be 'latitude;longitude' in degrees, like 37.386013;-122.082932")
        }
        return (lat, lon)
    }

    /// A CAL-ADDRESS or URI value as a URL (nil when it is not one).
    public var uri: URL? { URL(string: value) }

    /// The email address of a `mailto:` CAL-ADDRESS, lowercased (scheme case varies between producers).
    public var mailtoAddress: String? {
        guard value.count > 7, value.prefix(7).lowercased() == "mailto:" else { return nil }
        return value.dropFirst(7).lowercased()
    }
}
