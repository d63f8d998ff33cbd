import Foundation
import ICalendar
import Testing

/// One case of `Fixtures/recurrence/rfc5545-examples.json`.
struct RecurrenceFixtureCase: Decodable, Sendable, CustomTestStringConvertible {
    let id: String
    let section: String
    let description: String
    let dtstart: String
    let tzid: String
    let rrule: String
    let complete: Bool
    let expected: [String]
    let exdate: [String]?
    let note: String?
    /// False when DTSTART is not an instance of the rule (then COUNT includes DTSTART, see `RecurrenceSet`).
    let dtstartMatchesRule: Bool?

    var testDescription: String { id }
}

enum RecurrenceFixtures {
    struct File: Decodable { let cases: [RecurrenceFixtureCase] }

    static let directory = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Fixtures/recurrence")

    /// `rfc5545-examples.json` (RFC 5545 §3.8.5.3 and §3.3.10) and `rule-edge-cases.json`.
    static let all: [RecurrenceFixtureCase] = load("rfc5545-examples.json") + load("rule-edge-cases.json")

    static func load(_ name: String) -> [RecurrenceFixtureCase] {
        let url = directory.appendingPathComponent(name)
        do {
            return try JSONDecoder().decode(File.self, from: Data(contentsOf: url)).cases
        } catch {
            fatalError("cannot read \(url.path): \(error)")
        }
    }
}

/// Parses `YYYYMMDDTHHMMSS` (test input only).
func local(_ text: String) -> LocalDateTime {
    guard case .floating(let value) = try! DateTime.parse(text) else { fatalError("not a floating DATE-TIME: \(text)") }
    return value
}
