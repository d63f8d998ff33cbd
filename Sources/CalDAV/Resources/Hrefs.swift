import WebDAV

/// Builds the hrefs the server writes, all below the configured base path, percent-encoded.
struct Hrefs: Sendable {
    let basePath: String

    func href(_ path: ResourcePath) -> String {
        HrefPath.encode(path.segments, basePath: basePath, trailingSlash: path.isCollection)
    }

    func principal(_ user: String) -> String { href(.principal(user: user)) }
    func home(_ user: String) -> String { href(.calendarHome(user: user)) }
    func calendar(_ user: String, _ slug: String) -> String { href(.calendar(user: user, calendar: slug)) }
    func object(_ user: String, _ slug: String, _ name: String) -> String {
        href(.object(user: user, calendar: slug, name: name))
    }

    /// The path an incoming href (multiget, Destination) names, or nil when it is outside our URL space.
    func path(of href: String) -> ResourcePath? {
        guard let decoded = HrefPath.decode(href, basePath: basePath) else { return nil }
        return ResourcePath(segments: decoded.segments)
    }
}
