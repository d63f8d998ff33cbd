import Foundation

/// Whether a requested redirection URI is one the client registered: compared exactly (RFC 6749 §3.1.2.3), except
/// that for http on a loopback address any port matches, since a native app listens on whatever port the
/// system gives it.
/// Spec: RFC 8252 §7.3.
enum OAuthRedirectMatch {
    static func matches(_ requested: String, registered: String) -> Bool {
        if requested == registered { return true }
        guard var asked = URLComponents(string: requested), var known = URLComponents(string: registered),
              asked.scheme?.lowercased() == "http", known.scheme?.lowercased() == "http",
              isLoopback(known.host ?? ""), asked.host == known.host else { return false }
        asked.port = nil
        known.port = nil
        return asked.string == known.string
    }

    static func isLoopback(_ host: String) -> Bool {
        host == "127.0.0.1" || host == "[::1]" || host == "::1" || host.lowercased() == "localhost"
    }
}
