import Foundation

/// A registered redirection URI and the client's `state`, to which the answer of an authorization request goes as
/// query parameters (the URI's own query kept), with `iss` so the client can tell which server answered.
/// Spec: RFC 6749 §4.1.2 and §3.1.2 (keep the query component), RFC 9207 (the iss parameter).
public struct OAuthRedirect: Sendable, Hashable {
    public var uri: String
    public var state: String?

    public init(uri: String, state: String?) {
        self.uri = uri; self.state = state
    }

    /// The location carrying `parameters`, then `state` and `iss`.
    public func location(_ parameters: [(String, String)], issuer: String) -> String {
        var components = URLComponents(string: uri) ?? URLComponents()
        var items = components.queryItems ?? []
        items += parameters.map { URLQueryItem(name: $0.0, value: $0.1) }
        if let state { items.append(URLQueryItem(name: "state", value: state)) }
        items.append(URLQueryItem(name: "iss", value: issuer))
        components.percentEncodedQuery = FormEncoding.encode(items.map { ($0.name, $0.value ?? "") })
        return components.string ?? uri
    }

    /// The error, sent back to the client.
    public func location(for error: OAuthError, issuer: String) -> String {
        location([("error", error.code.rawValue), ("error_description", error.description)], issuer: issuer)
    }
}
