import AlmanacServer
import Foundation
import Logging
import Testing

@Suite struct ConfigurationLayersTests {
    @Test func parsesKeyValueLinesWithComments() throws {
        let text = """
            # Almanac
            host = 0.0.0.0
              port=9000
            base_url = "https://cal.example.com/dav"

            log_level = debug
            """
        let settings = try ConfigurationFile.parse(text)
        #expect(settings == [.host: "0.0.0.0", .port: "9000", .baseURL: "https://cal.example.com/dav", .logLevel: "debug"])
    }

    @Test func rejectsUnknownRepeatedAndMalformedLines() {
        #expect(throws: ConfigurationError.self) { try ConfigurationFile.parse("hots = x") }
        #expect(throws: ConfigurationError.self) { try ConfigurationFile.parse("port = 1\nport = 2") }
        #expect(throws: ConfigurationError.self) { try ConfigurationFile.parse("just words") }
    }

    @Test func firstLayerWinsThenDefaults() throws {
        let flags: [ConfigurationKey: String] = [.port: "9001"]
        let environment: [ConfigurationKey: String] = [.port: "9002", .host: "10.0.0.1"]
        let file: [ConfigurationKey: String] = [.host: "10.0.0.2", .logLevel: "warning", .baseURL: "https://h/cal/"]
        let configuration = try ServerConfiguration(dataDirectory: "/var/lib/almanac", layers: [flags, environment, file])
        #expect(configuration.port == 9001)
        #expect(configuration.host == "10.0.0.1")
        #expect(configuration.logLevel == .warning)
        #expect(configuration.basePath == "/cal")
        #expect(configuration.maxRequestBodySize == ServerConfiguration.defaultMaxRequestBodySize)
        #expect(configuration.dataDirectory == "/var/lib/almanac")
    }

    @Test(arguments: [
        [ConfigurationKey.port: "eighty"], [.port: "0"], [.logLevel: "loud"], [.bcryptCost: "40"],
        [.trustForwardedFor: "maybe"], [.baseURL: "not a url at all"], [.idleTimeout: "0"], [.bodyTimeout: "soon"],
    ])
    func badValuesNameTheKey(_ layer: [ConfigurationKey: String]) {
        #expect(throws: ConfigurationError.self) { try ServerConfiguration(dataDirectory: ".", layers: [layer]) }
    }

    @Test func timeoutsAreWholeSecondsWithDefaults() throws {
        let defaults = try ServerConfiguration(dataDirectory: ".", layers: [])
        #expect(defaults.idleTimeout == .seconds(60))
        #expect(defaults.bodyTimeout == .seconds(300))
        let set = try ServerConfiguration(dataDirectory: ".", layers: [[.idleTimeout: "15", .bodyTimeout: "120"]])
        #expect(set.idleTimeout == .seconds(15))
        #expect(set.bodyTimeout == .seconds(120))
    }

    @Test func storeIsSQLiteUnlessAPostgresURL() throws {
        #expect(try ServerConfiguration(dataDirectory: ".", layers: []).store == "sqlite")
        #expect(try ServerConfiguration(dataDirectory: ".", layers: [[.store: "SQLite"]]).store == "sqlite")
        let url = "postgres://almanac@db:5432/almanac?sslmode=require"
        let postgres = try ServerConfiguration(dataDirectory: ".", layers: [[.store: url, .storePasswordFile: "/run/pw"]])
        #expect(postgres.store == url)
        #expect(postgres.storePasswordFile == "/run/pw")
        #expect(throws: ConfigurationError.self) {
            try ServerConfiguration(dataDirectory: ".", layers: [[.store: "mysql://db/almanac"]])
        }
        #expect(throws: ConfigurationError.self) {
            try ServerConfiguration(dataDirectory: ".", layers: [[.storePasswordFile: "/run/pw"]])
        }
    }

    @Test func environmentNames() {
        #expect(ConfigurationKey.baseURL.environmentName == "ALMANAC_BASE_URL")
        #expect(ConfigurationKey.logLevel.environmentName == "ALMANAC_LOG_LEVEL")
    }
}
