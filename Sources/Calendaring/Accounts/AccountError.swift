import CalendarStore

/// Why an account operation (signing up, verifying an address, changing a profile, a password or an account's
/// standing, leaving) was refused or could not be done. Protocol-neutral, like `CalendaringError`: each door maps it
/// in one place (the JSON API: `APIError+Mapping.swift`); every `reason` is a sentence for the person, never internals.
public enum AccountError: Error, Sendable, Hashable {
    /// The server does not let people make their own accounts (`allow_signup`).
    case signupDisabled
    /// The server sends no mail, so an address could never be confirmed.
    case mailUnavailable
    case invalidUserName(reason: String)
    case invalidPassword(reason: String)
    case invalidEmail(reason: String)
    case invalidDisplayName(reason: String)
    /// A preference is not one the server understands; `field` names it (`timeZone`, ...).
    case invalidPreference(field: String, reason: String)
    /// Another account (or a group) has the name.
    case nameTaken(String)
    /// Another account has the e-mail address.
    case emailTaken(String)
    /// The verification code is unknown, expired, for something else, or was used already (no hint which).
    case invalidCode
    /// The current password given does not match.
    case wrongPassword
    /// The current password was guessed wrong too often lately; it is not checked until the wait is over.
    case tooManyWrongPasswords(retryAfterSeconds: Int)
    /// Only an administrator may do this.
    case notAdministrator
    /// An administrator may not do this to their own account (lock themselves out, or leave no one in charge).
    case ownAccount(reason: String)
    case userNotFound(String)
    /// Deleting the account's objects (and telling their correspondents) failed.
    case calendaring(CalendaringError)
    case store(StoreError)
}
