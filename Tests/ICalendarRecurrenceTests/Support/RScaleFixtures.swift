import Foundation
import Testing

/// One case of `Fixtures/rscale/cross-check.json` (also checked against convertdate by Tests/CrossCheck/check_rscale.py).
struct RScaleFixtureCase: Decodable, Sendable, CustomTestStringConvertible {
    let id: String
    let description: String
    let dtstart: String
    let rrule: String
    let expected: [String]

    var testDescription: String { id }
}

enum RScaleFixtures {
    struct File: Decodable { let cases: [RScaleFixtureCase] }

    static let all: [RScaleFixtureCase] = {
        let url = RecurrenceFixtures.directory.deletingLastPathComponent().appendingPathComponent("rscale/cross-check.json")
        do {
            return try JSONDecoder().decode(File.self, from: Data(contentsOf: url)).cases
        } catch {
            fatalError("cannot read \(url.path): \(error)")
        }
    }()
}
