@testable import AlmanacServer
import CalendarStore
import Logging
import Synchronization
import Testing

/// A clock the tests move by hand, so backoff is checked without waiting.
final class MailTestClock: Sendable {
    private let seconds = Mutex<Int64>(1_000_000)
    var now: Int64 { seconds.withLock { $0 } }
    func advance(to value: Int64) { seconds.withLock { $0 = value } }
}

/// A poll interval that never runs out by itself (a day, cut short only by cancellation): anything that happens
/// while the loop waits was caused by a wake-up, however slow the machine.
let endlessPoll: @Sendable (Duration) async -> Void = { _ in try? await Task.sleep(for: .seconds(86_400)) }

private func service(_ queue: MailTestQueue, relay: MailFakeRelay, clock: MailTestClock,
                     policy: MailRetryPolicy = MailRetryPolicy(retryBase: .seconds(60), maxRetryDelay: .seconds(600),
                                                               maxAttempts: 4),
                     signal: MailWakeSignal = MailWakeSignal()) -> MailDeliveryService {
    let client = SMTPClient(configuration: smtpConfiguration(relay))
    return MailDeliveryService(queue: queue, policy: policy, logger: Logger(label: "mail-test"), now: { clock.now },
                               signal: signal) {
        from, to, message throws(SMTPError) in
        try await client.send(from: from, to: to, message: message)
    }
}

@Suite struct MailDeliveryServiceTests {
    @Test func deliversAQueuedMessageOnce() async throws {
        let relay = try await MailFakeRelay()
        defer { Task { try? await relay.stop() } }
        let queue = MailTestQueue(), clock = MailTestClock()
        let id = await queue.enqueue(to: "bob@example.org", content: mailTestMessage, at: clock.now)
        let delivery = service(queue, relay: relay, clock: clock)
        #expect(await delivery.deliverDue() == 1)
        #expect(await delivery.deliverDue() == 0)
        #expect(relay.record.deliveries.count == 1)
        #expect(relay.record.deliveries.first?.to == ["bob@example.org"])
        #expect(relay.record.deliveries.first?.data == mailTestMessage)
        #expect(await queue.messages[id]?.state == .sent)
        let attempts = await queue.attempts
        #expect(attempts.map(\.outcome) == [.sent])
        #expect(attempts.first?.detail.hasPrefix("250") == true)
    }

    @Test func aTemporaryFailureIsRetriedWithExponentialBackoff() async throws {
        var script = MailFakeRelay.Script()
        script.dataReplies = ["451 4.3.0 try again later", "452 4.3.1 still busy"]
        let relay = try await MailFakeRelay(script: script)
        defer { Task { try? await relay.stop() } }
        let queue = MailTestQueue(), clock = MailTestClock()
        let start = clock.now
        let id = await queue.enqueue(to: "bob@example.org", content: mailTestMessage, at: start)
        let delivery = service(queue, relay: relay, clock: clock)

        await delivery.deliverDue()
        #expect(await queue.messages[id]?.state == .pending)
        #expect(await queue.messages[id]?.nextAttemptAt == start + 60)
        // Not due yet: no connection.
        clock.advance(to: start + 59)
        #expect(await delivery.deliverDue() == 0)
        #expect(relay.record.sessions == 1)

        clock.advance(to: start + 60)
        await delivery.deliverDue()
        #expect(await queue.messages[id]?.nextAttemptAt == start + 60 + 120, "the wait doubles")

        clock.advance(to: start + 180)
        await delivery.deliverDue()
        #expect(await queue.messages[id]?.state == .sent)
        let attempts = await queue.attempts
        #expect(attempts.map(\.outcome) == [.retry(nextAttemptAt: start + 60), .retry(nextAttemptAt: start + 180), .sent])
        #expect(attempts.map(\.number) == [1, 2, 3])
        #expect(attempts.first?.detail.contains("451 4.3.0 try again later") == true)
        #expect(relay.record.deliveries.count == 1)
    }

    @Test func aPermanentFailureIsNotRetried() async throws {
        var script = MailFakeRelay.Script()
        script.rcptReplies = ["550 5.1.1 mailbox unavailable"]
        let relay = try await MailFakeRelay(script: script)
        defer { Task { try? await relay.stop() } }
        let queue = MailTestQueue(), clock = MailTestClock()
        let id = await queue.enqueue(to: "gone@example.org", content: mailTestMessage, at: clock.now)
        let delivery = service(queue, relay: relay, clock: clock)
        await delivery.deliverDue()
        #expect(await queue.messages[id]?.state == .failed)
        #expect(await queue.attempts.map(\.outcome) == [.failed])
        #expect(await queue.messages[id]?.lastError.contains("550 5.1.1") == true)
        clock.advance(to: clock.now + 86_400)
        #expect(await delivery.deliverDue() == 0)
        #expect(relay.record.sessions == 1)
    }

    @Test func theLastAllowedAttemptFails() async throws {
        var script = MailFakeRelay.Script()
        script.dataReplies = Array(repeating: "421 4.4.2 closing", count: 5)
        let relay = try await MailFakeRelay(script: script)
        defer { Task { try? await relay.stop() } }
        let queue = MailTestQueue(), clock = MailTestClock()
        let id = await queue.enqueue(to: "bob@example.org", content: mailTestMessage, at: clock.now)
        let policy = MailRetryPolicy(retryBase: .seconds(60), maxRetryDelay: .seconds(600), maxAttempts: 2)
        let delivery = service(queue, relay: relay, clock: clock, policy: policy)
        await delivery.deliverDue()
        clock.advance(to: clock.now + 60)
        await delivery.deliverDue()
        #expect(await queue.messages[id]?.state == .failed)
        #expect(await queue.attempts.count == 2)
    }

