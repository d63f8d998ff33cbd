import CalendarStore
import Calendaring
import Foundation
import HTTPTypes
import Hummingbird
import Logging

/// The few account pages a person reaches from an e-mail, outside both doors: `/account/verify`, where the link in a
/// verification message lands. The GET only shows a Confirm button that posts the code back; the POST redeems it
/// (`EmailVerification.redeem`) and shows the result. A GET never redeems, because mail scanners and link previews
/// fetch links before the person does, and would otherwise spend the code (or confirm an address its owner never
/// asked for). No sign-in: the code is the proof. Limited per client address like the API's open operations.
struct AccountPages: Sendable {
    static let prefix = "/account/"
    static let verifyPath = "/account/verify"
    /// The largest form body read (one code).
    static let bodyLimit = 4_096

    let store: any CalendarStore
    let rateLimiter: APIRateLimiter

    init(store: any CalendarStore, requestsPerMinute: Int) {
        self.store = store
        self.rateLimiter = APIRateLimiter(perMinute: requestsPerMinute == 0 ? 0
                                              : min(requestsPerMinute, APIDoor.openRequestsPerMinute))
    }

    static func handles(_ path: String) -> Bool {
        path.hasPrefix(prefix) || path == "/account"
    }

    func respond(to request: Request, context: AlmanacRequestContext, address: String?) async -> Response {
        guard request.uri.path == Self.verifyPath else {
            return HTMLPage(title: "Not found", body: "<p>There is no page here.</p>").response(status: .notFound)
        }
        if let wait = await rateLimiter.admit(["address \(address ?? "unknown")"]) {
            var response = HTMLPage(title: "Too many requests",
                                    body: "<p>Please wait \(wait) seconds and try again.</p>")
                .response(status: .tooManyRequests)
            response.headers[.retryAfter] = String(wait)
            return response
        }
        switch request.method {
        case .get, .head:
            let code = Self.formFields(request.uri.query ?? "")["code"] ?? ""
            let page = confirmationPage(code: code)
            var response = page.response(status: code.isEmpty ? .badRequest : .ok)
            if request.method == .head { response.body = ResponseBody() }
            return response
        case .post:
            let body: [UInt8]
            do {
                body = try await RequestBodyLimit(maximumBytes: Self.bodyLimit).collect(request)
            } catch {
                return HTMLPage(title: "Too large", body: "<p>The form sent more than this page takes.</p>")
                    .response(status: .contentTooLarge)
            }
            let code = Self.formFields(String(decoding: body, as: UTF8.self))["code"] ?? ""
            return await redeem(code, context: context)
        default:
            var response = HTMLPage(title: "Not allowed", body: "<p>This page is opened or its form sent.</p>")
                .response(status: .methodNotAllowed)
            response.headers[.allow] = "GET, HEAD, POST"
            return response
        }
    }

    /// The page the link opens: what pressing Confirm will do, and the button. Nothing is redeemed yet.
    private func confirmationPage(code: String) -> HTMLPage {
        guard !code.isEmpty else {
            return HTMLPage(title: "Incomplete link",
                            body: "<p class=\"error\">This link has no code. Open the whole link from the message, "
                                + "or copy the code into your app.</p>")
        }
        return HTMLPage(title: "Confirm your e-mail address", body: """
            <p>Press Confirm to confirm this address for your Almanac account.</p>
            <form method="post" action="verify">
            \(HTMLPage.hiddenField("code", code))
            <button type="submit">Confirm</button>
            </form>
            """)
    }

    /// Redeems the code and shows what happened; the one place this door maps `AccountError`.
    private func redeem(_ code: String, context: AlmanacRequestContext) async -> Response {
        do {
            let user = try await EmailVerification.redeem(code, store: store, now: Int64(Date().timeIntervalSince1970))
            return HTMLPage(title: "Address confirmed", body: """
                <p>\(HTMLPage.escape(user.email)) is now the address of the account \
                <strong>\(HTMLPage.escape(user.name))</strong>. You can sign in.</p>
                """).response()
        } catch .emailTaken {
            return HTMLPage(title: "Address in use",
                            body: "<p class=\"error\">Another account has this address now, so it cannot be yours "
                                + "as well.</p>").response(status: .conflict)
        } catch .store(let error) {
            context.logger.error("Store failure", metadata: ["error": .string(String(describing: error))])
            var response = HTMLPage(title: "Try again later",
                                    body: "<p class=\"error\">The server cannot confirm addresses just now. Please try "
                                        + "again in a few minutes; the code still works.</p>")
                .response(status: .serviceUnavailable)
            response.headers[.retryAfter] = "5"
            return response
        } catch {
            return HTMLPage(title: "This code does not work",
                            body: "<p class=\"error\">The code is unknown, expired or already used. If your address "
                                + "is not confirmed yet, ask for a new message.</p>").response(status: .badRequest)
        }
    }

    /// `application/x-www-form-urlencoded` fields (a query, or a form's body); the first of a repeated name wins.
    /// Spec: WHATWG URL Standard §5.1 (`+` is a space, then percent-decoding).
    static func formFields(_ text: String) -> [String: String] {
        var fields: [String: String] = [:]
        for pair in text.split(separator: "&") {
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            func decode(_ part: Substring) -> String {
                let spaced = part.replacingOccurrences(of: "+", with: " ")
                return spaced.removingPercentEncoding ?? spaced
            }
            let name = decode(parts[0])
            if fields[name] == nil { fields[name] = parts.count > 1 ? decode(parts[1]) : "" }
        }
        return fields
    }
}
