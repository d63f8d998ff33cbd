import WebDAV

/// The origins that name this server: the configured public URL's, and the `Host` the request was sent to. A URL
/// with any other scheme, host or port belongs to another server, which this server cannot copy or move to.
/// Spec: RFC 4918 §9.8.5 and §9.9.4 (502 when the destination is on another server), RFC 9110 §7.2 (Host).
struct LocalOrigins: Sendable {
    /// From the configured base URL (`base_url`); nil when none is configured.
    let configured: HTTPOrigin?
    /// The request's `Host` header value, as sent.
    let requestHost: String?

    /// True when `url` is a path (relative URLs resolve against this server) or an absolute http(s) URL of one of
    /// our origins.
    func contains(_ url: String) -> Bool {
        // "//host/path" is a network-path reference (RFC 3986 §4.2): it names a host, in the request's scheme.
        if url.hasPrefix("//") {
            let authority = url.dropFirst(2).prefix { $0 != "/" && $0 != "?" && $0 != "#" }
            guard let (host, port) = HTTPOrigin.split(authority: authority) else { return false }
            if let configured, configured.host == host, port == nil || port == configured.port { return true }
            return isRequestHost(host: host, port: port, defaultPort: nil)
        }
        guard !url.hasPrefix("/") else { return true }
        guard let origin = HTTPOrigin(url: url) else { return false }
        if origin == configured { return true }
        return isRequestHost(host: origin.host, port: origin.port,
                             defaultPort: HTTPOrigin.defaultPort(scheme: origin.scheme))
    }

    /// The Host header carries no scheme: behind a TLS-terminating proxy the client says https while we hear plain
    /// HTTP, so only host and port are compared, a missing port meaning `defaultPort` (the URL's scheme default).
    private func isRequestHost(host: String, port: Int?, defaultPort: Int?) -> Bool {
        guard let requestHost, let (ownHost, ownPort) = HTTPOrigin.split(authority: Substring(requestHost)) else {
            return false
        }
        return host == ownHost && (port ?? defaultPort) == (ownPort ?? defaultPort)
    }
}