    @Test func relayDownThenBackUpDeliversExactlyOnce() async throws {
        let relay = try await MailFakeRelay()
        defer { Task { try? await relay.stop() } }
        let port = relay.port
        try await relay.stop()
        let queue = MailTestQueue(), clock = MailTestClock()
        let start = clock.now
        let id = await queue.enqueue(to: "bob@example.org", content: mailTestMessage, at: start)
        let delivery = service(queue, relay: relay, clock: clock)

        await delivery.deliverDue()
        #expect(await queue.messages[id]?.state == .pending)
        #expect(await queue.attempts.first?.detail.hasPrefix("connection failed") == true)

        try await relay.start(port: port)
        clock.advance(to: start + 60)
        await delivery.deliverDue()
        clock.advance(to: start + 100_000)
        await delivery.deliverDue()
        #expect(await queue.messages[id]?.state == .sent)
        #expect(relay.record.deliveries.count == 1)
        #expect(await queue.attempts.map(\.outcome) == [.retry(nextAttemptAt: start + 60), .sent])
    }

    /// Two nodes on one queue: their passes run at once and each message is sent by one of them, once.
    @Test func twoNodesSendEachMessageOnce() async throws {
        let relay = try await MailFakeRelay()
        defer { Task { try? await relay.stop() } }
        let queue = MailTestQueue(), clock = MailTestClock()
        for number in 0..<30 {
            await queue.enqueue(to: "r\(number)@example.org", content: mailTestMessage, at: clock.now)
        }
        let first = service(queue, relay: relay, clock: clock), second = service(queue, relay: relay, clock: clock)
        async let firstAttempts = first.deliverDue()
        async let secondAttempts = second.deliverDue()
        #expect(await firstAttempts + secondAttempts == 30)
        #expect(relay.record.deliveries.count == 30)
        #expect(Set(relay.record.deliveries.flatMap(\.to)).count == 30)
        #expect(await queue.attempts.count == 30)
    }

    /// A node that died holding a claim: its messages go out from another node once the lease ends, not before.
    @Test func aDeadNodesClaimIsTakenOverAfterTheLease() async throws {
        let relay = try await MailFakeRelay()
        defer { Task { try? await relay.stop() } }
        let queue = MailTestQueue(), clock = MailTestClock()
        let start = clock.now
        let id = await queue.enqueue(to: "bob@example.org", content: mailTestMessage, at: start)
        let policy = MailRetryPolicy()
        _ = try await queue.claimOutgoingMessages(now: start, leaseSeconds: policy.leaseSeconds, limit: 10)
        let survivor = service(queue, relay: relay, clock: clock, policy: policy)
        #expect(await survivor.deliverDue() == 0)
        clock.advance(to: start + policy.leaseSeconds)
        #expect(await survivor.deliverDue() == 1)
        #expect(await queue.messages[id]?.state == .sent)
        #expect(relay.record.deliveries.count == 1)
    }

    @Test func neverSendsAMessageThatIsNotPending() async throws {
        let relay = try await MailFakeRelay()
        defer { Task { try? await relay.stop() } }
        let queue = MailTestQueue(), clock = MailTestClock()
        let id = await queue.enqueue(to: "bob@example.org", content: mailTestMessage, at: clock.now)
        await queue.setState(id, .sent)
        var stale = try #require(await queue.messages[id])
        let delivery = service(queue, relay: relay, clock: clock)
        await delivery.deliver(stale)
        stale.state = .failed
        await delivery.deliver(stale)
        #expect(relay.record.sessions == 0)
        #expect(await queue.attempts.isEmpty)
    }

    /// The poll never ends by itself, so a delivery can only come from the wake-up; the wait for it has no bound of
    /// its own (the time limit only turns a hang into a failure).
    @Test(.timeLimit(.minutes(1))) func wakeSendsAtOnceWithoutWaitingForThePoll() async throws {
        let relay = try await MailFakeRelay()
        defer { Task { try? await relay.stop() } }
        let queue = MailTestQueue(), clock = MailTestClock()
        let policy = MailRetryPolicy(pollInterval: .seconds(3_600))
        // Each time the loop starts waiting out its poll it says so, then waits for good.
        let waiting = AsyncStream<Void>.makeStream()
        let delivery = service(queue, relay: relay, clock: clock, policy: policy,
                               signal: MailWakeSignal(sleep: { interval in
                                   waiting.continuation.yield()
                                   await endlessPoll(interval)
                               }))
        let running = Task { try await delivery.run() }
        defer { running.cancel() }
        // Once the start-up pass has found the queue empty and the loop waits: queue and wake.
        var waits = waiting.stream.makeAsyncIterator()
        _ = await waits.next()
        await queue.enqueue(to: "bob@example.org", content: mailTestMessage, at: clock.now)
        delivery.wake()
        while relay.record.deliveries.isEmpty {
            try await Task.sleep(for: .milliseconds(20))
        }
        #expect(relay.record.deliveries.count == 1)
        running.cancel()
        _ = await running.result
    }

    /// A signal given before the wait is remembered: the wait returns although its timeout never runs out.
    @Test(.timeLimit(.minutes(1))) func aSignalGivenBeforeTheWaitEndsIt() async {
        let signal = MailWakeSignal(sleep: endlessPoll)
        signal.signal()
        await signal.wait(upTo: .seconds(30))
    }

    /// With nothing pending, the timeout ends the wait, and it is the interval asked for.
    @Test(.timeLimit(.minutes(1))) func withoutASignalTheTimeoutEndsTheWait() async {
        let asked = DeadlineLog()
        let signal = MailWakeSignal(sleep: { asked.append($0) })
        await signal.wait(upTo: .milliseconds(50))
        #expect(asked.values == [.milliseconds(50)])
    }
}
