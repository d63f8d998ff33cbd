import HummingbirdBcrypt
import NIOPosix

/// bcrypt hashing and checking, run on NIO's blocking-work thread pool: a hash costs tens to hundreds of
/// milliseconds of CPU by design and would otherwise stall the cooperative executor that serves every request.
public struct PasswordHasher: Sendable {
    /// log2 of the bcrypt rounds for new hashes (4...31).
    public let cost: UInt8

    /// bcrypt only reads the first 72 bytes of a password; longer ones are refused rather than silently truncated.
    public static let maximumPasswordBytes = 72

    public init(cost: UInt8) {
        precondition((4...31).contains(cost), "bcrypt cost must be in 4...31; ServerConfiguration.validate checks this")
        self.cost = cost
    }

    public func hash(_ password: String) async -> String {
        let cost = self.cost
        return await Self.offload { Bcrypt.hash(password, cost: cost) }
    }

    /// True when `password` matches `hash`. A malformed hash never matches.
    public func verify(_ password: String, hash: String) async -> Bool {
        guard password.utf8.count <= Self.maximumPasswordBytes else { return false }
        return await Self.offload { Bcrypt.verify(password, hash: hash) }
    }

    private static func offload<T: Sendable>(_ work: @escaping @Sendable () -> T) async -> T {
        do {
            return try await NIOThreadPool.singleton.runIfActive(work)
        } catch {
            // The singleton pool is never shut down while the process runs; should it be, do the work here
            // rather than fail a login.
            return work()
        }
    }
}

extension PasswordHasher {
    /// Hashes on the calling thread; only for one-off work at startup.
    func hashSynchronously(_ password: String) -> String {
        Bcrypt.hash(password, cost: cost)
    }
}
