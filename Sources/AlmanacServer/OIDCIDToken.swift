import JWTKit

/// The claims of an OpenID Connect ID token that Almanac relies on: who the provider says signed in (its verified
/// e-mail address), for which client, when, and the nonce that ties it to this sign-in.
/// Spec: OpenID Connect Core 1.0 §2 (ID token), §3.1.3.7 (validation); OpenID Connect Core §5.1 (email_verified).
struct OIDCIDToken: JWTIdentityToken {
    var issuer: IssuerClaim
    var subject: SubjectClaim
    var audience: AudienceClaim
    var expiration: ExpirationClaim
    var issuedAt: IssuedAtClaim
    var nonce: String?
    var email: String?
    var emailVerified: BoolClaim?

    enum CodingKeys: String, CodingKey {
        case issuer = "iss", subject = "sub", audience = "aud", expiration = "exp", issuedAt = "iat", nonce, email
        case emailVerified = "email_verified"
    }

    func verify(using algorithm: some JWTAlgorithm) async throws {
        try expiration.verifyNotExpired()
    }
}
