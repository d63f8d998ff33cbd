import CalendarStore
import Foundation
import ICalendar

extension IndexedText {
    /// The searchable text of an object's members (master and overrides): SUMMARY, DESCRIPTION and LOCATION values,
    /// ATTENDEE addresses with their CN, each as the CALDAV:text-match of RFC 4791 §9.7.5 reads it (`PropFilter`:
    /// unescaped TEXT, other types as written). Each distinct value once, in order of appearance, joined by "\n".
    ///
    /// Where a value's compatibility decomposition or its case folding differs from it ("ﬁ" → "fi", full-width
    /// letters, "ß" → "ss"), those forms are added as more lines: i;unicode-casemap compares decomposed, case-folded
    /// strings, so an ASCII needle can match such a value, and the store's substring test (ASCII case-insensitive)
    /// must find it too: a superset is safe, a subset is not. VALARMs are not read: text conditions come only from
    /// prop-filters on the object's own components.
    init(members: [Component]) {
        var fields: [IndexedTextField: TextLines] = [:]
        for member in members {
            for property in member.properties {
                switch property.name {
                case .summary: fields[.summary, default: TextLines()].add(Self.filterValue(property))
                case .description: fields[.description, default: TextLines()].add(Self.filterValue(property))
                case .location: fields[.location, default: TextLines()].add(Self.filterValue(property))
                case .attendee:
                    fields[.attendees, default: TextLines()].add(Self.filterValue(property))
                    for parameter in property.parameters where parameter.name == .cn {
                        for value in parameter.values { fields[.attendees, default: TextLines()].add(value) }
                    }
                default: continue
                }
            }
        }
        self.init(summary: fields[.summary]?.joined ?? "", description: fields[.description]?.joined ?? "",
                  location: fields[.location]?.joined ?? "", attendees: fields[.attendees]?.joined ?? "")
    }

    /// The string a text-match compares for this property (the same reading as `PropFilter`).
    static func filterValue(_ property: Property) -> String {
        property.valueType == .text ? property.text : property.value
    }
}

/// Distinct values of one field, in order of appearance. Compared by their bytes: Swift's `==` treats canonically
/// equivalent strings ("İ" and "I" + U+0307) as equal, but a store's substring test sees different code points.
private struct TextLines {
    private var lines: [String] = []
    private var seen: Set<[UInt8]> = []

    mutating func add(_ value: String) {
        guard !value.isEmpty else { return }
        insert(value)
        let decomposed = value.decomposedStringWithCompatibilityMapping
        insert(decomposed)
        // Folding that only lowers ASCII letters adds nothing the store's test does not do itself.
        let folded = decomposed.folding(options: [.caseInsensitive], locale: nil)
        if Array(folded.utf8) != decomposed.utf8.map(Self.asciiLower) { insert(folded) }
    }

    private mutating func insert(_ line: String) {
        if seen.insert(Array(line.utf8)).inserted { lines.append(line) }
    }

    private static func asciiLower(_ byte: UInt8) -> UInt8 {
        (0x41...0x5A).contains(byte) ? byte + 0x20 : byte
    }

    var joined: String { lines.joined(separator: "\n") }
}
