import CalendarStore

/// Why an account operation was refused; the description is a sentence for the administrator.
public enum AdministrationError: Error, Sendable, Hashable, CustomStringConvertible {
    case userNotFound(String)
    case userExists(String)
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
        case .userExists(let name): "A user named '\(name)' already exists."
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
