import Testing
@testable import WebDAV

@Suite struct ConditionalHeadersTests {
    private func headers(_ fields: (String, String)...) -> ConditionalHeaders {
        ConditionalHeaders(DAVHeaders(fields))
    }

    @Test func absentHeadersAlwaysHold() {
        let conditions = headers()
        #expect(conditions.ifMatch == nil && conditions.ifNoneMatch == nil)
        #expect(conditions.ifMatchSatisfied(currentTag: nil))
        #expect(conditions.ifNoneMatchSatisfied(currentTag: "abc"))
    }

    @Test func tagsAreStoredWithoutQuotesAndWeakOnesStayMarked() {
        let conditions = headers(("If-Match", #""a", W/"b" , "c,d""#), ("if-match", "\"e\""))
        #expect(conditions.ifMatch == .tags(["a", "W/b", "c,d", "e"]))
    }

    /// RFC 9110 §13.1.1: `*` matches any current representation, none when the resource is missing.
    @Test func ifMatchStar() {
        let conditions = headers(("If-Match", "*"))
        #expect(conditions.ifMatch == .any)
        #expect(conditions.ifMatchSatisfied(currentTag: "abc"))
        #expect(!conditions.ifMatchSatisfied(currentTag: nil))
    }

    /// RFC 9110 §13.1.1: If-Match uses the strong comparison, so a weak tag never matches.
    @Test func ifMatchIsStrong() {
        let conditions = headers(("If-Match", #""x", W/"abc""#))
        #expect(conditions.ifMatchSatisfied(currentTag: "x"))
        #expect(conditions.ifMatchSatisfied(currentTag: "\"x\""))
        #expect(!conditions.ifMatchSatisfied(currentTag: "abc"))
        #expect(!conditions.ifMatchSatisfied(currentTag: "W/\"x\""))
        #expect(!conditions.ifMatchSatisfied(currentTag: "y"))
        #expect(!conditions.ifMatchSatisfied(currentTag: nil))
    }

    /// RFC 9110 §13.1.2: `If-None-Match: *` is how a client creates a resource only when it does not exist.
    @Test func ifNoneMatchStar() {
        let conditions = headers(("If-None-Match", " * "))
        #expect(conditions.ifNoneMatch == .any)
        #expect(conditions.ifNoneMatchSatisfied(currentTag: nil))
        #expect(!conditions.ifNoneMatchSatisfied(currentTag: "abc"))
    }

    /// RFC 9110 §13.1.2: If-None-Match uses the weak comparison.
    @Test func ifNoneMatchIsWeak() {
        let conditions = headers(("If-None-Match", #"W/"abc", "def""#))
        #expect(!conditions.ifNoneMatchSatisfied(currentTag: "abc"))
        #expect(!conditions.ifNoneMatchSatisfied(currentTag: "\"def\""))
        #expect(conditions.ifNoneMatchSatisfied(currentTag: "ghi"))
        #expect(conditions.ifNoneMatchSatisfied(currentTag: nil))
    }

    @Test func unquotedTagsAreAcceptedLeniently() {
        #expect(headers(("If-Match", "abc, def")).ifMatch == .tags(["abc", "def"]))
        #expect(headers(("If-Match", "abc")).ifMatchSatisfied(currentTag: "\"abc\""))
    }

    @Test func emptyFieldIsNoCondition() {
        #expect(headers(("If-Match", " , ")).ifMatch == nil)
        #expect(headers(("If-None-Match", "")).ifNoneMatch == nil)
    }

    @Test func unterminatedQuoteTakesTheRest() {
        #expect(headers(("If-Match", #""abc"#)).ifMatch == .tags(["abc"]))
    }
}
