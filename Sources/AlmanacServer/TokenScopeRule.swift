import Calendaring
import HTTPTypes

/// What a personal access token's scopes let through each door, decided here (the one place that knows every door)
/// before the request reaches it. Reading needs `calendars.read` (or `calendars.write`), anything else
/// `calendars.write`; the API's busy-time lookup also takes `freebusy`; the administrator's operations
/// (`/api/v1/admin/`) need `admin`. Tokens themselves, the password, and leaving the account are only for a user who
/// signed in with a password, so a leaked token can neither make itself a successor nor lock its owner out.
enum TokenScopeRule {
    /// DAV methods that only read.
    static let readingDAVMethods: Set<String> = ["GET", "HEAD", "OPTIONS", "PROPFIND", "REPORT"]

    /// Why the token may not make this CalDAV request; nil when it may.
    static func davRefusal(method: HTTPRequest.Method, scopes: Set<AccessTokenScope>) -> String? {
        if readingDAVMethods.contains(method.rawValue) {
            return AccessTokenScope.allowsReading(scopes) ? nil : refusal("read calendars", needs: .calendarsRead, scopes)
        }
        return scopes.contains(.calendarsWrite) ? nil : refusal("change calendars", needs: .calendarsWrite, scopes)
    }

    /// Why the token may not make this API request; nil when it may.
    static func apiRefusal(method: HTTPRequest.Method, path: String, scopes: Set<AccessTokenScope>) -> String? {
        if path == APIDoor.prefix + "/users/me/tokens" || path.hasPrefix(APIDoor.prefix + "/users/me/tokens/")
            || path == APIDoor.prefix + "/users/me/authorizations"
            || path.hasPrefix(APIDoor.prefix + "/users/me/authorizations/") {
            return "Tokens and connected apps are managed by signing in with a password or app password, not with a token."
        }
        if path == APIDoor.prefix + "/users/me/password" || path == APIDoor.prefix + "/users/me/restore"
            || (path == APIDoor.prefix + "/users/me" && method == .delete) {
            return "The password and the account's deletion are managed by signing in with a password or app "
                + "password, not with a token."
        }
        if path == APIDoor.prefix + "/admin" || path.hasPrefix(APIDoor.prefix + "/admin/") {
            return scopes.contains(.admin) ? nil : refusal("administer accounts", needs: .admin, scopes)
        }
        if method == .post && path == APIDoor.prefix + "/freeBusy" {
            return scopes.contains(.freeBusy) || AccessTokenScope.allowsReading(scopes)
                ? nil : refusal("look up busy time", needs: .freeBusy, scopes)
        }
        if method == .get || method == .head {
            return AccessTokenScope.allowsReading(scopes) ? nil : refusal("read calendars", needs: .calendarsRead, scopes)
        }
        return scopes.contains(.calendarsWrite) ? nil : refusal("change calendars", needs: .calendarsWrite, scopes)
    }

    private static func refusal(_ action: String, needs scope: AccessTokenScope, _ scopes: Set<AccessTokenScope>)
        -> String {
        let granted = scopes.sorted().map(\.rawValue).joined(separator: ", ")
        return "This token may not \(action): that needs the scope \(scope.rawValue), and it has \(granted.isEmpty ? "none" : granted)."
    }
}
