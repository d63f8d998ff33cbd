import CalendarStore
import Calendaring
import ICalendar
import ICalendarRecurrence

/// Busy time of people by name or address: the lookup CalDAV clients make through the scheduling outbox, with the
/// same privacy (each person's choice of who sees their busy time) and the same answer (periods only).
/// Spec: RFC 6638 §5 (the outbox lookup this mirrors), RFC 4791 §7.10 (what counts as busy).
extension CalendarAPIService {
    package func queryFreeBusy(_ input: Operations.QueryFreeBusy.Input) async throws -> Operations.QueryFreeBusy.Output {
        guard case .json(let request) = input.body else { throw APIError.invalid("The body must be JSON.") }
        guard let window = try Self.window(min: request.timeMin, max: request.timeMax), let start = window.start,
              let end = window.end else { throw APIError.invalid("'timeMin' and 'timeMax' are required.") }
        guard end.secondsSinceEpoch - start.secondsSinceEpoch <= Self.maxInstanceWindow else {
            throw APIError.invalid("'timeMin' and 'timeMax' may be at most 366 days apart.")
        }
        guard (1...100).contains(request.items.count) else {
            throw APIError.invalid("'items' must name between 1 and 100 people.")
        }
        let shown: any TimeZoneRules
        if let name = request.timeZone, !name.isEmpty {
            guard let zone = timeZones.zone(for: name) else {
                throw APIError.invalid("'timeZone' '\(name)' is not a time zone this server knows.")
            }
            shown = zone
        } else {
            shown = FixedOffsetZone.utc
        }
        let lookup = OutboxFreeBusy(context: scheduling, sender: try await currentUser())
        var people: [Components.Schemas.FreeBusyResponse.PeoplePayloadPayload] = []
        for item in request.items {
            guard let person = try await person(item.id) else {
                people.append(.init(id: item.id, busy: [], error: .notFound))
                continue
            }
            guard let busy = try await calendaring({ () async throws(CalendaringError) in
                try await lookup.busyTime(for: person, from: start, to: end)
            }) else {
                people.append(.init(id: item.id, busy: [], error: .notAllowed))
                continue
            }
            let periods = busy.periods.filter { $0.type != .free }.map { period in
                Components.Schemas.FreeBusyResponse.PeoplePayloadPayload.BusyPayloadPayload(
                    start: RFC3339.format(period.start, in: shown), end: RFC3339.format(period.end, in: shown),
                    _type: period.type == .busyTentative ? .tentative
                        : period.type == .busyUnavailable ? .unavailable : .busy)
            }
            people.append(.init(id: item.id, busy: periods))
        }
        return .ok(.init(body: .json(.init(timeMin: RFC3339.format(start, in: shown),
                                           timeMax: RFC3339.format(end, in: shown), people: people))))
    }

    /// The user a login name or e-mail address names.
    private func person(_ id: String) async throws(APIError) -> User? {
        if let user = try await store({ store throws(StoreError) in try await store.user(named: id) }) { return user }
        guard id.contains("@") else { return nil }
        return try await store { store throws(StoreError) in try await store.user(email: id) }
    }
}
