import CalendarStore
import DAVXML
import WebDAV

/// DAV:principal-property-search (attendee lookup in clients) and DAV:principal-search-property-set.
/// Matching is a case-insensitive substring test on display name and calendar user addresses.
/// Spec: RFC 3744 §9.4–9.5.
struct PrincipalPropertySearchReport {
    let context: MethodContext
    let body: XMLElement

    /// The properties a search may name, with descriptions (RFC 3744 §9.5).
    static let searchable: [(XMLName, String)] = [
        (.dav.displayname, "Display name"),
        (.calDAV.calendarUserAddressSet, "Calendar user address"),
        (.calendarServer.emailAddressSet, "Email address"),
    ]

    func run(on resource: Resource) async throws(DAVError) -> DAVResponse {
        let request = try PrincipalPropertySearchRequest.parse(body)
        let (users, groups) = try await context.store { store throws(StoreError) in
            (try await store.users(), try await store.groups())
        }
        // Users and groups alike, so a client can invite or share with a group it finds by name.
        let principals: [(target: PropertyTarget, fields: Fields)] =
            users.map { (.principal($0), Fields(name: $0.name, displayName: $0.displayName, email: $0.email)) }
            + groups.map { (.groupPrincipal($0), Fields(name: $0.name, displayName: $0.displayName, email: $0.email ?? "")) }
        let found = principals.filter { principal in
            let results = request.searches.map { search in matches(principal.fields, search.properties, search.match) }
            return request.test == .anyof ? results.contains(true) : !results.contains(false)
        }
        let selection = try PropertySelection(prop: XMLElement(.dav.prop, elements: request.properties.map { XMLElement($0) }))
        let renderer = PropertyRenderer(context: context, selection: selection)
        var responses: [MultistatusResponse] = []
        for principal in found { responses.append(await renderer.response(for: principal.target)) }
        return Multistatus(responses: responses).response()
    }

    /// What a search compares of a user or a group.
    private struct Fields {
        let name: String
        let displayName: String
        let email: String
    }

    private func matches(_ principal: Fields, _ properties: [XMLName], _ match: String) -> Bool {
        let needle = match.lowercased()
        guard !needle.isEmpty else { return true }
        return properties.contains { property in
            let values: [String] = switch property {
            case .dav.displayname: [principal.displayName, principal.name]
            case .calDAV.calendarUserAddressSet:
                [principal.email.isEmpty ? "" : "mailto:" + principal.email, context.hrefs.principal(principal.name)]
            case .calendarServer.emailAddressSet: [principal.email]
            default: []
            }
            return values.contains { !$0.isEmpty && $0.lowercased().contains(needle) }
        }
    }

    static func searchPropertySet() -> DAVResponse {
        let properties = searchable.map { name, description in
            XMLElement(.dav.principalSearchProperty, elements: [
                XMLElement(.dav.prop, elements: [XMLElement(name)]),
                XMLElement(.dav.description, attributes: [XMLAttribute(XMLName("http://www.w3.org/XML/1998/namespace", "lang"), "en")],
                           text: description),
            ])
        }
        let root = XMLElement(.dav.principalSearchPropertySet, elements: properties)
        return DAVResponse(status: 200, headers: DAVHeaders([("Content-Type", "application/xml; charset=utf-8")]),
                           body: XMLWriter.document(root))
    }
}
