/// What the administrator decided about accounts: whether people may make their own, how long a departing
/// account waits before it goes, and how the server proves e-mail addresses (nil when it sends no mail, and then
/// nothing that needs a proven address can be done).
public struct AccountSettings: Sendable, Hashable {
    /// Whether anyone may make an account (`POST /api/v1/accounts`); off by default.
    public var allowSignup: Bool
    /// Days between asking to leave and the account going; 0: at the next maintenance pass.
    public var deletionGraceDays: Int
    public var verificationMail: VerificationMail?

    public static let defaultDeletionGraceDays = 14

    /// Whether the server relays mail (a verification message can only be sent then).
    public var sendsMail: Bool { verificationMail != nil }

    public init(allowSignup: Bool = false, deletionGraceDays: Int = AccountSettings.defaultDeletionGraceDays,
                verificationMail: VerificationMail? = nil) {
        self.allowSignup = allowSignup
        self.deletionGraceDays = deletionGraceDays
        self.verificationMail = verificationMail
    }
}
