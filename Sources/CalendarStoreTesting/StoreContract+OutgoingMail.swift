import CalendarStore

extension StoreContract {
    static let outgoingMail: [ContractCheck] = [
        ContractCheck("outgoing.enqueueAndDue") { store in
            let f = try await ContractFixture.make(store)
            let first = try await f.enqueue(.sample(sender: f.user.id, to: "one@example.net"))
            let second = try await f.enqueue(.sample(sender: f.user.id, to: "two@example.net"))
            try Expect.equal(first.message, .sample(sender: f.user.id, to: "one@example.net"), "message kept")
            try Expect.equal(first.state, .pending, "pending")
            try Expect.equal(first.attempts, 0, "no attempts")
            try Expect.equal(first.nextAttemptAt, first.createdAt, "due at once")
            try Expect.equal(first.lastError, "", "no error")
            try Expect.that(first.id != second.id, "distinct ids")
            try Expect.equal(await store.outgoingMessage(id: first.id), first, "read back")
            try Expect.equal(try await store.dueOutgoingMessages(now: second.createdAt, limit: 10), [first, second],
                             "due, oldest first")
            try Expect.equal(try await store.dueOutgoingMessages(now: second.createdAt, limit: 1), [first], "limit")
            try Expect.equal(try await store.dueOutgoingMessages(now: first.createdAt - 1, limit: 10), [],
                             "not due before nextAttemptAt")
            try Expect.equal(try await store.deliveryAttempts(outgoingID: first.id), [], "no attempts logged")
        },
        ContractCheck("outgoing.claimLeasesEachMessageOnce") { store in
            let f = try await ContractFixture.make(store)
            let first = try await f.enqueue(.sample(sender: f.user.id, to: "one@example.net"))
            let second = try await f.enqueue(.sample(sender: f.user.id, to: "two@example.net"))
            let t = second.createdAt
            let claimed = try await store.claimOutgoingMessages(now: t, leaseSeconds: 300, limit: 10)
            try Expect.equal(claimed.map(\.id), [first.id, second.id], "claimed in queue order")
            try Expect.that(claimed.allSatisfy { $0.nextAttemptAt == t + 300 && $0.state == .pending },
                            "pending, leased until now + lease")
            try Expect.equal(await store.outgoingMessage(id: first.id), claimed[0], "the lease is stored")
            try Expect.equal(try await store.claimOutgoingMessages(now: t + 299, leaseSeconds: 300, limit: 10), [],
                             "nobody else gets them during the lease")
            _ = try await store.recordDeliveryAttempt(outgoingID: first.id, at: t + 1, outcome: .sent, detail: "250")
            let retaken = try await store.claimOutgoingMessages(now: t + 300, leaseSeconds: 60, limit: 10)
            try Expect.equal(retaken.map(\.id), [second.id], "an unrecorded claim is due again after its lease; "
                                 + "a sent one never")
            try Expect.equal(retaken.first?.attempts, 0, "a lost claim is not an attempt")
            try await Expect.invalidArgument("a lease must be positive") {
                try await store.claimOutgoingMessages(now: t, leaseSeconds: 0, limit: 10)
            }
        },
        ContractCheck("outgoing.concurrentClaimsNeverShare") { store in
            let f = try await ContractFixture.make(store)
            var ids: [Int64] = []
            for number in 0..<24 { ids.append(try await f.enqueue(.sample(sender: f.user.id, to: "r\(number)@example.net")).id) }
            let now = try await Expect.some(store.outgoingMessage(id: ids[23]), "last").createdAt
            let outcomes = await race(8) { _ throws(StoreError) in
                try await store.claimOutgoingMessages(now: now, leaseSeconds: 300, limit: 5)
            }
            let claimed = try outcomes.flatMap { try $0.get() }.map(\.id)
            try Expect.equal(claimed.count, Set(claimed).count, "no message handed to two claimants")
            try Expect.equal(Set(claimed), Set(ids), "every due message claimed")
        },
        ContractCheck("outgoing.retryThenSent") { store in
            let f = try await ContractFixture.make(store)
            let queued = try await f.enqueue(.sample(sender: f.user.id, to: "one@example.net"))
            let t = queued.createdAt
            let retried = try await store.recordDeliveryAttempt(outgoingID: queued.id, at: t + 1,
                                                                outcome: .retry(nextAttemptAt: t + 600),
                                                                detail: "451 4.7.1 try later")
            try Expect.equal(retried.state, .pending, "still pending")
            try Expect.equal(retried.attempts, 1, "one attempt")
            try Expect.equal(retried.nextAttemptAt, t + 600, "next attempt moved")
            try Expect.equal(retried.lastError, "451 4.7.1 try later", "last error")
            try Expect.equal(await store.outgoingMessage(id: queued.id), retried, "stored as returned")
            try Expect.equal(try await store.dueOutgoingMessages(now: t + 599, limit: 10), [], "not due yet")
            try Expect.equal(try await store.dueOutgoingMessages(now: t + 600, limit: 10), [retried], "due again")
            let sent = try await store.recordDeliveryAttempt(outgoingID: queued.id, at: t + 601, outcome: .sent,
                                                             detail: "250 2.0.0 queued as 42")
            try Expect.equal(sent.state, .sent, "sent")
            try Expect.equal(sent.attempts, 2, "two attempts")
            try Expect.equal(sent.lastError, "451 4.7.1 try later", "last failure kept")
            try Expect.equal(try await store.dueOutgoingMessages(now: t + 10_000, limit: 10), [], "sent is never due")
            try await Expect.invalidArgument("a sent message is never sent twice") {
                try await store.recordDeliveryAttempt(outgoingID: queued.id, at: t + 700, outcome: .sent, detail: "")
            }
            try Expect.equal(await store.outgoingMessage(id: queued.id), sent, "refused attempt changed nothing")
            try Expect.equal(try await store.deliveryAttempts(outgoingID: queued.id), [
                DeliveryAttempt(outgoingID: queued.id, number: 1, at: t + 1, outcome: .retry(nextAttemptAt: t + 600),
                                detail: "451 4.7.1 try later"),
                DeliveryAttempt(outgoingID: queued.id, number: 2, at: t + 601, outcome: .sent,
                                detail: "250 2.0.0 queued as 42"),
            ], "attempts, oldest first")
        },
        ContractCheck("outgoing.failedIsFinal") { store in
            let f = try await ContractFixture.make(store)
            let queued = try await f.enqueue(.sample(sender: f.user.id, to: "one@example.net"))
            let failed = try await store.recordDeliveryAttempt(outgoingID: queued.id, at: queued.createdAt,
                                                               outcome: .failed, detail: "550 5.1.1 no such user")
            try Expect.equal(failed.state, .failed, "failed")
            try Expect.equal(failed.attempts, 1, "one attempt")
            try Expect.equal(failed.lastError, "550 5.1.1 no such user", "last error")
            try Expect.equal(try await store.dueOutgoingMessages(now: queued.createdAt + 10_000, limit: 10), [],
                             "failed is never due")
            try await Expect.invalidArgument("no attempt after failed") {
                try await store.recordDeliveryAttempt(outgoingID: queued.id, at: queued.createdAt + 1,
                                                      outcome: .retry(nextAttemptAt: queued.createdAt + 60), detail: "")
            }
            try Expect.equal(try await store.deliveryAttempts(outgoingID: queued.id).count, 1, "one logged")
            try await Expect.error(.notFound, "unknown message") {
                try await store.recordDeliveryAttempt(outgoingID: 999_999, at: 0, outcome: .sent, detail: "")
            }
        },
        ContractCheck("outgoing.listing") { store in
            let alice = try await ContractFixture.make(store)
            let bob = try await ContractFixture.make(store, user: "bob")
            let a1 = try await alice.enqueue(.sample(sender: alice.user.id, to: "1@example.net"))
            let b1 = try await bob.enqueue(.sample(sender: bob.user.id, to: "2@example.net"))
            let a2 = try await alice.enqueue(.sample(sender: alice.user.id, to: "3@example.net"))
            try Expect.equal(try await store.outgoingMessages(senderUserID: alice.user.id, limit: 10), [a2, a1],
                             "one sender's, newest first")
            try Expect.equal(try await store.outgoingMessages(senderUserID: nil, limit: 10), [a2, b1, a1],
                             "every sender's, newest first")
            try Expect.equal(try await store.outgoingMessages(senderUserID: nil, limit: 2), [a2, b1], "limit")
            try Expect.equal(try await store.outgoingMessages(senderUserID: 999_999, limit: 10), [], "unknown sender")
            try Expect.equal(await store.outgoingMessage(id: 999_999), nil, "unknown id")
            try Expect.equal(try await store.deliveryAttempts(outgoingID: 999_999), [], "unknown id's attempts")
        },
        ContractCheck("outgoing.enqueueRefusals") { store in
            let f = try await ContractFixture.make(store)
            var noRecipient = NewOutgoingMessage.sample(sender: f.user.id, to: "")
            try await Self.expectEnqueueRefused(store, noRecipient, "empty recipient")
            noRecipient.envelopeTo = "x@example.net\r\nRCPT TO:<y@example.net>"
            try await Self.expectEnqueueRefused(store, noRecipient, "line break in the recipient")
            var noID = NewOutgoingMessage.sample(sender: f.user.id, to: "x@example.net")
            noID.messageID = ""
            try await Self.expectEnqueueRefused(store, noID, "empty Message-ID")
            try await Expect.error(.changeFailed(index: 0, reason: .notFound), "unknown sender") {
                try await store.apply([.enqueue(.sample(sender: 999_999, to: "x@example.net"))])
            }
            try Expect.equal(try await store.outgoingMessages(senderUserID: nil, limit: 10), [], "nothing queued")
        },
        ContractCheck("outgoing.deletingTheSenderDropsTheQueue") { store in
            let alice = try await ContractFixture.make(store)
            let bob = try await ContractFixture.make(store, user: "bob")
            let mine = try await alice.enqueue(.sample(sender: alice.user.id, to: "1@example.net"))
            _ = try await store.recordDeliveryAttempt(outgoingID: mine.id, at: mine.createdAt,
                                                      outcome: .retry(nextAttemptAt: mine.createdAt), detail: "busy")
            let theirs = try await bob.enqueue(.sample(sender: bob.user.id, to: "2@example.net"))
            try await store.deleteUser(id: alice.user.id)
            try Expect.equal(await store.outgoingMessage(id: mine.id), nil, "the deleted user's message")
            try Expect.equal(try await store.deliveryAttempts(outgoingID: mine.id), [], "its attempts")
            try Expect.equal(try await store.dueOutgoingMessages(now: theirs.createdAt, limit: 10), [theirs],
                             "only the other user's is due")
            try await Expect.error(.notFound, "an attempt on a dropped message") {
                try await store.recordDeliveryAttempt(outgoingID: mine.id, at: mine.createdAt, outcome: .sent,
                                                      detail: "")
            }
        },
    ]

