import CalendarStore

/// The text part of `CandidateQuery`: text conditions answered by the FTS5 index `object_text`.
/// Spec: RFC 4791 §9.7.5 (text-match; the CalDAV layer re-checks candidates with the requested collation).
///
/// The index uses the trigram tokenizer with case folding, so a needle quoted as an FTS5 string matches the rows
/// whose column contains it as a substring, ignoring case: a superset of what i;octet and i;ascii-casemap accept.
/// Trigrams need three characters; a shorter needle cannot use the index and is left out (every object is a
/// candidate for it), which the contract allows. Rows written before the text index existed (`text_indexed = 0`)
/// are candidates for every text condition until index maintenance stores their text.
enum TextSearchQuery {
    /// The shortest needle the trigram index can answer, in Unicode scalars (the tokenizer's characters).
    static let minimumNeedleLength = 3

    /// The FTS5 query for the conditions the index can answer, all required; nil when there is none.
    static func matchExpression(_ conditions: [TextCondition]) -> String? {
        let terms = conditions.filter { $0.needle.unicodeScalars.count >= minimumNeedleLength }
            .map { "\($0.field.rawValue) : \(quoted($0.needle))" }
        return terms.isEmpty ? nil : terms.joined(separator: " AND ")
    }

    /// A query of the ids of the candidates for `match`, an expression of `matchExpression`.
    static func candidateIDs(calendarID: Int64, match: String) -> SQL {
        // The FTS index spans all calendars; the outer query keeps this calendar's rows.
        """
        SELECT rowid FROM object_text WHERE object_text MATCH \(match)
        UNION ALL SELECT id FROM objects WHERE calendar_id = \(calendarID) AND text_indexed = 0
        """
    }

    /// An FTS5 string: in double quotes, a double quote doubled. Inside it no character is an operator.
    static func quoted(_ needle: String) -> String {
        "\"" + needle.replacing("\"", with: "\"\"") + "\""
    }
}
