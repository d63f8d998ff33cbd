/// The scheme, host and port a URL names: what decides whether an absolute URL in a request (a Destination) points
/// at this server or another one.
/// Spec: RFC 6454 §4 (the origin of a URI), RFC 9110 §4.2.1–4.2.2 (default ports 80 and 443), §4.2.3 (scheme and
/// host compare case-insensitively), RFC 3986 §3.2 (authority: userinfo, IP literal, port).
public struct HTTPOrigin: Sendable, Hashable {
    /// "http" or "https", lower case.
    public var scheme: String
    /// Lower case; an IPv6 literal keeps its brackets.
    public var host: String
    public var port: Int

    public init(scheme: String, host: String, port: Int) {
        self.scheme = scheme.lowercased()
        self.host = host.lowercased()
        self.port = port
    }

    /// The origin of an absolute http(s) URL, or nil for anything else (a path, another scheme, a bad authority).
    public init?(url: String) {
        guard let colon = url.firstIndex(of: ":") else { return nil }
        let scheme = url[..<colon].lowercased()
        guard let defaultPort = Self.defaultPort(scheme: scheme) else { return nil }
        let rest = url[url.index(after: colon)...]
        guard rest.hasPrefix("//") else { return nil }
        let afterSlashes = rest.dropFirst(2)
        let authority = afterSlashes.prefix { $0 != "/" && $0 != "?" && $0 != "#" }
        guard let (host, port) = Self.split(authority: authority) else { return nil }
        self.init(scheme: scheme, host: host, port: port ?? defaultPort)
    }

    /// 80 for http, 443 for https, nil for other schemes.
    public static func defaultPort(scheme: String) -> Int? {
        switch scheme.lowercased() {
        case "http": 80
        case "https": 443
        default: nil
        }
    }

    /// `host[:port]` of an authority (a `Host` header value or a URL's authority), userinfo dropped; nil when the
    /// host is empty or the port is not a number.
    public static func split(authority: Substring) -> (host: String, port: Int?)? {
        var hostAndPort = authority
        if let at = hostAndPort.lastIndex(of: "@") { hostAndPort = hostAndPort[hostAndPort.index(after: at)...] }
        let host: Substring
        var portText: Substring?
        if hostAndPort.hasPrefix("[") {
            guard let close = hostAndPort.firstIndex(of: "]") else { return nil }
            host = hostAndPort[...close]
            let after = hostAndPort[hostAndPort.index(after: close)...]
            if !after.isEmpty {
                guard after.hasPrefix(":") else { return nil }
                portText = after.dropFirst()
            }
        } else if let colon = hostAndPort.lastIndex(of: ":") {
            host = hostAndPort[..<colon]
            portText = hostAndPort[hostAndPort.index(after: colon)...]
        } else {
            host = hostAndPort
        }
        guard !host.isEmpty else { return nil }
        // "host:" (an empty port) means the default port (RFC 3986 §3.2.3).
        guard let portText, !portText.isEmpty else { return (host.lowercased(), nil) }
        guard let port = Int(portText), (0...65_535).contains(port) else { return nil }
        return (host.lowercased(), port)
    }
}
