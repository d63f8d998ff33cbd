import CalendarStore
import Foundation

/// Proving that a person holds an e-mail address: a one-time code (256 random bits, hexadecimal) mailed to the
/// address and stored only as its SHA-256 with the address it proves, for 24 hours. Redeeming it, once, on any node,
/// makes the address the account's, and activates an account that was waiting for it. A new account uses it before
/// its first sign-in; an existing one to change its address, which is never applied unproven.
package struct EmailVerification: Sendable {
    /// The one-time code's purpose; a code made for anything else is not taken here.
    package static let purpose = "email-verification"
    /// How long a code works, in seconds.
    package static let lifetime: Int64 = 86_400

    let store: any CalendarStore
    let mail: VerificationMail
    /// Wakes the mail delivery service once a message is queued.
    let mailQueued: @Sendable () -> Void

    package init(store: any CalendarStore, mail: VerificationMail, mailQueued: @escaping @Sendable () -> Void) {
        self.store = store
        self.mail = mail
        self.mailQueued = mailQueued
    }

    /// What a code carries besides its user: the address it proves.
    struct Payload: Codable {
        var email: String
    }

    /// Makes a code proving `address` for `user` and queues the message carrying it.
    package func send(to address: String, for user: User, reason: VerificationMail.Reason, now: Int64)
        async throws(AccountError) {
        let code = SecretGenerator.hexSecret()
        guard let payload = try? JSONEncoder().encode(Payload(email: address)) else {
            throw .invalidEmail(reason: "'\(address)' cannot be stored.")
        }
        let message = mail.message(code: code, to: address, for: user, reason: reason, now: now)
        do {
            _ = try await store.addOneTimeCode(NewOneTimeCode(
                codeHash: Self.hash(code), userID: user.id, purpose: Self.purpose,
                payload: String(decoding: payload, as: UTF8.self), expiresAt: now + Self.lifetime))
            _ = try await store.apply([.enqueue(message)])
        } catch {
            throw .store(error)
        }
        mailQueued()
    }

    /// Redeems `code`: the account with the address it proves, active if it was waiting for it. `invalidCode` for
    /// a code that is malformed, unknown, expired, for something else or used before (the same answer for all, so
    /// a guesser learns nothing); `emailTaken` when another account took the address meanwhile.
    package static func redeem(_ code: String, store: any CalendarStore, now: Int64) async throws(AccountError) -> User {
        let code = code.trimmingSpaces.lowercased()
        guard SecretGenerator.isHexSecret(code, prefix: "") else { throw .invalidCode }
        let use: OneTimeCodeUse?
        do {
            use = try await store.redeemOneTimeCode(hash: hash(code), purpose: purpose, at: now)
        } catch {
            throw .store(error)
        }
        guard case .redeemed(let record) = use, let userID = record.userID,
              let payload = try? JSONDecoder().decode(Payload.self, from: Data(record.payload.utf8)) else {
            throw .invalidCode
        }
        let found: User?
        do {
            found = try await store.user(id: userID)
        } catch {
            throw .store(error)
        }
        guard let user = found else { throw .invalidCode }
        var update = UserUpdate(email: payload.email)
        // A disabled account stays disabled: proving an address is not an administrator's decision.
        if user.status == .unverified { update.status = .active }
        do {
            return try await store.updateUser(id: userID, update)
        } catch .alreadyExists {
            throw .emailTaken(payload.email)
        } catch .notFound {
            throw .invalidCode
        } catch {
            throw .store(error)
        }
    }

    /// The stored form of a code: its SHA-256 in lowercase hexadecimal.
    static func hash(_ code: String) -> String {
        SHA256.hexDigest(Array(code.utf8))
    }
}
