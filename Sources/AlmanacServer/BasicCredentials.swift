import Foundation

/// A user name and password from an `Authorization: Basic` header.
/// Spec: RFC 7617 §2 (user-pass = user-id ":" password, base64 encoded), §2.1 (charset="UTF-8").
public struct BasicCredentials: Sendable, Hashable {
    public var userName: String
    public var password: String

    public init(userName: String, password: String) {
        self.userName = userName
        self.password = password
    }

    /// Parses an `Authorization` header value; nil when it is not a well-formed Basic credential.
    /// The scheme name is case-insensitive (RFC 9110 §11.1); the user id cannot contain ":" (RFC 7617 §2), so the
    /// first colon separates it from the password, which may contain colons.
    public init?(authorization header: String) {
        let trimmed = header.trimmingCharacters(in: .whitespaces)
        guard let space = trimmed.firstIndex(of: " "),
              trimmed[..<space].lowercased() == "basic" else { return nil }
        let token = trimmed[space...].trimmingCharacters(in: .whitespaces)
        guard let data = Data(base64Encoded: token),
              let decoded = String(data: data, encoding: .utf8),
              let colon = decoded.firstIndex(of: ":") else { return nil }
        let userName = String(decoded[..<colon])
        guard !userName.isEmpty, !userName.contains(where: \.isControlCharacter) else { return nil }
        self.userName = userName
        self.password = String(decoded[decoded.index(after: colon)...])
    }

    /// The header value that carries these credentials.
    public var authorizationHeader: String {
        "Basic " + Data("\(userName):\(password)".utf8).base64EncodedString()
    }
}

extension Character {
    fileprivate var isControlCharacter: Bool {
        unicodeScalars.contains { $0.properties.generalCategory == .control }
    }
}
