import Calendaring

/// Who the request is from: the user the server authenticated before handing the request to the API.
///
/// The generated handlers receive only the operation's input, so the server binds the caller to the request's task
/// (`APICaller.$current.withValue`) around the call; a handler reading none refuses with 401.
package struct APICaller: Sendable, Hashable {
    package var userID: Int64
    package var userName: String
    /// The scopes of the personal access token the caller signed in with; nil for a password or app password.
    package var scopes: Set<AccessTokenScope>?

    package init(userID: Int64, userName: String, scopes: Set<AccessTokenScope>? = nil) {
        self.userID = userID
        self.userName = userName
        self.scopes = scopes
    }

    @TaskLocal package static var current: APICaller?

    static func required() throws(APIError) -> APICaller {
        guard let caller = current else { throw APIError.unauthorized() }
        return caller
    }
}
