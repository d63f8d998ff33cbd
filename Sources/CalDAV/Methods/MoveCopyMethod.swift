import CalendarStore
import Calendaring
import DAVXML
import WebDAV

/// MOVE and COPY of calendar objects between (or within) calendars the user owns or may write (a MOVE needs
/// DAV:unbind on the source, a COPY DAV:read, and the destination DAV:bind). The target calendar's component set
/// and UID uniqueness are kept; MOVE is one store transaction (a tombstone in the source, a change in the target).
/// Spec: RFC 4918 §9.8–9.9 (Destination, Overwrite, 201/204/412, 502 for a Destination on another server),
/// RFC 4791 §5.3.2.1 (preconditions on the target).
struct MoveCopyMethod {
    let context: MethodContext

    func run(move: Bool) async throws(DAVError) -> DAVResponse {
        let resource = try await context.resolve()
        guard case .object(let user, let sourceCalendar, let object) = resource else {
            if !resource.exists { throw DAVError.notFound() }
            throw DAVError.forbidden("Only calendar objects can be moved or copied.")
        }
        guard let destinationHeader = context.request.headers["Destination"] else {
            throw DAVError.badRequest("MOVE and COPY need a Destination header.")
        }
        let origins = LocalOrigins(configured: context.configuration.publicOrigin,
                                   requestHost: context.request.headers["Host"])
        guard origins.contains(destinationHeader) else {
            throw DAVError(status: 502, message: "The Destination is on another server; this server copies and moves "
                           + "only within itself.")
        }
        guard let destination = context.hrefs.path(of: destinationHeader),
              case .object(let destinationUser, let destinationSlug, let destinationName) = destination else {
            throw DAVError(status: 502, message: "The Destination is not a calendar object URL on this server.")
        }
        let overwrite: Bool
        switch context.request.headers["Overwrite"]?.trimmingWhitespace.uppercased() {
        case nil, "T": overwrite = true
        case "F": overwrite = false
        default: throw DAVError.badRequest("The Overwrite header must be T or F.")
        }
        if destinationUser == user.name, destinationSlug == sourceCalendar.slug, destinationName == object.name {
            throw DAVError.forbidden("The source and destination are the same resource.")
        }

        // The destination needs DAV:bind, whatever the source needed (RFC 3744 Appendix B).
        let target = try await ResourceResolver(store: context.store, principal: context.request.principal,
                                                operation: .bindInto, hrefs: context.hrefs)
            .resolve(.calendar(user: destinationUser, calendar: destinationSlug))
        guard case .calendar(_, let targetCalendar) = target else {
            throw DAVError.conflict("The destination calendar does not exist.")
        }
        if sourceCalendar.isScheduleInbox || targetCalendar.isScheduleInbox {
            throw DAVError.forbidden("Scheduling messages cannot be moved or copied into or out of the inbox.")
        }
        guard targetCalendar.supportedComponents.contains(object.index.componentType) else {
            throw DAVError.forbidden("The destination calendar does not accept \(object.index.componentType).",
                                     condition: .calDAV.supportedCalendarComponent)
        }
        let ifMatch = try sourceCondition(object)
        let existed = try await context.store { store throws(StoreError) in
            try await store.object(calendarID: targetCalendar.id, name: destinationName)
        } != nil

        do {
            if move {
                _ = try await context.store.moveObject(fromCalendarID: sourceCalendar.id, name: object.name,
                                                       toCalendarID: targetCalendar.id, newName: destinationName,
                                                       overwrite: overwrite, ifMatch: ifMatch)
            } else {
                _ = try await context.store.putObject(calendarID: targetCalendar.id, name: destinationName,
                                                      data: object.data, index: object.index,
                                                      precondition: overwrite ? .none : .mustNotExist)
            }
        } catch {
            throw error.putError(user: user, calendar: targetCalendar, hrefs: context.hrefs)
        }
        return DAVResponse(status: existed ? 204 : 201, headers: DAVHeaders([("Content-Length", "0")]))
    }

    private func sourceCondition(_ object: CalendarObjectRecord) throws(DAVError) -> ETag? {
        let conditions = ConditionalHeaders(context.request.headers)
        guard conditions.ifMatchSatisfied(currentTag: object.etag.value) else {
            throw DAVError.preconditionFailed("If-Match does not match the current ETag.")
        }
        if case .tags? = conditions.ifMatch { return object.etag }
        return nil
    }
}
