/// How the tests inside a comp-filter or prop-filter combine.
///
/// Spec: the `test` attribute of draft-daboo-caldav-extensions (used by Apple clients); RFC 4791 itself only has
/// "all of". Absent or unknown values read as `allOf`, so a client's typo never widens a query.
public enum FilterTest: String, Sendable, Hashable {
    case allOf = "allof"
    case anyOf = "anyof"

    package init(attribute: String?) {
        self = attribute.flatMap { FilterTest(rawValue: $0.trimmingSpaces.lowercased()) } ?? .allOf
    }

    /// Combines lazily evaluated tests; with no test at all the filter matches (it only asked for existence).
    func combine(_ tests: [() -> Bool]) -> Bool {
        switch self {
        case .allOf: tests.allSatisfy { $0() }
        case .anyOf: tests.isEmpty || tests.contains { $0() }
        }
    }
}
