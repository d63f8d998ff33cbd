internal import Foundation
import CalendarStore
import Calendaring
import ICalendar
import ITIP

/// The organizer's side of counter-proposals: the COUNTERs waiting in their scheduling inbox about an event,
/// accepting one (an ordinary change of the event, which implicit scheduling sends every attendee as a new REQUEST)
/// and declining one (a DECLINECOUNTER through the outbox, as a CalDAV client posts it). Either way the proposal
/// leaves the inbox. Only the organizer, in their own calendar, answers proposals.
/// Spec: RFC 5546 §3.2.7 (COUNTER, accepted by an updated REQUEST), §3.2.8 (DECLINECOUNTER), RFC 6638 §4.1 (inbox).
extension CalendarAPIService {
    package func listProposals(_ input: Operations.ListProposals.Input) async throws -> Operations.ListProposals.Output {
        let caller = try APICaller.required()
        let (event, document) = try await organizedEvent(input.path.eventId, caller: caller)
        let times = try times(for: event.calendar, display: input.query.timeZone)
        var proposals = try await proposals(of: event, document: document)
        if let instance = event.id.instance {
            let wanted = times.context.instant(instance)
            proposals = proposals.filter { proposal in
                proposal.recurrenceID.map { times.context.instant($0) == wanted } ?? false
            }
        }
        let items = proposals.compactMap { $0.json(event: event.id, times: times) }
        return .ok(.init(body: .json(.init(items: items))))
    }

    package func acceptProposal(_ input: Operations.AcceptProposal.Input)
        async throws -> Operations.AcceptProposal.Output {
        let caller = try APICaller.required()
        var (event, document) = try await organizedEvent(input.path.eventId, caller: caller)
        let proposal = try await proposal(input.path.proposalId, of: event, document: document)
        try IfMatch(header: input.headers.ifMatch).check(event.object.etag)
        let counter = proposal.timeChange
        let accepted: Component
        do {
            accepted = try ITIP.acceptingCounter(counter, organizerCopy: document.calendar)
        } catch {
            throw error.apiError
        }
        let before = document.events
        document.calendar = accepted
        adoptTimeZones(of: counter.calendar, into: &document)
        let stamp = Property(name: .dtstamp, dateTime: .utc(Instant(Date()).utc))
        for index in document.calendar.components.indices where document.calendar.components[index].name == .vevent
            && !before.contains(document.calendar.components[index]) {
            document.calendar.components[index].setProperty(.dtstamp, stamp)
            var modified = stamp
            modified.name = .lastModified
            document.calendar.components[index].setProperty(.lastModified, modified)
        }
        let written = try await write(document, name: event.object.name, calendar: event.calendar, owner: event.owner,
                                      caller: caller, existing: event.object)
        try await remove(proposal)
        event.object = written.object
        let body = try render(event, times: try times(for: event.calendar, display: nil))
        return .ok(.init(headers: .init(eTag: written.object.etag.quoted), body: .json(body)))
    }

    package func declineProposal(_ input: Operations.DeclineProposal.Input)
        async throws -> Operations.DeclineProposal.Output {
        let caller = try APICaller.required()
        let (event, document) = try await organizedEvent(input.path.eventId, caller: caller)
        let proposal = try await proposal(input.path.proposalId, of: event, document: document)
        let decline: ITIPMessage
        do {
            decline = try ITIP.decliningCounter(proposal.message, organizerCopy: document.calendar)
        } catch {
            throw error.apiError
        }
        let organizer = event.owner
        _ = try await calendaring { () async throws(CalendaringError) in
            try await ExplicitScheduling(context: scheduling, user: organizer).outbox(decline)
        }
        try await remove(proposal)
        return .noContent(.init())
    }

    /// The event, if the signed-in user organizes it in their own calendar, where its proposals reach their inbox;
    /// an event that is no meeting has none to answer. 403 for an attendee's copy or someone else's calendar.
    private func organizedEvent(_ idText: String, caller: APICaller)
        async throws(APIError) -> (ReachedEvent, EventDocument) {
        let event = try await reachEvent(idText, caller: caller)
        let refusal = APIError.forbidden("Only the organizer of this event, in their own calendar, answers proposals.")
        guard event.owner.id == caller.userID else { throw refusal }
        let document = try EventDocument(data: event.object.data)
        let organizer = CalendarUserDirectory(store: store, urls: urls).calendarUser(event.owner)
        switch ITIP.role(of: document.calendar, for: organizer) {
        case .organizer: break
        case .none where !document.events.contains(where: { $0.property(.organizer) != nil }): break
        case .none, .attendee: throw refusal
        }
        return (event, document)
    }

    /// The COUNTERs about the event in its organizer's inbox from its attendees, oldest first.
    private func proposals(of event: ReachedEvent, document: EventDocument) async throws(APIError) -> [InboxProposal] {
        guard let uid = document.uid else { return [] }
        let ownerID = event.owner.id
        guard let inbox = try await store({ store throws(StoreError) in
            try await store.calendar(ownerID: ownerID, slug: SchedulingCollections.inboxSlug)
        }) else { return [] }
        let attendees = Set(document.events.flatMap { $0.properties(.attendee) }.map { CalendarUserAddress($0.value) })
        guard !attendees.isEmpty else { return [] }
        let items = try await store { store throws(StoreError) in try await store.objects(calendarID: inbox.id) }
        return items.compactMap { InboxProposal(record: $0, uid: uid, attendees: attendees) }
            .sorted { ($0.record.createdAt, $0.record.name) < ($1.record.createdAt, $1.record.name) }
    }

    /// One waiting proposal about the event; 404 when there is none by that id.
    private func proposal(_ id: String, of event: ReachedEvent, document: EventDocument)
        async throws(APIError) -> InboxProposal {
        guard let name = InboxProposal.name(ofID: id),
              let proposal = try await proposals(of: event, document: document).first(where: { $0.record.name == name })
        else { throw APIError.notFound("There is no proposal \(id) waiting for this event.") }
        return proposal
    }

    /// Takes the answered proposal out of the inbox; one already gone (answered concurrently) is no failure.
    private func remove(_ proposal: InboxProposal) async throws(APIError) {
        let (calendarID, name) = (proposal.record.calendarID, proposal.record.name)
        do {
            try await store.deleteObject(calendarID: calendarID, name: name, ifMatch: nil)
        } catch .notFound {
            return
        } catch {
            throw error.apiError
        }
    }

    /// Adds the VTIMEZONEs the accepted times name from the COUNTER when neither the event nor the tz database
    /// has that TZID (a zone of the attendee's client); the tz database's are added on writing.
    /// Spec: RFC 5545 §3.6.5 (a TZID needs its VTIMEZONE in the object).
    private func adoptTimeZones(of counter: Component, into document: inout EventDocument) {
        let defined = Set(document.calendar.components(.vtimezone).compactMap { $0.property(.tzid)?.text })
        let used = Set(document.events.flatMap { $0.properties.compactMap(\.tzid) })
        let adopted = counter.components(.vtimezone).filter { zone in
            guard let tzid = zone.property(.tzid)?.text else { return false }
            return used.contains(tzid) && !defined.contains(tzid) && timeZones.zone(for: tzid) == nil
        }
        document.calendar.components.insert(contentsOf: adopted, at: 0)
    }
}
