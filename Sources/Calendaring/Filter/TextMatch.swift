/// CALDAV:text-match: a substring test on a property or parameter value.
///
/// Spec: RFC 4791 §9.7.5. `collation` defaults to i;ascii-casemap; `negate-condition="yes"` inverts the result. The
/// match text is trimmed of surrounding white space, which pretty-printed XML adds and no client means.
public struct TextMatch: Sendable, Hashable {
    public var text: String
    public var collation: TextCollation
    public var isNegated: Bool

    public init(text: String, collation: TextCollation = .asciiCasemap, isNegated: Bool = false) {
        self.text = text
        self.collation = collation
        self.isNegated = isNegated
    }

    /// The test on one value, negation applied.
    public func matches(_ value: String) -> Bool {
        collation.contains(value, text) != isNegated
    }

    /// The test on a multi-valued parameter: whether any value contains the text, negation applied to the answer.
    func matches(anyOf values: [String]) -> Bool {
        values.contains { collation.contains($0, text) } != isNegated
    }
}
