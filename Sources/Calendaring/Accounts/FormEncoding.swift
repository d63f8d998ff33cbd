import Foundation

/// application/x-www-form-urlencoded values for OAuth 2.0 requests and redirects: everything but the unreserved
/// characters percent-encoded (RFC 3986 §2.3), which every form decoder reads back unchanged.
/// Spec: RFC 6749 Appendix B, §2.3.1 (client credentials in a Basic header are encoded this way too).
package enum FormEncoding {
    private static let unreserved: CharacterSet = {
        var allowed = CharacterSet(charactersIn: "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789")
        allowed.insert(charactersIn: "-._~")
        return allowed
    }()

    package static func encode(_ text: String) -> String {
        text.addingPercentEncoding(withAllowedCharacters: unreserved) ?? ""
    }

    /// `name=value` pairs joined with `&`.
    package static func encode(_ fields: [(String, String)]) -> String {
        fields.map { encode($0.0) + "=" + encode($0.1) }.joined(separator: "&")
    }
}
