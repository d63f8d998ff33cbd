internal import Foundation
import CalendarStore
import Calendaring
import ICalendar

/// Calendars: the user's own (any number, each with a name, colour, time zone and the components it holds) and
/// those shared with them, with their role. A calendar is a CalDAV calendar collection; its sync token is the one
/// CalDAV reports.
extension CalendarAPIService {
    package func listMyCalendars(_ input: Operations.ListMyCalendars.Input) async throws -> Operations.ListMyCalendars.Output {
        let caller = try APICaller.required()
        let me = try await currentUser()
        let owned = try await store { store throws(StoreError) in
            try await SchedulingMailboxes(store: store).calendars(of: me)
        }
        var items = owned.sorted { ($0.order, $0.id) < ($1.order, $1.id) }.map {
            json(ReachedCalendar(record: $0, access: .owner, owner: me, presentation: nil))
        }
        let shared = try await store { store throws(StoreError) in try await store.sharedCalendars(userID: caller.userID) }
        for share in shared where share.state != .declined {
            let owner = try await user(id: share.calendar.ownerID)
            var item = json(ReachedCalendar(record: share.calendar, access: .shared(share.role), owner: owner,
                                            presentation: share.presentation))
            item.shareState = share.state == .accepted ? .accepted : .invited
            items.append(item)
        }
        return .ok(.init(body: .json(.init(items: items))))
    }

    package func getCalendar(_ input: Operations.GetCalendar.Input) async throws -> Operations.GetCalendar.Output {
        let reached = try await reach(input.path.calendarId, caller: APICaller.required())
        let body = json(reached)
        return .ok(.init(headers: .init(eTag: Self.etag(of: body).quoted), body: .json(body)))
    }

    package func createCalendar(_ input: Operations.CreateCalendar.Input) async throws -> Operations.CreateCalendar.Output {
        guard case .json(let fields) = input.body else { throw APIError.invalid("The body must be JSON.") }
        let me = try await currentUser()
        let name = try CalendarFields.name(fields.name)
        var new = NewCalendar(ownerID: me.id, slug: UUID().uuidString.lowercased(), displayName: name,
                              description: try CalendarFields.description(fields.description ?? ""),
                              color: try CalendarFields.color(fields.color ?? ""),
                              supportedComponents: try CalendarFields.components(fields.components))
        if let zone = fields.timeZone, !zone.isEmpty { new.timeZone = try CalendarFields.timeZoneText(zone, timeZones) }
        let record = try await store { store throws(StoreError) in try await store.createCalendar(new) }
        let body = json(ReachedCalendar(record: record, access: .owner, owner: me, presentation: nil))
        return .created(.init(headers: .init(eTag: Self.etag(of: body).quoted, location: "/api/v1/calendars/\(record.id)"),
                              body: .json(body)))
    }

    package func patchCalendar(_ input: Operations.PatchCalendar.Input) async throws -> Operations.PatchCalendar.Output {
        guard case .json(let fields) = input.body else { throw APIError.invalid("The body must be JSON.") }
        let caller = try APICaller.required()
        let reached = try await reach(input.path.calendarId, caller: caller)
        let body = try await update(reached, fields, ifMatch: input.headers.ifMatch, caller: caller)
        return .ok(.init(headers: .init(eTag: Self.etag(of: body).quoted), body: .json(body)))
    }

    /// PUT: the calendar's fields as given, a field left out removed (its description, colour or time zone). The
    /// components a calendar holds are fixed at creation (CalDAV's supported-calendar-component-set is protected),
    /// so `components`, if given, must name them. A sharee's PUT sets their own name and colour for it.
    package func replaceCalendar(_ input: Operations.ReplaceCalendar.Input) async throws
        -> Operations.ReplaceCalendar.Output {
        guard case .json(let fields) = input.body else { throw APIError.invalid("The body must be JSON.") }
        let caller = try APICaller.required()
        let reached = try await reach(input.path.calendarId, caller: caller)
        if let asked = fields.components {
            let components = try CalendarFields.components(asked)
            guard Set(components) == Set(reached.record.supportedComponents) else {
                throw APIError(status: 409, kind: "components-fixed",
                               detail: "The components a calendar holds are set when it is made ("
                                   + reached.record.supportedComponents.joined(separator: ", ")
                                   + "); make a new calendar for others.")
            }
        }
        var patch = Components.Schemas.CalendarPatch(name: fields.name, color: fields.color ?? "")
        if reached.access.allows(.writeProperties) {
            patch.description = fields.description ?? ""
            patch.timeZone = fields.timeZone ?? ""
        } else {
            patch.description = fields.description
            patch.timeZone = fields.timeZone
        }
        let body = try await update(reached, patch, ifMatch: input.headers.ifMatch, caller: caller)
        return .ok(.init(headers: .init(eTag: Self.etag(of: body).quoted), body: .json(body)))
    }

