import Foundation
import AlmanacServer
import ArgumentParser
import Logging

/// `almanac serve`: runs the CalDAV server until SIGTERM or SIGINT.
struct ServeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Run the CalDAV server.",
        discussion: """
            Settings come from flags, then ALMANAC_* environment variables, then the config file, then defaults.
            The config file holds 'key = value' lines; lines starting with # are comments. Keys (environment \
            variable in brackets):

            \(ConfigurationKey.allCases.map { "  \($0.rawValue) [\($0.environmentName)]: \($0.summary)" }.joined(separator: "\n"))

            On the first start with an empty database the administrator 'admin' is created and its password \
            printed once.
            """)

    @OptionGroup var data: DataOptions

    @Option(help: ArgumentHelp("Interface to listen on (env ALMANAC_HOST).", valueName: "host"))
    var host: String?

    @Option(help: ArgumentHelp("TCP port (env ALMANAC_PORT).", valueName: "port"))
    var port: Int?

    @Option(name: .customLong("base-url"), help: ArgumentHelp(
        "Public URL clients use, e.g. https://cal.example.com/dav (env ALMANAC_BASE_URL).", valueName: "url"))
    var baseURL: String?

    @Option(name: .customLong("log-level"), help: ArgumentHelp(
        "trace, debug, info, notice, warning, error or critical (env ALMANAC_LOG_LEVEL).", valueName: "level"))
    var logLevel: String?

    func run() async throws {
        var flags: [ConfigurationKey: String] = [:]
        flags[.host] = host
        flags[.port] = port.map(String.init)
        flags[.baseURL] = baseURL
        flags[.logLevel] = logLevel
        let configuration = try data.serverConfiguration(flags: flags)

        LoggingSystem.bootstrap { label in
            var handler = StreamLogHandler.standardError(label: label)
            handler.logLevel = configuration.logLevel
            return handler
        }
        let logger = {
            var logger = Logger(label: "almanac")
            logger.logLevel = configuration.logLevel
            return logger
        }()

        try await StoreSession.withStore(data, configuration: configuration) { store in
            let cache = CredentialCache()
            let administration = UserAdministration(store: store, calDAVConfiguration: configuration.calDAVConfiguration,
                                                    bcryptCost: configuration.bcryptCost, credentialCache: cache)
            if let password = try await administration.bootstrapAdministrator() {
                // Written unbuffered: under a service manager stdout is a pipe, and a buffered line would only
                // appear when the server stops.
                let notice = "Created administrator '\(UserAdministration.administratorName)' with password: \(password)\n"
                    + "Store it now: it is not shown again. Change it with 'almanac user passwd admin'.\n"
                FileHandle.standardOutput.write(Data(notice.utf8))
            }
            let host = configuration.host
            let application = try AlmanacApplication.make(
                configuration: configuration, store: store, logger: logger, credentialCache: cache,
                onServerRunning: { port in
                    let address = host.contains(":") ? "[\(host)]" : host
                    logger.notice("Almanac listening on http://\(address):\(port.map(String.init) ?? "?")",
                                  metadata: ["data": .string(configuration.dataDirectory),
                                             "base_path": .string(configuration.basePath.isEmpty ? "/" : configuration.basePath)])
                })
            try await application.runService()
            logger.notice("Almanac stopped")
        }
    }
}
