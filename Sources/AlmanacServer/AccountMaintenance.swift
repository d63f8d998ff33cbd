import CalendarStore
import Calendaring
import Foundation

/// The accounts' share of the server's hourly maintenance pass (`IndexMaintenanceService`): one-time codes and
/// grant-issued tokens that expired are forgotten, sign-ups whose address was never confirmed are dropped once
/// their code can no longer be redeemed (so nobody holds a name or someone else's address by signing up with it),
/// and the accounts whose owners asked to leave and whose grace period ended are deleted (`AccountDeletion`: their
/// meetings cancelled and declined first). Every node runs it; the store's work is idempotent, and an account
/// another node deleted meanwhile is simply gone.
enum AccountMaintenance {
    /// Returns how many accounts were deleted.
    static func run(context: SchedulingContext, credentials: any AccountCredentials, sendsMail: Bool, now: Date)
        async throws -> Int {
        let seconds = Int64(now.timeIntervalSince1970)
        _ = try await context.store.pruneExpiredCredentials(before: seconds)
        try await dropUnconfirmedSignups(store: context.store, now: seconds)
        return try await AccountDeletion(context: context, credentials: credentials, sendsMail: sendsMail)
            .deleteDue(at: seconds)
    }

    /// Deletes the accounts made by sign-up whose address was not confirmed within `AccountSignup.confirmationWindow`.
    private static func dropUnconfirmedSignups(store: any CalendarStore, now: Int64) async throws(StoreError) {
        let users = try await store.users()
        for user in users where user.status == .unverified && user.createdAt < now - AccountSignup.confirmationWindow {
            do {
                try await store.deleteUser(id: user.id)
            } catch {
                // Gone already (another node's pass) is what was wanted.
                if case .notFound = error { continue }
                throw error
            }
        }
    }
}
