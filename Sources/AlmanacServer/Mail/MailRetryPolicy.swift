import CalendarStore

/// When the delivery service tries a message again after a temporary failure, and when it gives up.
/// Spec: RFC 5321 §4.5.4.1 (retry strategy: wait between attempts, give up eventually).
public struct MailRetryPolicy: Sendable, Hashable {
    /// The wait after the first failed attempt; each further failure doubles it.
    public var retryBase: Duration
    /// The longest wait between two attempts.
    public var maxRetryDelay: Duration
    /// Attempts in all, the first included; the last failed one marks the message failed.
    public var maxAttempts: Int
    /// How often the queue is checked when nothing wakes the service.
    public var pollInterval: Duration
    /// Messages taken from the queue per pass.
    public var batchSize: Int
    /// How long a pass holds the messages it claimed (`CalendarStore.claimOutgoingMessages`): other nodes leave
    /// them alone until then, and take them over after it when this node died before recording its attempts.
    public var leaseSeconds: Int64 = 900
    /// A claimed message is only started while this much of its lease is left: one delivery takes at most about
    /// the SMTP timeouts (connect, commands, data), so it ends before the lease does and no other node starts it.
    public var leaseMarginSeconds: Int64 = 600

    public static let defaultRetryBase: Duration = .seconds(60)
    public static let defaultMaxRetryDelay: Duration = .seconds(3_600)
    public static let defaultMaxAttempts = 12
    public static let defaultPollInterval: Duration = .seconds(5)

    public init(retryBase: Duration = MailRetryPolicy.defaultRetryBase,
                maxRetryDelay: Duration = MailRetryPolicy.defaultMaxRetryDelay,
                maxAttempts: Int = MailRetryPolicy.defaultMaxAttempts,
                pollInterval: Duration = MailRetryPolicy.defaultPollInterval, batchSize: Int = 20) {
        self.retryBase = retryBase
        self.maxRetryDelay = maxRetryDelay
        self.maxAttempts = maxAttempts
        self.pollInterval = pollInterval
        self.batchSize = batchSize
    }

    /// The wait after a failed attempt when `previousAttempts` attempts were made before it:
    /// `retryBase × 2^previousAttempts`, at most `maxRetryDelay`, in whole seconds (at least one).
    public func delay(afterPreviousAttempts previousAttempts: Int) -> Int64 {
        let base = max(1, retryBase.components.seconds)
        let cap = max(base, maxRetryDelay.components.seconds)
        // Doubling past the cap is pointless and would overflow after 63 attempts.
        var delay = base
        for _ in 0..<max(0, previousAttempts) {
            delay *= 2
            if delay >= cap { return cap }
        }
        return min(delay, cap)
    }

    /// The outcome to record for a failed attempt made at `now` when `previousAttempts` attempts came before it.
    public func outcome(temporary: Bool, previousAttempts: Int, now: Int64) -> DeliveryOutcome {
        guard temporary, previousAttempts + 1 < maxAttempts else { return .failed }
        return .retry(nextAttemptAt: now + delay(afterPreviousAttempts: previousAttempts))
    }

    func validate() throws(ConfigurationError) {
        guard retryBase >= .seconds(1) else { throw ConfigurationError("smtp_retry_base must be at least 1 second") }
        guard maxAttempts >= 1 else { throw ConfigurationError("smtp_max_attempts must be at least 1, got \(maxAttempts)") }
        guard pollInterval >= .seconds(1) else { throw ConfigurationError("smtp_poll_interval must be at least 1 second") }
        guard batchSize >= 1 else { throw ConfigurationError("the mail batch size must be at least 1") }
    }
}
