@testable import CalendarStoreTesting
import Testing

/// The in-memory store's text prefilter compares code points with ASCII case folded, as the collations do.
@Suite struct InMemoryTextMatchTests {
    @Test(arguments: [
        ("Cafe\u{301} meeting", "cafe", true),   // decomposed é: "e" is its own code point
        ("CAFÉ", "café", false),                 // non-ASCII letters are not folded (the SQLite trigram index does more)
        ("Standup", "STAND", true),
        ("Standup", "", true),
        ("ab", "abc", false),
    ])
    func containment(text: String, needle: String, expected: Bool) {
        #expect(InMemoryStore.contains(text, needle) == expected)
    }
}
