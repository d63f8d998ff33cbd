import CalendarStore
import Foundation

/// Proof Key for Code Exchange: the client sends the SHA-256 of a secret with the authorization request and the
/// secret itself with the code, so a code intercepted on the way back is useless. Almanac requires it of every
/// client, confidential ones too (as OAuth 2.1 does), and accepts only S256: `plain` would send the secret twice.
/// Spec: RFC 7636 §4.1 (the verifier), §4.2 (S256), §4.6 (the check).
public enum PKCE {
    /// 43 to 128 characters of ALPHA / DIGIT / "-" / "." / "_" / "~".
    public static func isValidVerifier(_ verifier: String) -> Bool {
        (43...128).contains(verifier.utf8.count) && verifier.utf8.allSatisfy(isUnreserved)
    }

    /// A base64url SHA-256 without padding: 43 characters of the base64url alphabet.
    public static func isValidChallenge(_ challenge: String) -> Bool {
        challenge.utf8.count == 43 && challenge.utf8.allSatisfy {
            isUnreserved($0) && $0 != UInt8(ascii: ".") && $0 != UInt8(ascii: "~")
        }
    }

    /// BASE64URL-ENCODE(SHA256(ASCII(code_verifier))).
    public static func challenge(for verifier: String) -> String {
        Data(SHA256.hash(Array(verifier.utf8))).base64EncodedString()
            .replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_")
            .replacingOccurrences(of: "=", with: "")
    }

    private static func isUnreserved(_ byte: UInt8) -> Bool {
        (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(byte) || (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(byte)
            || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte)
            || byte == UInt8(ascii: "-") || byte == UInt8(ascii: ".") || byte == UInt8(ascii: "_") || byte == UInt8(ascii: "~")
    }
}
