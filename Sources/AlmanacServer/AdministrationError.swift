import CalendarStore
import Calendaring

/// Why an account operation was refused; the description is a sentence for the administrator.
public enum AdministrationError: Error, Sendable, Hashable, CustomStringConvertible {
    case userNotFound(String)
    case userExists(String)
    /// Another account has this e-mail address.
    case emailInUse(String)
    case invalidEmail(reason: String)
    case invalidDisplayName(reason: String)
    /// Refused by a rule of accounts; the sentence says which.
    case refused(String)
    case invalidUserName(String, reason: String)
    case invalidPassword(reason: String)
    case invalidLabel(reason: String)
    case appPasswordNotFound(user: String, id: Int64)
    case tokenNotFound(user: String, id: Int64)
    /// A token could not be made as asked; the sentence says why.
    case invalidToken(String)
    /// The store failed; the message is for the operator's terminal and logs.
    case store(StoreError)

    public var description: String {
        switch self {
        case .userNotFound(let name): "No user named '\(name)'."
        case .userExists(let name): "A user named '\(name)' already exists (names are compared without regard to case)."
        case .emailInUse(let address): "Another user has the e-mail address '\(address)'."
        case .invalidEmail(let reason): "Invalid e-mail address: \(reason)"
        case .invalidDisplayName(let reason): "Invalid display name: \(reason)"
        case .refused(let reason): reason
        case .invalidUserName(let name, let reason): "Invalid user name '\(name)': \(reason)"
        case .invalidPassword(let reason): "Invalid password: \(reason)"
        case .invalidLabel(let reason): "Invalid app password label: \(reason)"
        case .appPasswordNotFound(let user, let id): "User '\(user)' has no app password with id \(id)."
        case .tokenNotFound(let user, let id): "User '\(user)' has no access token with id \(id)."
        case .invalidToken(let reason): reason
        case .store(let error): "The store failed: \(error)"
        }
    }
}

extension AdministrationError {
    /// The account rules' refusal as the command line words it; `userName` is the account acted on.
    init(_ error: AccountError, userName: String) {
        switch error {
        case .invalidUserName(let reason): self = .invalidUserName(userName, reason: reason)
        case .invalidPassword(let reason): self = .invalidPassword(reason: reason)
        case .invalidEmail(let reason): self = .invalidEmail(reason: reason)
        case .invalidDisplayName(let reason): self = .invalidDisplayName(reason: reason)
        case .nameTaken(let name): self = .userExists(name)
        case .emailTaken(let address): self = .emailInUse(address)
        case .userNotFound(let name): self = .userNotFound(name)
        case .store(let error): self = .store(error)
        case .calendaring(.store(let error)): self = .store(error)
        case .signupDisabled, .mailUnavailable, .invalidPreference, .invalidCode, .wrongPassword, .tooManyWrongPasswords,
             .notAdministrator, .ownAccount, .calendaring:
            // Not reachable from the command line's operations; kept as a sentence rather than lost.
            self = .refused("The account operation was refused (\(error)).")
        }
    }
}
