import CalendarStore
import Foundation

/// Where a `PostgresStore` finds its database: parsed from a `postgres://` URL as libpq writes them,
/// `postgres://user[:password]@host[:port][,host[:port]...]/database[?sslmode=...&sslrootcert=...]`.
///
/// Several hosts name a primary and its standbys: the store connects to the first that accepts writes.
public struct PostgresStoreConfiguration: Sendable, Hashable {
    public struct Host: Sendable, Hashable {
        public var name: String
        public var port: Int
        public init(name: String, port: Int = 5432) { self.name = name; self.port = port }
    }

    /// libpq's `sslmode`: `disable`, `prefer` (TLS when the server offers it; the default), `require` (TLS, any
    /// certificate) or `verify-full` (TLS, certificate checked against `rootCertificatePath` or the system's).
    public enum TLSMode: String, Sendable, Hashable, CaseIterable {
        case disable, prefer, require
        case verifyFull = "verify-full"
    }

    public var hosts: [Host]
    public var username: String
    public var password: String?
    public var database: String
    public var tls: TLSMode
    /// A PEM file of the certificate authorities to trust (`sslrootcert`).
    public var rootCertificatePath: String?
    /// The schema the store's tables live in (PostgreSQL's `search_path`); nil for the role's default.
    public var schema: String?
    /// Connections each node opens at most.
    public var maximumConnections: Int

    public init(hosts: [Host], username: String, password: String? = nil, database: String,
                tls: TLSMode = .prefer, rootCertificatePath: String? = nil, schema: String? = nil,
                maximumConnections: Int = 20) {
        self.hosts = hosts; self.username = username; self.password = password; self.database = database
        self.tls = tls; self.rootCertificatePath = rootCertificatePath; self.schema = schema
        self.maximumConnections = maximumConnections
    }

    /// Parses a `postgres://` (or `postgresql://`) URL. `passwordFile`, when given, holds the password (its first
    /// line), which keeps it out of the configuration file and the process list.
    public init(url: String, passwordFile: String? = nil) throws(StoreError) {
        let scheme = ["postgres://", "postgresql://"].first { url.lowercased().hasPrefix($0) }
        guard let scheme else {
            throw .invalidArgument("a PostgreSQL store URL starts with postgres://, not \(url.prefix(16))...")
        }
        var rest = Substring(url.dropFirst(scheme.count))
        var query = ""
        if let mark = rest.firstIndex(of: "?") {
            query = String(rest[rest.index(after: mark)...])
            rest = rest[..<mark]
        }
        var database = ""
        if let slash = rest.firstIndex(of: "/") {
            database = Self.decoded(rest[rest.index(after: slash)...])
            rest = rest[..<slash]
        }
        var username = ""
        var password: String?
        if let at = rest.lastIndex(of: "@") {
            let credentials = rest[..<at]
            rest = rest[rest.index(after: at)...]
            if let colon = credentials.firstIndex(of: ":") {
                username = Self.decoded(credentials[..<colon])
                password = Self.decoded(credentials[credentials.index(after: colon)...])
            } else {
                username = Self.decoded(credentials)
            }
        }
        var hosts: [Host] = []
        for part in rest.split(separator: ",", omittingEmptySubsequences: false) {
            hosts.append(try Self.host(part))
        }
        var configuration = PostgresStoreConfiguration(hosts: hosts, username: username, password: password,
                                                       database: database)
        for pair in query.split(separator: "&") where !pair.isEmpty {
            let key = pair.prefix { $0 != "=" }
            let value = Self.decoded(pair.dropFirst(key.count + 1))
            switch key {
            case "sslmode":
                switch value {
                case "disable", "allow": configuration.tls = .disable
                case "prefer": configuration.tls = .prefer
                case "require", "verify-ca": configuration.tls = .require
                case "verify-full": configuration.tls = .verifyFull
                default: throw .invalidArgument("sslmode \(value) is not one of disable, prefer, require, verify-full")
                }
            case "sslrootcert": configuration.rootCertificatePath = value
            case "search_path", "schema": configuration.schema = value
            case "user": configuration.username = value
            case "password": configuration.password = value
            case "dbname": configuration.database = value
            case "pool_max_conns", "max_connections":
                guard let count = Int(value), count > 0 else {
                    throw .invalidArgument("\(key) must be a positive number, not \(value)")
                }
                configuration.maximumConnections = count
            default:
                throw .invalidArgument("unknown PostgreSQL URL parameter \(key) (known: sslmode, sslrootcert, "
                                           + "search_path, pool_max_conns)")
            }
        }
        if let passwordFile {
            do {
                let contents = try String(contentsOfFile: passwordFile, encoding: .utf8)
                configuration.password = String(contents.prefix { $0 != "\n" && $0 != "\r" })
            } catch {
                throw .invalidArgument("cannot read the PostgreSQL password file \(passwordFile): \(error)")
            }
        }
        guard !configuration.username.isEmpty else {
            throw .invalidArgument("the PostgreSQL URL names no user (postgres://USER@host/database)")
        }
        guard !configuration.database.isEmpty else {
            throw .invalidArgument("the PostgreSQL URL names no database (postgres://user@host/DATABASE)")
        }
        self = configuration
    }

    /// The URL without its password, for logs and messages.
    public var redacted: String {
        let hostList = hosts.map { ($0.name.contains(":") ? "[\($0.name)]" : $0.name) + ":\($0.port)" }
            .joined(separator: ",")
        return "postgres://\(username)@\(hostList)/\(database)"
    }

    private static func host(_ text: Substring) throws(StoreError) -> Host {
        guard !text.isEmpty else { throw .invalidArgument("the PostgreSQL URL names an empty host") }
        // [v6::address]:port
        if text.hasPrefix("["), let close = text.firstIndex(of: "]") {
            let name = String(text[text.index(after: text.startIndex)..<close])
            let after = text[text.index(after: close)...]
            guard after.isEmpty || after.hasPrefix(":") else { throw .invalidArgument("bad PostgreSQL host \(text)") }
            return Host(name: name, port: after.isEmpty ? 5432 : try port(after.dropFirst()))
        }
        if let colon = text.lastIndex(of: ":") {
            return Host(name: decoded(text[..<colon]), port: try port(text[text.index(after: colon)...]))
        }
        return Host(name: decoded(text))
    }

    private static func port(_ text: Substring) throws(StoreError) -> Int {
        guard let port = Int(text), (1...65535).contains(port) else {
            throw .invalidArgument("bad PostgreSQL port \(text)")
        }
        return port
    }

    private static func decoded(_ text: Substring) -> String {
        String(text).removingPercentEncoding ?? String(text)
    }
}
