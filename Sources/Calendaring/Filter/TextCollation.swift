import Foundation

/// A collation for CALDAV:text-match: substring matching with a defined notion of equal characters.
///
/// Spec: RFC 4791 §7.5 (i;ascii-casemap and i;octet are REQUIRED, i;ascii-casemap is the default, also for the
/// "default" identifier; an unsupported collation is the CALDAV:supported-collation precondition, 403 per §1.3),
/// RFC 4790 §9.2–9.3, RFC 5051 (i;unicode-casemap).
public enum TextCollation: String, Sendable, Hashable, CaseIterable {
    case asciiCasemap = "i;ascii-casemap"
    case octet = "i;octet"
    case unicodeCasemap = "i;unicode-casemap"

    /// What a CALDAV:supported-collation-set lists.
    public static let supported: [String] = allCases.map(\.rawValue)

    /// The collation a `collation` attribute names (nil: the default).
    public static func parse(_ identifier: String?) throws(CalendaringError) -> TextCollation {
        guard let identifier, identifier != "default" else { return .asciiCasemap }
        guard let collation = TextCollation(rawValue: identifier.lowercased()) else {
            throw .refused(.supportedCollation,
                           reason: "the collation '\(identifier)' is not supported; use one of \(supported.joined(separator: ", "))")
        }
        return collation
    }

    /// Whether `pattern` occurs in `value` under this collation (RFC 4790 §4.2 "substring" operation).
    public func contains(_ value: String, _ pattern: String) -> Bool {
        switch self {
        case .octet:
            return Self.containsBytes(Array(value.utf8), Array(pattern.utf8))
        case .asciiCasemap:
            return Self.containsBytes(value.utf8.map(Self.asciiLower), pattern.utf8.map(Self.asciiLower))
        case .unicodeCasemap:
            // RFC 5051 folds case after decomposition; Foundation's case- and width-insensitive search on the
            // canonically decomposed strings is that comparison for every practical input.
            guard !pattern.isEmpty else { return true }
            return value.decomposedStringWithCompatibilityMapping.range(
                of: pattern.decomposedStringWithCompatibilityMapping, options: [.caseInsensitive, .literal]) != nil
        }
    }

    private static func asciiLower(_ byte: UInt8) -> UInt8 {
        (0x41...0x5A).contains(byte) ? byte + 0x20 : byte
    }

    private static func containsBytes(_ haystack: [UInt8], _ needle: [UInt8]) -> Bool {
        guard !needle.isEmpty else { return true }
        guard needle.count <= haystack.count else { return false }
        let first = needle[0]
        for offset in 0...(haystack.count - needle.count) where haystack[offset] == first {
            if haystack[offset..<(offset + needle.count)].elementsEqual(needle) { return true }
        }
        return false
    }
}
