import Calendaring

/// The page where a person signs in and decides whether an application may use their calendars: the
/// application's name, each scope in words, and where the browser goes next. The request's parameters ride along
/// in hidden fields, and are checked again when the form comes back.
struct OAuthConsentPage {
    let request: OAuthAuthorizationRequest
    var userName = ""
    var error: String?
    /// The provider's name, when people may sign in through single sign-on instead of a password.
    var singleSignOnName: String?
    /// After single sign-on: the ticket that stands for the signed-in person, and who they are.
    var ticket: (secret: String, userName: String)?

    static func describe(_ scope: AccessTokenScope) -> String {
        switch scope {
        case .calendarsRead: "See your calendars and events"
        case .calendarsWrite: "Create, change and delete your calendars and events"
        case .freeBusy: "See when people are busy"
        case .admin: "Administer the server (administrators only)"
        }
    }

    var page: HTMLPage {
        let name = HTMLPage.escape(request.client.name)
        var body = "<p><strong>\(name)</strong> asks to use your Almanac account. It will be able to:</p>\n"
        body += "<ul class=\"scopes\">" + request.scopes.map { "<li>\(HTMLPage.escape(Self.describe($0)))</li>" }
            .joined() + "</ul>\n"
        if let error { body += "<p class=\"error\" role=\"alert\">\(HTMLPage.escape(error))</p>\n" }
        body += "<form method=\"post\" action=\"/oauth/authorize\">\n"
        body += request.parameters.map { HTMLPage.hiddenField($0.name, $0.value) }.joined(separator: "\n") + "\n"
        if let ticket {
            body += HTMLPage.hiddenField("sso_ticket", ticket.secret) + "\n"
            body += "<p>You are signed in as <strong>\(HTMLPage.escape(ticket.userName))</strong>.</p>\n"
        } else {
            body += """
                <label for="user_name">User name</label>
                <input type="text" id="user_name" name="user_name" autocomplete="username" autocapitalize="none" \
                required value="\(HTMLPage.escape(userName))">
                <label for="password">Password</label>
                <input type="password" id="password" name="password" autocomplete="current-password" required>

                """
        }
        body += """
            <p>
            <button type="submit" name="decision" value="allow">Allow</button>
            <button type="submit" name="decision" value="deny" class="secondary" formnovalidate>Deny</button>
            </p>
            </form>

            """
        if ticket == nil, let singleSignOnName {
            let query = FormEncoding.encode(request.parameters.map { ($0.name, $0.value) })
            body += "<p><a href=\"/oauth/sso/start?\(HTMLPage.escape(query))\">Sign in with "
                + "\(HTMLPage.escape(singleSignOnName))</a></p>\n"
        }
        body += """
            <p>Afterwards you will return to <code>\(HTMLPage.escape(request.redirect.uri))</code>. You can revoke the \
            access at any time.</p>
            """
        return HTMLPage(title: "Allow \(request.client.name)?", body: body)
    }
}
