import AlmanacServer
import Foundation
import Testing

@Suite struct ServerConfigurationTests {
    @Test(arguments: [
        ("https://cal.example.com/dav", "/dav"), ("https://cal.example.com/dav/", "/dav"),
        ("https://cal.example.com", ""), ("https://cal.example.com/", ""), ("http://h:8443/a/b/", "/a/b"),
    ])
    func basePathComesFromTheBaseURL(_ url: String, _ expected: String) throws {
        let configuration = ServerConfiguration(baseURL: URL(string: url))
        #expect(configuration.basePath == expected)
        #expect(configuration.calDAVConfiguration.basePath == expected)
    }

    @Test func defaults() throws {
        let configuration = ServerConfiguration()
        #expect(configuration.host == "127.0.0.1")
        #expect(configuration.port == 8080)
        #expect(configuration.maxRequestBodySize == 10 * 1024 * 1024)
        #expect(configuration.basePath == "")
        try configuration.validate()
    }

    @Test func validationNamesTheSetting() {
        #expect(throws: ConfigurationError("base URL must be an absolute http(s) URL, got ftp://x/y")) {
            try ServerConfiguration(baseURL: URL(string: "ftp://x/y")).validate()
        }
        #expect(throws: ConfigurationError.self) { try ServerConfiguration(maxRequestBodySize: 0).validate() }
    }
}
