import CalendarStore
import Calendaring
import ITIP

/// The one place the errors of the layers below become API problems. The calendar's and the store's conditions
/// keep their meaning: a refusal that repeating the request cannot fix is 400 (the JSON described something the
/// calendar cannot hold) or 403 (the user may not), a lost race 412, a UID already in the calendar 409, a sync
/// token too old 410 (as Google's API answers), the rate limit 429 with Retry-After, an unreachable store 503.
extension CalendaringError {
    var apiError: APIError {
        switch self {
        case .refused(let condition, let reason):
            switch condition {
            case .supportedCalendarData, .validCalendarData, .validCalendarObjectResource, .supportedRscale,
                 .supportedCollation:
                APIError(status: 400, kind: "invalid-event", detail: reason)
            case .supportedCalendarComponent:
                APIError(status: 400, kind: "unsupported-component", detail: reason)
            case .maxResourceSize:
                APIError(status: 413, kind: "too-large", detail: reason)
            case .noUIDConflict:
                APIError(status: 409, kind: "uid-conflict", detail: reason)
            case .validSchedulingMessage, .originatorAllowed, .organizerAllowed, .recipientSpecified,
                 .maxRecipients, .maxAttendeesPerInstance:
                APIError(status: 403, kind: "scheduling-refused", detail: reason)
            case .conditionFailed:
                .preconditionFailed(reason)
            case .concurrentUpdates:
                APIError(status: 503, kind: "concurrent-updates", detail: reason, headers: ["Retry-After": "1"])
            case .rateLimited(let seconds):
                APIError(status: 429, kind: "rate-limited", detail: reason, headers: ["Retry-After": String(seconds)])
            case .serverFault:
                .serverFault()
            case .needPrivileges:
                .forbidden(reason)
            case .recognizedPrincipal:
                APIError(status: 400, kind: "unknown-principal", detail: reason)
            case .grantToOwner, .conflictingGrants, .allowedPrincipal:
                APIError(status: 400, kind: "invalid-grant", detail: reason)
            case .invalidToken:
                .invalid(reason)
            }
        case .store(let error): error.apiError
        case .scheduling(let error): error.apiError
        }
    }
}

extension StoreError {
    var apiError: APIError {
        switch self {
        case .notFound: .notFound("The resource does not exist (it may just have been deleted).")
        case .alreadyExists: APIError(status: 409, kind: "already-exists", detail: "It already exists.")
        case .etagMismatch: .preconditionFailed("It was changed by someone else since it was read (ETag mismatch).")
        case .uidConflict: APIError(status: 409, kind: "uid-conflict",
                                    detail: "Another event in this calendar already has this iCalUID.")
        case .invalidSyncToken:
            APIError(status: 410, kind: "sync-token-expired",
                     detail: "The sync token is too old or not for this calendar; list again without it.")
        case .invalidArgument(let message): .invalid(message)
        case .changeFailed(_, let reason): reason.apiError
        case .backend: .serverFault()
        case .unavailable:
            APIError(status: 503, kind: "store-unavailable",
                     detail: "The store cannot be reached for now; try again shortly (a write in flight may or may "
                         + "not have been stored: read it back before repeating it).",
                     headers: ["Retry-After": "2"])
        }
    }
}

extension ITIPError {
    var apiError: APIError {
        switch self {
        case .invalidMessage(let message):
            APIError(status: 403, kind: "scheduling-refused", detail: message)
        case .organizerMismatch:
            APIError(status: 403, kind: "scheduling-refused",
                     detail: "Every instance of a meeting must have the same organizer.")
        case .attendeeChangeNotAllowed(let message), .organizerChangeNotAllowed(let message):
            APIError(status: 403, kind: "scheduling-refused", detail: message)
        }
    }
}

extension AccountError {
    /// Accounts: a refusal the person can fix is 422 (a value not acceptable) or 409 (someone else has the name or
    /// address, or an administrator acting on themselves), a refusal they cannot 403, a code that does not work 400,
    /// and a server that sends no mail 503 (nothing the caller sends can help until the administrator sets a relay).
    var apiError: APIError {
        switch self {
        case .signupDisabled:
            APIError(status: 403, kind: "signup-disabled",
                     detail: "This server does not let people make their own accounts; ask its administrator for one.")
        case .mailUnavailable:
            APIError(status: 503, kind: "mail-unavailable",
                     detail: "This server sends no e-mail, so an address cannot be confirmed; ask its administrator.")
        case .invalidUserName(let reason):
            APIError(status: 422, kind: "invalid-user-name", detail: "The login name is not acceptable: \(reason)")
        case .invalidPassword(let reason):
            APIError(status: 422, kind: "invalid-password", detail: "The password is not acceptable: \(reason)")
        case .invalidEmail(let reason):
            APIError(status: 422, kind: "invalid-email", detail: "The e-mail address is not acceptable: \(reason)")
        case .invalidDisplayName(let reason):
            APIError(status: 422, kind: "invalid-display-name", detail: "The display name is not acceptable: \(reason)")
        case .invalidPreference(let field, let reason):
            APIError(status: 422, kind: "invalid-preferences", detail: "'preferences.\(field)': \(reason)")
        case .nameTaken(let name):
            APIError(status: 409, kind: "account-exists", detail: "The name '\(name)' is taken (names are compared "
                         + "without regard to case); choose another.")
        case .emailTaken(let address):
            APIError(status: 409, kind: "account-exists", detail: "Another account has the address '\(address)'.")
        case .invalidCode:
            APIError(status: 400, kind: "invalid-code",
                     detail: "The code is unknown, expired or already used; ask for a new one.")
        case .wrongPassword:
            APIError(status: 403, kind: "wrong-password", detail: "The current password is not right.")
        case .tooManyWrongPasswords(let seconds):
            APIError(status: 429, kind: "too-many-login-failures",
                     detail: "Too many wrong passwords; try again in \(seconds) seconds.",
                     headers: ["Retry-After": String(seconds)])
        case .notAdministrator:
            APIError(status: 403, kind: "not-administrator", detail: "Only an administrator may do this.")
        case .ownAccount(let reason):
            APIError(status: 409, kind: "own-account", detail: reason)
        case .userNotFound(let name):
            .notFound("There is no account named '\(name)'.")
        case .calendaring(let error): error.apiError
        case .store(let error): error.apiError
        }
    }
}
