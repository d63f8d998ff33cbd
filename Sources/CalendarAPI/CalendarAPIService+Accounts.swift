import CalendarStore
import Calendaring

/// Making an account without one: self sign-up, when the administrator allows it, and redeeming the code that
/// proves an address. Both run without credentials (the door lets exactly these two through, rate-limited by
/// address), so they reveal nothing beyond what their refusals must: whether a name or address is taken.
extension CalendarAPIService {
    package func signUp(_ input: Operations.SignUp.Input) async throws -> Operations.SignUp.Output {
        guard case .json(let fields) = input.body else { throw APIError.invalid("The body must be JSON.") }
        let signup = AccountSignup(store: store, credentials: credentials, settings: accountSettings,
                                   mailQueued: scheduling.mailQueued)
        let user = try await accounts { () async throws(AccountError) in
            try await signup.signUp(name: fields.name, email: fields.email, password: fields.password,
                                    displayName: fields.displayName, now: Self.now)
        }
        return .accepted(.init(body: .json(Self.json(user, preferences: nil))))
    }

    package func verifyEmail(_ input: Operations.VerifyEmail.Input) async throws -> Operations.VerifyEmail.Output {
        guard case .json(let fields) = input.body else { throw APIError.invalid("The body must be JSON.") }
        let user = try await accounts { () async throws(AccountError) in
            try await EmailVerification.redeem(fields.code, store: store, now: Self.now)
        }
        return .ok(.init(body: .json(Self.json(user, preferences: nil))))
    }
}