    /// Applies the fields given (PATCH, or PUT with the left-out ones made empty) if the calendar is still the
    /// version `ifMatch` names: to the calendar itself for its owner or a manager, to their own presentation of it
    /// for any other sharee.
    private func update(_ reached: ReachedCalendar, _ fields: Components.Schemas.CalendarPatch, ifMatch: String?,
                        caller: APICaller) async throws(APIError) -> Components.Schemas.Calendar {
        var reached = reached
        // The fields are checked before the condition: a request that could never succeed says why, not "stale".
        var changes = CalendarChanges()
        if let name = fields.name { changes.displayName = try CalendarFields.name(name) }
        if let description = fields.description { changes.description = try CalendarFields.description(description) }
        if let color = fields.color { changes.color = try CalendarFields.color(color) }
        if let zone = fields.timeZone {
            changes.timeZone = zone.isEmpty ? "" : try CalendarFields.timeZoneText(zone, timeZones)
        }
        try IfMatch(header: ifMatch).check(Self.etag(of: json(reached)))
        if reached.access.allows(.writeProperties) {
            let id = reached.record.id
            reached.record = try await store { store throws(StoreError) in try await store.updateCalendar(id: id, changes) }
        } else {
            // A sharee names and colours a shared calendar for themselves; the rest is the owner's.
            guard fields.description == nil, fields.timeZone == nil else {
                throw APIError.forbidden("Only the owner (or someone they let manage it) may change the description "
                                             + "or time zone of this calendar; you may rename and recolour it for yourself.")
            }
            let name = changes.displayName ?? reached.presentation?.displayName
            // An empty colour takes the sharee's own colour away (the owner's shows again).
            let color = changes.color.map { $0.isEmpty ? nil : $0 } ?? reached.presentation?.color
            let id = reached.record.id
            try await store { store throws(StoreError) in
                try await store.setShareePresentation(calendarID: id, userID: caller.userID, displayName: name, color: color)
            }
            reached.presentation = try await store { store throws(StoreError) in
                try await store.shareePresentation(calendarID: id, userID: caller.userID)
            }
        }
        return json(reached)
    }

    package func deleteCalendar(_ input: Operations.DeleteCalendar.Input) async throws -> Operations.DeleteCalendar.Output {
        let caller = try APICaller.required()
        let reached = try await reach(input.path.calendarId, caller: caller)
        try IfMatch(header: input.headers.ifMatch).check(Self.etag(of: json(reached)))
        if reached.access == .owner {
            let id = reached.record.id
            try await store { store throws(StoreError) in try await store.deleteCalendar(id: id) }
        } else if case .shared = reached.access {
            // Deleting a calendar shared with you leaves the share; the owner's calendar stays.
            let me = try await currentUser()
            try await calendaring { () async throws(CalendaringError) in
                try await sharing.respond(reached.record, sharee: me, accept: false)
            }
            scheduling.mailQueued()
        } else {
            throw APIError.forbidden("Only the owner may delete this calendar.")
        }
        return .noContent(.init())
    }

    /// A calendar as JSON, for the user who reaches it so.
    func json(_ reached: ReachedCalendar) -> Components.Schemas.Calendar {
        let record = reached.record
        let name = reached.presentation?.displayName ?? (record.displayName.isEmpty ? record.slug : record.displayName)
        let color = reached.presentation?.color ?? record.color
        let components = record.supportedComponents.compactMap(Components.Schemas.ComponentType.init(rawValue:))
        return Components.Schemas.Calendar(
            id: String(record.id), name: name, description: record.description.isEmpty ? nil : record.description,
            color: color.isEmpty ? nil : color, timeZone: CalendarFields.timeZoneID(of: record.timeZone),
            components: components, role: reached.role,
            owner: .init(email: reached.owner.email.isEmpty ? nil : reached.owner.email,
                         displayName: reached.owner.displayName, id: String(reached.owner.id)),
            syncToken: SyncToken(calendarID: record.id, revision: record.revision).uri,
            caldavUrl: urls.calendarURL(owner: reached.owner.name, calendar: record.slug))
    }

    /// The calendar's ETag: a digest of its JSON, so it changes with anything the representation shows.
    static func etag(of calendar: Components.Schemas.Calendar) -> ETag {
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        return ETag(of: (try? encoder.encode(calendar)).map(Array.init) ?? [])
    }
}
