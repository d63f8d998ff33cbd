@testable import AlmanacServer
import Testing

@Suite struct DAVPathTests {
    @Test func decodesSegmentsBelowTheBasePath() throws {
        let path = try DAVPath(rawPath: "/dav/calendars/alice/Work%20Stuff/%E6%97%A5%E6%9C%AC.ics", basePath: "/dav")
        #expect(path.segments == ["calendars", "alice", "Work Stuff", "日本.ics"])
        #expect(!path.trailingSlash)
    }

    @Test func rootAndTrailingSlash() throws {
        #expect(try DAVPath(rawPath: "/", basePath: "") == DAVPath(segments: [], trailingSlash: true))
        #expect(try DAVPath(rawPath: "/dav", basePath: "/dav") == DAVPath(segments: [], trailingSlash: false))
        #expect(try DAVPath(rawPath: "/dav/calendars/alice/", basePath: "/dav")
                == DAVPath(segments: ["calendars", "alice"], trailingSlash: true))
        #expect(try DAVPath(rawPath: "//dav//calendars", basePath: "/dav").segments == ["calendars"])
    }

    @Test func basePathIsComparedBySegmentAfterDecoding() throws {
        #expect(try DAVPath(rawPath: "/d%61v/x", basePath: "/dav").segments == ["x"])
        #expect(throws: DAVPath.Failure.outsideBasePath) { try DAVPath(rawPath: "/davx/y", basePath: "/dav") }
        #expect(throws: DAVPath.Failure.outsideBasePath) { try DAVPath(rawPath: "/", basePath: "/dav") }
    }

    @Test(arguments: ["/dav/%", "/dav/%4", "/dav/%G0", "/dav/%FF", "/dav/a%2Fb", "/dav/..", "/dav/./x", "/dav/a%00", "dav"])
    func refusesMalformedPaths(_ raw: String) {
        #expect(throws: DAVPath.Failure.malformed) { try DAVPath(rawPath: raw, basePath: "/dav") }
    }

    @Test func asteriskMeansTheRoot() throws {
        #expect(try DAVPath(rawPath: "*", basePath: "/dav").segments == [])
    }
}
