import Testing
import WebDAV

@Suite struct HTTPOriginTests {
    /// Spec: RFC 9110 §4.2.1–4.2.3 (default ports, case-insensitive scheme and host).
    @Test func absoluteURLsGiveSchemeHostAndPortWithTheDefaultPort() {
        #expect(HTTPOrigin(url: "HTTP://Cal.Example.com/dav/x") == HTTPOrigin(scheme: "http", host: "cal.example.com", port: 80))
        #expect(HTTPOrigin(url: "https://cal.example.com") == HTTPOrigin(scheme: "https", host: "cal.example.com", port: 443))
        #expect(HTTPOrigin(url: "http://user:pw@127.0.0.1:8080/a") == HTTPOrigin(scheme: "http", host: "127.0.0.1", port: 8080))
        #expect(HTTPOrigin(url: "http://[::1]:8443/a") == HTTPOrigin(scheme: "http", host: "[::1]", port: 8443))
        #expect(HTTPOrigin(url: "http://h:/a")?.port == 80)
    }

    @Test func pathsOtherSchemesAndBadAuthoritiesHaveNoOrigin() {
        #expect(HTTPOrigin(url: "/calendars/alice/") == nil)
        #expect(HTTPOrigin(url: "ftp://h/x") == nil)
        #expect(HTTPOrigin(url: "http:/h/x") == nil)
        #expect(HTTPOrigin(url: "http://h:port/x") == nil)
        #expect(HTTPOrigin(url: "http:///x") == nil)
    }
}
