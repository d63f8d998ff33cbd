import CalendarStore

/// A keyed digest of a user name and password, used as the credential cache key so clear-text passwords are never
/// kept in memory beyond the request that carried them.
///
/// It is SHA-256 over a per-process random key, the user name, a NUL separator and the password (the store's
/// `ETag(of:)` supplies the SHA-256: Foundation has none on Linux and the package has no crypto dependency). The key
/// never leaves the process and the digests are never shown, so a secret-prefix construction is enough here.
public struct CredentialFingerprint: Sendable, Hashable {
    let digest: String

    init(key: [UInt8], userName: String, password: String) {
        var message = key
        message.append(contentsOf: userName.utf8)
        message.append(0)
        message.append(contentsOf: password.utf8)
        digest = ETag(of: message).value
    }
}

/// The random key of `CredentialFingerprint`, drawn once per cache.
struct FingerprintKey: Sendable {
    let bytes: [UInt8]

    init() {
        var generator = SystemRandomNumberGenerator()
        bytes = (0..<32).map { _ in UInt8.random(in: .min ... .max, using: &generator) }
    }

    func fingerprint(userName: String, password: String) -> CredentialFingerprint {
        CredentialFingerprint(key: bytes, userName: userName, password: password)
    }
}
