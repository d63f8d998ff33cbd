import CalendarStore
import Calendaring
import DAVXML
import WebDAV

/// PROPPATCH on a calendar: all instructions succeed together or none is applied.
/// Spec: RFC 4918 §9.2 (atomicity, 424 for the instructions not carried out), RFC 4791 §5.2,
/// RFC 4918 §16 (cannot-modify-protected-property).
struct ProppatchMethod {
    let context: MethodContext

    func run() async throws(DAVError) -> DAVResponse {
        let request = try ProppatchRequest.parse(context.request.body)
        let resource = try await context.resolve()
        let href = context.hrefs.href(resource.path)
        if case .proxyGroup(let owner, let mode) = resource {
            return try await DelegatesPatch(context: context).run(request, owner: owner, mode: mode, href: href)
        }
        guard case .calendar(let user, let calendar) = resource else {
            guard resource.exists else { throw DAVError.notFound() }
            // Only calendars keep writable properties; everything else is protected.
            return refuseAll(request, href: href)
        }
        if calendar.ownerID != user.id { return try await patchMount(request, calendar: calendar, sharee: user, href: href) }
        // The resolver lets only the owner and manage sharees here; kept as a second lock, since this changes the
        // owner's calendar for everyone.
        let access = try await context.store { store throws(StoreError) in
            try await AccessResolver(store: store).access(of: context.request.principal.userID, to: calendar)
        }
        guard access.allows(.writeProperties) else {
            throw SharedResourceRule.refusal(href, operation: .proppatch, on: .calendar)
        }

        var changes = CalendarChanges()
        var results: [(XMLName, DAVError?)] = []
        for operation in request.operations {
            switch operation {
            case .set(let element):
                results.append((element.name, CalendarPropertyWriter.set(element, into: &changes)))
            case .remove(let name):
                results.append((name, CalendarPropertyWriter.remove(name, into: &changes)))
            }
        }

        if results.contains(where: { $0.1 != nil }) {
            let propstats = results.map { name, error in
                Propstat(status: error?.status ?? 424, properties: [XMLElement(name)], error: error?.errorElement)
            }
            return Multistatus(responses: [MultistatusResponse(href: href, propstats: propstats)]).response()
        }
        _ = try await context.store { store throws(StoreError) in try await store.updateCalendar(id: calendar.id, changes) }
        let propstat = Propstat(status: 200, properties: results.map { XMLElement($0.0) })
        return Multistatus(responses: [MultistatusResponse(href: href, propstats: [propstat])]).response()
    }

    /// PROPPATCH on the mount of a calendar shared with the user: their own name and colour for it
    /// (`ShareePresentation`), never the owner's properties, which every other property would change.
    private func patchMount(_ request: ProppatchRequest, calendar: CalendarRecord, sharee: User, href: String)
        async throws(DAVError) -> DAVResponse {
        var changes = CalendarChanges()
        var results: [(XMLName, DAVError?)] = []
        for operation in request.operations {
            let name: XMLName
            var error: DAVError?
            switch operation {
            case .set(let element):
                name = element.name
                error = CalendarPropertyWriter.set(element, into: &changes)
            case .remove(let removed):
                name = removed
                error = CalendarPropertyWriter.remove(removed, into: &changes)
            }
            if error == nil, name != .dav.displayname, name != .apple.calendarColor {
                error = .forbidden("Only your own name and colour for a shared calendar can be changed.",
                                   condition: .dav.needPrivileges)
            }
            results.append((name, error))
        }
        if results.contains(where: { $0.1 != nil }) {
            let propstats = results.map { name, error in
                Propstat(status: error?.status ?? 424, properties: [XMLElement(name)], error: error?.errorElement)
            }
            return Multistatus(responses: [MultistatusResponse(href: href, propstats: propstats)]).response()
        }
        try await context.store { store throws(StoreError) in
            let current = try await store.shareePresentation(calendarID: calendar.id, userID: sharee.id)
            // An empty value (a removed property) shows the owner's again.
            let name = changes.displayName.map { $0.isEmpty ? nil : $0 } ?? current?.displayName
            let color = changes.color.map { $0.isEmpty ? nil : $0 } ?? current?.color
            try await store.setShareePresentation(calendarID: calendar.id, userID: sharee.id, displayName: name,
                                                  color: color)
        }
        let propstat = Propstat(status: 200, properties: results.map { XMLElement($0.0) })
        return Multistatus(responses: [MultistatusResponse(href: href, propstats: [propstat])]).response()
    }

    private func refuseAll(_ request: ProppatchRequest, href: String) -> DAVResponse {
        let names = request.operations.map { operation -> XMLName in
            switch operation {
            case .set(let element): element.name
            case .remove(let name): name
            }
        }
        let error = XMLElement(.dav.error, elements: [XMLElement(.dav.cannotModifyProtectedProperty)])
        let propstat = Propstat(status: 403, properties: names.map { XMLElement($0) }, error: error)
        return Multistatus(responses: [MultistatusResponse(href: href, propstats: [propstat])]).response()
    }
}

extension DAVError {
    /// The `<D:error>` element for a propstat, when the error names a condition.
    var errorElement: XMLElement? {
        guard let condition else { return nil }
        return XMLElement(.dav.error, elements: [XMLElement(condition, elements: conditionContent)])
    }
}
