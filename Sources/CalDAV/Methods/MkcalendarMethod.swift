import CalendarStore
import DAVXML
import WebDAV

/// MKCALENDAR and extended MKCOL (with a calendar resourcetype) in a calendar home.
/// Spec: RFC 4791 §5.3.1, RFC 5689 §3–5 (extended MKCOL), RFC 4918 §9.3.1 (405 when the resource exists).
struct MkcalendarMethod {
    let context: MethodContext

    func run(extendedMkcol: Bool) async throws(DAVError) -> DAVResponse {
        let root: XMLName = extendedMkcol ? .dav.mkcol : .calDAV.mkcalendar
        let request = try CollectionCreationRequest.parse(context.request.body, root: root)
        let resource = try await context.resolve()
        guard case .unmappedCalendar(let user, let slug) = resource else {
            if resource.exists {
                throw DAVError(status: 405, condition: .dav.resourceMustBeNull,
                               message: "A resource already exists at this URL.",
                               headers: DAVHeaders([("Allow", resource.kind.allowHeader)]))
            }
            throw DAVError.forbidden("Calendars can only be created directly inside a calendar home.",
                                     condition: .calDAV.calendarCollectionLocationOk)
        }
        if extendedMkcol {
            let types = Set(request.resourceTypes)
            guard types.contains(.calDAV.calendar) else {
                throw DAVError.forbidden("Only calendar collections can be created here (resourcetype must include "
                                         + "C:calendar).", condition: .dav.validResourcetype)
            }
        }

        var changes = CalendarChanges()
        var failures: [(XMLName, DAVError)] = []
        for property in request.properties {
            if let error = CalendarPropertyWriter.set(property, into: &changes, creating: true) {
                failures.append((property.name, error))
            }
        }
        guard failures.isEmpty else {
            let propstats = request.properties.map { property in
                let error = failures.first { $0.0 == property.name }?.1
                return Propstat(status: error?.status ?? 424, properties: [XMLElement(property.name)],
                                error: error?.errorElement)
            }
            let responseRoot: XMLName = extendedMkcol ? .dav.mkcolResponse : .calDAV.mkcalendarResponse
            let body = XMLElement(responseRoot, elements: propstats.map { $0.element() })
            return DAVResponse(status: 403, headers: DAVHeaders([("Content-Type", "application/xml; charset=utf-8")]),
                               body: XMLWriter.document(body))
        }

        let new = NewCalendar(ownerID: user.id, slug: slug, displayName: changes.displayName ?? slug,
                              description: changes.description ?? "", color: changes.color ?? "",
                              order: changes.order ?? 0, timeZone: changes.timeZone ?? "",
                              supportedComponents: changes.supportedComponents ?? ["VEVENT", "VTODO", "VJOURNAL"],
                              deadProperties: changes.setDeadProperties)
        _ = try await context.store { store throws(StoreError) in try await store.createCalendar(new) }
        return DAVResponse(status: 201, headers: DAVHeaders([
            ("Location", context.hrefs.calendar(user.name, slug)), ("Cache-Control", "no-cache"), ("Content-Length", "0"),
        ]))
    }
}
