import Testing
@testable import WebDAV

@Suite struct HrefPathTests {
    @Test func encodesSegmentsBelowTheBase() {
        #expect(HrefPath.encode(["calendars", "alice", "work"], basePath: "", trailingSlash: true)
            == "/calendars/alice/work/")
        #expect(HrefPath.encode(["calendars", "alice", "a.ics"], basePath: "/dav", trailingSlash: false)
            == "/dav/calendars/alice/a.ics")
        #expect(HrefPath.encode(["x"], basePath: "/dav/", trailingSlash: false) == "/dav/x")
        #expect(HrefPath.encode([], basePath: "/dav", trailingSlash: false) == "/dav/")
        #expect(HrefPath.encode([], basePath: "", trailingSlash: true) == "/")
    }

    @Test func percentEncodesWhatAPathSegmentCannotHold() {
        #expect(HrefPath.encode(["my calendar", "100%", "a?b#c", "x/y"], basePath: "", trailingSlash: false)
            == "/my%20calendar/100%25/a%3Fb%23c/x%2Fy")
        #expect(HrefPath.encode(["Café ☕"], basePath: "", trailingSlash: false) == "/Caf%C3%A9%20%E2%98%95")
        // Unreserved, sub-delims, ":" and "@" are legal in a segment and stay as the client wrote them.
        #expect(HrefPath.encode(["a-b_c.d~e!$&'()*+,;=:@"], basePath: "", trailingSlash: false)
            == "/a-b_c.d~e!$&'()*+,;=:@")
        #expect(HrefPath.encode(["quote\"<>`{}|\\^"], basePath: "", trailingSlash: false)
            == "/quote%22%3C%3E%60%7B%7D%7C%5C%5E")
    }

    static let segmentSamples: [[String]] = [
        ["calendars", "alice", "my calendar"],
        ["100% sure", "über", "日本語", "emoji 🎉"],
        ["a+b", "c&d", "e=f;g", "h%20i", "x/y", "?#"],
    ]

    @Test(arguments: segmentSamples)
    func roundTrips(_ segments: [String]) throws {
        for basePath in ["", "/dav", "/d a v/"] {
            for trailingSlash in [false, true] {
                let href = HrefPath.encode(segments, basePath: basePath, trailingSlash: trailingSlash)
                let decoded = try #require(HrefPath.decode(href, basePath: basePath))
                #expect(decoded.segments == segments)
                #expect(decoded.trailingSlash == trailingSlash)
            }
        }
    }

    /// Destination headers (RFC 4918 §10.3) and multiget hrefs may be absolute URLs.
    @Test func acceptsAbsoluteURLs() throws {
        let decoded = try #require(HrefPath.decode("https://cal.example.com:8443/dav/calendars/alice/work/", basePath: "/dav"))
        #expect(decoded.segments == ["calendars", "alice", "work"])
        #expect(decoded.trailingSlash)
        #expect(HrefPath.decode("HTTP://example.com/a%20b.ics", basePath: "")?.segments == ["a b.ics"])
        #expect(HrefPath.decode("http://example.com", basePath: "")?.segments == [])
    }

    /// A network-path reference names a host: its path is what follows the authority, not the host as a segment.
    @Test func acceptsNetworkPathReferences() {
        #expect(HrefPath.decode("//cal.example.com/dav/calendars/alice/a.ics", basePath: "/dav")?.segments
            == ["calendars", "alice", "a.ics"])
        #expect(HrefPath.decode("//cal.example.com", basePath: "")?.segments == [])
    }

    @Test func theBaseItselfIsACollection() {
        #expect(HrefPath.decode("/dav", basePath: "/dav/")?.segments == [])
        #expect(HrefPath.decode("/dav", basePath: "/dav/")?.trailingSlash == true)
        #expect(HrefPath.decode("/", basePath: "")?.segments == [])
    }

    @Test func dropsQueryFragmentEmptyAndDotSegments() {
        #expect(HrefPath.decode("/a//./b/?x=1#frag", basePath: "")?.segments == ["a", "b"])
        #expect(HrefPath.decode("/a/b?x=1", basePath: "")?.trailingSlash == false)
    }

    @Test(arguments: [
        "/other/calendars/alice/",       // outside the base
        "/davx/calendars/",              // a sibling that merely shares the prefix
        "/dav/calendars/../../etc",      // parent segments
        "/dav/%2E%2E/secret",            // encoded parent segment
        "/dav/bad%zzescape",             // invalid escape
        "/dav/truncated%4",              // truncated escape
        "/dav/nul%00byte",               // NUL
        "/dav/%C3%28",                   // invalid UTF-8
        "calendars/alice/",              // relative reference
        "mailto:alice@example.com",      // not a path
    ])
    func rejects(_ href: String) {
        #expect(HrefPath.decode(href, basePath: "/dav") == nil)
    }

    /// Read byte by byte: the URL forms and the refusals keep their meaning (RFC 3986 §3.1 scheme case, §2.1 escapes).
    @Test func bytesAreReadAsTheURLGrammarSays() {
        #expect(HrefPath.decode("http://host?x=1", basePath: "")?.segments == [])
        #expect(HrefPath.decode("HtTpS://host/a/%C3%A9t%C3%A9.ics", basePath: "")?.segments == ["a", "été.ics"])
        #expect(HrefPath.decode("/a/été/", basePath: "")?.segments == ["a", "été"])
        #expect(HrefPath.decode("httpx://host/a", basePath: "") == nil)
        #expect(HrefPath.decode("/a/%00", basePath: "") == nil)
        #expect(HrefPath.decode("/a/%C3", basePath: "") == nil)
        #expect(HrefPath.decode("/a/%4", basePath: "") == nil)
        #expect(HrefPath.decode("/a/%41", basePath: "")?.segments == ["a", "A"])
        #expect(HrefPath.decode("a/b", basePath: "") == nil)
    }
}
