import CalendarStore
import Foundation
import Logging
import ServiceLifecycle

/// Sends the queued iMIP messages through the relay: takes the due messages from the store, hands each to the relay,
/// and records the attempt — sent, retried later with exponential backoff, or failed (a permanent refusal or the last
/// allowed attempt). The queue lives in the store, so messages survive restarts and a relay outage.
///
/// Each pass runs at start, after `wake()` (the CalDAV layer calls it after queueing a message) and otherwise every
/// poll interval. Graceful shutdown lets the message in flight finish (its outcome recorded) and stops before the next.
/// Spec: RFC 6047 §2 (iMIP over SMTP), RFC 5321 §4.5.4.1 (retry strategy).
public struct MailDeliveryService: Service {
    /// Hands one message to the relay; the SMTP client in production, a double in tests.
    typealias Transport = @Sendable (_ from: String, _ to: [String], _ message: [UInt8]) async throws(SMTPError) -> SMTPReply

    private let queue: any OutgoingMailQueue
    private let transport: Transport
    private let policy: MailRetryPolicy
    private let logger: Logger
    private let now: @Sendable () -> Int64
    private let signal: MailWakeSignal

    public init(store: any CalendarStore, client: SMTPClient, policy: MailRetryPolicy = MailRetryPolicy(),
                logger: Logger) {
        self.init(queue: StoreOutgoingMailQueue(store: store), policy: policy, logger: logger,
                  now: { Int64(Date().timeIntervalSince1970) }) {
            from, to, message throws(SMTPError) in
            try await client.send(from: from, to: to, message: message)
        }
    }

    init(queue: any OutgoingMailQueue, policy: MailRetryPolicy, logger: Logger, now: @escaping @Sendable () -> Int64,
         signal: MailWakeSignal = MailWakeSignal(), transport: @escaping Transport) {
        self.signal = signal
        self.queue = queue
        self.policy = policy
        self.logger = logger
        self.now = now
        self.transport = transport
    }

    /// Asks for a pass now instead of at the next poll. Cheap and safe from any task; give it to the layer that
    /// queues messages (`StoreChange.enqueue`) so invitations leave within moments of the calendar write.
    public var wake: @Sendable () -> Void {
        let signal = self.signal
        return { signal.signal() }
    }

    public func run() async throws {
        while !Task.isShuttingDownGracefully && !Task.isCancelled {
            await deliverDue()
            await cancelWhenGracefulShutdown {
                await signal.wait(upTo: policy.pollInterval)
            }
        }
    }

    /// Delivers every message due now, batch after batch until a batch comes back short. Returns how many were
    /// attempted. Stops between messages at graceful shutdown.
    @discardableResult
    func deliverDue() async -> Int {
        var attempted = 0
        while !Task.isShuttingDownGracefully && !Task.isCancelled {
            let due: [OutgoingMessage]
            do {
                // Claimed, not just read: with several nodes on one store each message goes to one of them.
                due = try await queue.claimOutgoingMessages(now: now(), leaseSeconds: policy.leaseSeconds,
                                                            limit: policy.batchSize)
            } catch {
                logger.error("Cannot read the outgoing mail queue", metadata: ["error": "\(error)"])
                return attempted
            }
            var allRecorded = true
            let leaseEnds = now() + policy.leaseSeconds
            for message in due {
                if Task.isShuttingDownGracefully || Task.isCancelled { return attempted }
                // The rest of the batch waits for its lease to end (then any node takes it) rather than being
                // started so late that another node could start it too.
                if now() > leaseEnds - policy.leaseMarginSeconds { return attempted }
                allRecorded = await deliver(message) && allRecorded
                attempted += 1
            }
            // An unrecorded attempt leaves its message due; asking again at once would repeat it in a tight loop.
            if due.count < policy.batchSize || !allRecorded { return attempted }
        }
        return attempted
    }

    /// One attempt for one message, recorded in the store and logged. False when the store did not take the record.
    @discardableResult
    func deliver(_ queued: OutgoingMessage) async -> Bool {
        // The store only returns pending messages; checking again costs nothing and keeps a sent message from
        // ever going out twice even if a store got that wrong.
        guard queued.state == .pending else { return true }
        let message = queued.message
        var metadata: Logger.Metadata = [
            "outgoing_id": "\(queued.id)", "message_id": "\(message.messageID)", "recipient": "\(message.envelopeTo)",
            "method": "\(message.method)", "attempt": "\(queued.attempts + 1)",
        ]
        let outcome: DeliveryOutcome
        let detail: String
        do {
            let reply = try await transport(message.envelopeFrom, [message.envelopeTo], message.content)
            outcome = .sent
            detail = reply.description
        } catch {
            outcome = policy.outcome(temporary: error.isTemporary, previousAttempts: queued.attempts, now: now())
            detail = error.description
        }
        metadata["detail"] = "\(detail)"
        do {
            _ = try await queue.recordDeliveryAttempt(outgoingID: queued.id, at: now(), outcome: outcome, detail: detail)
        } catch {
            metadata["error"] = "\(error)"
            logger.error("Cannot record the delivery attempt", metadata: metadata)
            return false
        }
        switch outcome {
        case .sent:
            logger.info("Mail delivered", metadata: metadata)
        case .retry(let at):
            metadata["next_attempt_at"] = "\(at)"
            logger.warning("Mail delivery failed; will retry", metadata: metadata)
        case .failed:
            logger.error("Mail delivery failed; giving up", metadata: metadata)
        }
        return true
    }
}
