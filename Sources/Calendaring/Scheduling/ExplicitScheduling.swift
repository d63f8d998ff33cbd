import CalendarStore
import ICalendar
import ITIP

/// iTIP messages a client posts rather than implies by writing an object: an attendee's COUNTER (propose another
/// time) and REFRESH (ask for the current state), the organizer's DECLINECOUNTER, sent through the outbox; and
/// messages that arrived by e-mail (iMIP REPLY, COUNTER, REFRESH), posted into the organizer's inbox by the user or a
/// mail hook acting for them. Accepting a counter-proposal is an ordinary change of the event by the organizer
/// (PUT), which implicit scheduling turns into a new REQUEST.
/// Spec: RFC 5546 §3.2.5–3.2.8, RFC 6638 §5 (outbox POST), RFC 6047 (iMIP).
package struct ExplicitScheduling: Sendable {
    let context: SchedulingContext
    let user: User

    package init(context: SchedulingContext, user: User) {
        self.context = context
        self.user = user
    }

    private var directory: CalendarUserDirectory { CalendarUserDirectory(store: context.store, urls: context.urls) }
    private var delivery: SchedulingDelivery { SchedulingDelivery(context: context, sender: user) }

    /// The user sends `message` through their outbox; the answer for each recipient.
    package func outbox(_ message: ITIPMessage) async throws(CalendaringError) -> [RecipientResponse] {
        let actor = directory.calendarUser(user)
        guard actor.owns(message.originator) else {
            throw .refused(.originatorAllowed, reason: "The message's originator is not one of your calendar user addresses.")
        }
        switch message.method {
        case .counter, .refresh, .reply:
            break
        case .declineCounter:
            guard let copy = try await delivery.existingCopy(uid: message.uid, owner: user),
                  case .organizer = ITIP.role(of: try SchedulingDelivery.parse(copy.data), for: actor) else {
                throw .refused(.organizerAllowed, reason: "Only the organizer of the event can decline a counter-proposal.")
            }
        case .request, .cancel, .add, .publish:
            throw .refused(.validSchedulingMessage,
                           reason: "Invitations and cancellations are sent by storing or deleting the event in a "
                               + "calendar (implicit scheduling, RFC 6638 §3).")
        }
        guard !message.recipients.isEmpty else {
            throw .refused(.recipientSpecified, reason: "The message names no recipient.")
        }
        return try await send([(message, message.recipients)])
    }

    /// A message for `user` that arrived from outside (e-mail), posted into their inbox; the answer for its recipient.
    package func inbox(_ message: ITIPMessage) async throws(CalendaringError) -> [RecipientResponse] {
        let actor = directory.calendarUser(user)
        guard message.method.isFromAttendee else {
            throw .refused(.validSchedulingMessage,
                           reason: "The inbox accepts replies, counter-proposals and refresh requests from attendees.")
        }
        guard message.recipients.contains(where: actor.owns) else {
            throw .refused(.recipientSpecified, reason: "The message is not addressed to the owner of this inbox.")
        }
        guard let copy = try await delivery.existingCopy(uid: message.uid, owner: user) else {
            throw .refused(.validSchedulingMessage, reason: "No event with this UID is organized by the owner of this inbox.")
        }
        let organizerCopy = try SchedulingDelivery.parse(copy.data)
        guard case .organizer = ITIP.role(of: organizerCopy, for: actor),
              SchedulingDelivery.attendees(of: organizerCopy).contains(message.originator) else {
            throw .refused(.originatorAllowed, reason: "The sender is not an attendee of this event.")
        }
        let recipient = message.recipients.first(where: actor.owns) ?? message.originator
        return try await send([(message, [recipient])])
    }

    /// Delivers the messages (and the organizer's answer to a REFRESH delivered to a local organizer) in one
    /// transaction and answers with the status of each delivery.
    private func send(_ messages: [(ITIPMessage, [CalendarUserAddress])]) async throws(CalendaringError)
        -> [RecipientResponse] {
        try await context.admitScheduling(messages.map { message, recipients in
            var addressed = message
            addressed.recipients = recipients
            return addressed
        }, userID: user.id)
        for attempt in 1...ImplicitScheduler.attempts {
            var plan = SchedulingPlan()
            var entries: [RecipientResponse] = []
            for (message, recipients) in messages {
                for recipient in recipients {
                    let status = try await delivery.deliver(message, to: recipient, plan: &plan)
                    entries.append(RecipientResponse(recipient: recipient.value, requestStatus: status.requestStatus))
                    if message.method == .refresh, status == .delivered {
                        try await answerRefresh(message, organizer: recipient, plan: &plan)
                    }
                }
            }
            do {
                _ = try await context.store.apply(plan.changes)
                if plan.mailQueued { context.mailQueued() }
                return entries
            } catch .changeFailed(_, _) where attempt < ImplicitScheduler.attempts {
                continue
            } catch {
                throw .store(error)
            }
        }
        throw .refused(.concurrentUpdates, reason: "The meeting changed concurrently; try again.")
    }

    /// RFC 5546 §3.2.6: the organizer's server answers a REFRESH with the current REQUEST.
    private func answerRefresh(_ refresh: ITIPMessage, organizer: CalendarUserAddress, plan: inout SchedulingPlan)
        async throws(CalendaringError) {
        let owner = try await context.store { store throws(StoreError) in
            try await CalendarUserDirectory(store: store, urls: context.urls).user(for: organizer)
        }
        guard let owner, let copy = try await delivery.existingCopy(uid: refresh.uid, owner: owner) else { return }
        let organizerCopy = try SchedulingDelivery.parse(copy.data)
        let answer: ITIPMessage
        do {
            answer = try ITIP.answeringRefresh(refresh, organizerCopy: organizerCopy)
        } catch {
            throw .scheduling(error)
        }
        let organizerDelivery = SchedulingDelivery(context: context, sender: owner)
        for recipient in answer.recipients {
            _ = try await organizerDelivery.deliver(answer, to: recipient, plan: &plan)
        }
    }
}
