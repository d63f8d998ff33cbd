/// What an account's name, password, e-mail address and display name must look like, the same for every way an
/// account is made or changed (the command line, self sign-up, the administrator's API), so no door lets through
/// what another would refuse.
public enum AccountRules {
    /// Shortest password accepted for an account.
    public static let minimumPasswordLength = 8
    /// bcrypt reads only the first 72 bytes of a password; longer ones are refused rather than silently truncated.
    public static let maximumPasswordBytes = 72
    /// RFC 5321 §4.5.3.1.3: a path is at most 256 octets, the address inside it 254.
    public static let maximumEmailBytes = 254
    public static let maximumDisplayNameLength = 255

    /// User names appear in URLs and in Basic credentials: no "/" or ":" (RFC 7617 §2), no spaces or controls,
    /// not "." or "..".
    public static func validate(userName name: String) throws(AccountError) {
        guard !name.isEmpty else { throw .invalidUserName(reason: "it must not be empty.") }
        guard name.count <= 64 else { throw .invalidUserName(reason: "use at most 64 characters.") }
        guard name != ".", name != ".." else { throw .invalidUserName(reason: "'.' and '..' are path names.") }
        let allowedPunctuation: Set<Character> = [".", "-", "_", "@", "+"]
        guard name.allSatisfy({ $0.isLetter || $0.isNumber || allowedPunctuation.contains($0) }) else {
            throw .invalidUserName(reason: "use letters, digits and . - _ @ + only.")
        }
    }

    public static func validate(password: String) throws(AccountError) {
        guard password.count >= minimumPasswordLength else {
            throw .invalidPassword(reason: "use at least \(minimumPasswordLength) characters.")
        }
        guard password.utf8.count <= maximumPasswordBytes else {
            throw .invalidPassword(reason: "use at most \(maximumPasswordBytes) bytes (bcrypt ignores the rest).")
        }
    }

    /// A plausibly shaped address (`local@domain.tld`), trimmed: not proof that it exists (the verification mail is),
    /// but enough to refuse typos and anything that could not go into an SMTP envelope (spaces, controls, angle
    /// brackets, a second `@`).
    /// Spec: RFC 5321 §4.1.2 (Mailbox), §4.5.3.1 (lengths).
    public static func validatedEmail(_ text: String) throws(AccountError) -> String {
        let address = text.trimmingSpaces
        guard !address.isEmpty else { throw .invalidEmail(reason: "an e-mail address is required.") }
        guard address.utf8.count <= maximumEmailBytes else {
            throw .invalidEmail(reason: "an address is at most \(maximumEmailBytes) bytes long.")
        }
        let forbidden: Set<Character> = ["<", ">", "(", ")", ",", ";", ":", "\\", "\"", "[", "]"]
        guard !address.contains(where: { $0.isWhitespace || forbidden.contains($0) }),
              !address.unicodeScalars.contains(where: { $0.value < 0x20 || $0.value == 0x7F }) else {
            throw .invalidEmail(reason: "'\(address)' has characters an address cannot have.")
        }
        let parts = address.split(separator: "@", omittingEmptySubsequences: false)
        guard parts.count == 2, !parts[0].isEmpty, parts[0].utf8.count <= 64 else {
            throw .invalidEmail(reason: "'\(address)' is not an address like name@example.com.")
        }
        let labels = parts[1].split(separator: ".", omittingEmptySubsequences: false)
        guard labels.count >= 2, labels.allSatisfy({ !$0.isEmpty && $0.utf8.count <= 63 && $0.first != "-" && $0.last != "-" }),
              labels.last!.count >= 2 else {
            throw .invalidEmail(reason: "'\(address)' has no domain like example.com after the @.")
        }
        return address
    }

    /// 1 to 255 characters without controls, trimmed.
    public static func validatedDisplayName(_ text: String) throws(AccountError) -> String {
        let name = text.trimmingSpaces
        guard !name.isEmpty else { throw .invalidDisplayName(reason: "it must not be empty.") }
        guard name.count <= maximumDisplayNameLength else {
            throw .invalidDisplayName(reason: "use at most \(maximumDisplayNameLength) characters.")
        }
        guard !name.unicodeScalars.contains(where: { $0.value < 0x20 || $0.value == 0x7F }) else {
            throw .invalidDisplayName(reason: "it must not contain control characters.")
        }
        return name
    }

    /// Whether two addresses are the same account address: ASCII letters folded, as the store compares them.
    public static func sameEmail(_ a: String, _ b: String) -> Bool {
        asciiLowercased(a) == asciiLowercased(b)
    }

    static func asciiLowercased(_ text: String) -> String {
        String(decoding: text.utf8.map { (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains($0) ? $0 | 0x20 : $0 },
               as: UTF8.self)
    }
}