    private static func expectEnqueueRefused(_ store: any CalendarStore, _ message: NewOutgoingMessage,
                                             _ what: String, file: StaticString = #fileID, line: UInt = #line)
        async throws {
        do {
            _ = try await store.apply([.enqueue(message)])
            throw ContractViolation("\(what): queued", file: file, line: line)
        } catch StoreError.changeFailed(index: 0, reason: .invalidArgument) {}
    }
}

extension NewOutgoingMessage {
    /// An iMIP REQUEST as the scheduling layer would queue it. Spec: RFC 6047 §2.4 (the MIME layout).
    static func sample(sender: Int64, to recipient: String) -> NewOutgoingMessage {
        let content = """
            From: organizer@example.com\r
            To: \(recipient)\r
            Message-ID: <\(recipient)-1@example.com>\r
            MIME-Version: 1.0\r
            Content-Type: text/calendar; method=REQUEST; charset=UTF-8\r
            \r
            BEGIN:VCALENDAR\r
            METHOD:REQUEST\r
            END:VCALENDAR\r

            """
        return NewOutgoingMessage(senderUserID: sender, envelopeFrom: "organizer@example.com",
                                  envelopeTo: recipient, messageID: "\(recipient)-1@example.com", method: "REQUEST",
                                  uid: "meeting-1", content: Array(content.utf8))
    }
}

extension ContractFixture {
    /// Queues one message through `apply`, as the scheduling layer does.
    func enqueue(_ message: NewOutgoingMessage) async throws -> OutgoingMessage {
        let results = try await store.apply([.enqueue(message)])
        guard results.count == 1, case .enqueued(let queued) = results[0] else {
            throw ContractViolation("enqueue result: \(results)")
        }
        return queued
    }
}
