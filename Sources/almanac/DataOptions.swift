import AlmanacServer
import ArgumentParser
import Foundation

/// Where the server keeps its data and configuration; shared by every command that opens the store.
struct DataOptions: ParsableArguments {
    @Option(name: .customLong("data"), help: ArgumentHelp(
        "Data directory holding almanac.sqlite and almanac.conf (env ALMANAC_DATA).", valueName: "dir"))
    var dataDirectory: String?

    @Option(name: .customLong("config"), help: ArgumentHelp(
        "Config file (env ALMANAC_CONFIG; default <data>/almanac.conf when it exists).", valueName: "file"))
    var configFile: String?

    var environment: [String: String] { ProcessInfo.processInfo.environment }

    /// flag > ALMANAC_DATA > ./almanac-data
    var resolvedDataDirectory: String {
        dataDirectory ?? environment["ALMANAC_DATA"] ?? ServerConfiguration.defaultDataDirectory
    }

    /// The data directory, created (with parents) when missing.
    func preparedDataDirectory() throws -> String {
        let directory = resolvedDataDirectory
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        return directory
    }

    /// The settings of the config file: the one named by flag or environment (which must exist), else
    /// `<data>/almanac.conf` when present, else none.
    func fileSettings(dataDirectory: String) throws -> [ConfigurationKey: String] {
        let explicit = configFile ?? environment["ALMANAC_CONFIG"]
        let path = explicit ?? (dataDirectory as NSString).appendingPathComponent("almanac.conf")
        guard FileManager.default.fileExists(atPath: path) else {
            if let explicit { throw ValidationError("Config file \(explicit) does not exist.") }
            return [:]
        }
        let text = try String(contentsOfFile: path, encoding: .utf8)
        return try ConfigurationFile.parse(text, source: path)
    }

    /// The `ALMANAC_*` variables that name configuration keys.
    var environmentSettings: [ConfigurationKey: String] {
        var settings: [ConfigurationKey: String] = [:]
        for key in ConfigurationKey.allCases {
            if let value = environment[key.environmentName] { settings[key] = value }
        }
        return settings
    }

    /// The configuration from `flags`, the environment and the config file, in that order of precedence.
    func serverConfiguration(flags: [ConfigurationKey: String] = [:]) throws -> ServerConfiguration {
        let directory = try preparedDataDirectory()
        return try ServerConfiguration(dataDirectory: directory,
                                       layers: [flags, environmentSettings, fileSettings(dataDirectory: directory)])
    }

    var databasePath: String { (resolvedDataDirectory as NSString).appendingPathComponent("almanac.sqlite") }
}
