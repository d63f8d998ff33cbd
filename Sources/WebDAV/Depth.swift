import Foundation

/// The `Depth` request header (RFC 4918 §10.2).
public enum Depth: Sendable, Hashable {
    case zero, one, infinity

    /// Parses the header value; nil header gives `absent`, anything other than 0, 1 or infinity is nil (a 400).
    public init?(header: String?, absent: Depth) {
        guard let header else { self = absent; return }
        switch header.trimmingCharacters(in: .whitespaces).lowercased() {
        case "0": self = .zero
        case "1": self = .one
        case "infinity": self = .infinity
        default: return nil
        }
    }
}
