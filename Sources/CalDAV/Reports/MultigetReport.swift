import CalendarStore
import DAVXML
import WebDAV

/// CALDAV:calendar-multiget: the named objects of one calendar, each with the requested properties, 404 for hrefs
/// that name nothing.
/// Spec: RFC 4791 §7.9.
struct MultigetReport {
    let context: MethodContext
    let body: XMLElement

    func run(on resource: Resource) async throws(DAVError) -> DAVResponse {
        let selection = try PropertySelection(prop: body.first(.dav.prop))
        let hrefs = body.all(.dav.href).map(\.text)
        guard !hrefs.isEmpty else { throw DAVError.badRequest("calendar-multiget needs at least one DAV:href.") }
        if case .sharedWithMe = resource { return try await sharedWithMe(hrefs, selection: selection) }
        guard case .calendar(let user, let calendar) = resource.calendarScope else {
            throw DAVError.forbidden("calendar-multiget applies to a calendar collection or object.")
        }

        // Each href's object name in this calendar, or nil (404); decoded once.
        let names: [String?] = hrefs.map { href in
            guard case .object(let owner, let slug, let name)? = context.hrefs.path(of: href),
                  owner == user.name, slug == calendar.slug else { return nil }
            return name
        }
        let objects = try await context.store { store throws(StoreError) in
            try await store.objects(calendarID: calendar.id, names: names.compactMap { $0 })
        }
        let byName = Dictionary(objects.map { ($0.name, $0) }, uniquingKeysWith: { first, _ in first })
        let renderer = PropertyRenderer(context: context, selection: selection)
        var responses: [MultistatusResponse] = []
        for (href, name) in zip(hrefs, names) {
            if let name, let object = byName[name] {
                responses.append(await renderer.response(for: .object(user, calendar, object.summary, data: object.data)))
            } else {
                responses.append(MultistatusResponse(href: href, status: 404))
            }
        }
        return Multistatus(responses: responses).response()
    }
}

extension MultigetReport {
    /// Over "Shared with me" each href is an entry, looked up and checked like a GET of it.
    private func sharedWithMe(_ hrefs: [String], selection: PropertySelection) async throws(DAVError) -> DAVResponse {
        let renderer = PropertyRenderer(context: context, selection: selection)
        let resolver = ResourceResolver(store: context.store, principal: context.request.principal, operation: .read,
                                        hrefs: context.hrefs)
        var responses: [MultistatusResponse] = []
        for href in hrefs {
            guard let path = context.hrefs.path(of: href), case .object(_, SharedWithMe.slug, _) = path,
                  case .object(let user, let calendar, let object)? = try? await resolver.resolve(path) else {
                responses.append(MultistatusResponse(href: href, status: 404))
                continue
            }
            responses.append(await renderer.response(for: .object(user, calendar, object.summary, data: object.data)))
        }
        return Multistatus(responses: responses).response()
    }
}

extension Resource {
    /// The calendar a calendar-level report runs over: the calendar itself, or the one holding the object.
    var calendarScope: Resource {
        if case .object(let user, let calendar, _) = self { return .calendar(user, calendar) }
        return self
    }
}
