import CalendarStore
import DAVXML
import WebDAV

/// DAV:expand-property: the requested properties of the target, where each DAV:href inside a property named with
/// sub-properties is replaced by a DAV:response holding those properties of the resource it names (clients use it
/// for the principal's calendar-home-set, calendar-user-address-set and proxy groups in one round trip).
/// Spec: RFC 3253 §3.8.
struct ExpandPropertyReport {
    let context: MethodContext
    let body: XMLElement

    /// Expansion follows hrefs at most this deep, so cycles end.
    static let maxDepth = 3

    func run(on resource: Resource) async throws(DAVError) -> DAVResponse {
        let request = try ExpandPropertyRequest.parse(body)
        guard let target = PropertyTarget(resource) else { throw DAVError.notFound() }
        let response = await expand(target, items: request.items, depth: 0)
        return Multistatus(responses: [response]).response()
    }

    private func expand(_ target: PropertyTarget, items: [ExpandPropertyRequest.Item], depth: Int) async -> MultistatusResponse {
        var builder = PropstatBuilder()
        for item in items {
            guard var value = await context.reader.value(item.name, of: target) else {
                builder.add(item.name, nil)
                continue
            }
            if !item.children.isEmpty, depth < Self.maxDepth {
                var children: [XMLNode] = []
                for child in value.children {
                    guard case .element(let element) = child, element.name == .dav.href,
                          let path = context.hrefs.path(of: element.text),
                          let resolved = try? await context.resolver.resolve(path),
                          let childTarget = PropertyTarget(resolved) else {
                        children.append(child)
                        continue
                    }
                    let nested = await expand(childTarget, items: item.children, depth: depth + 1)
                    children.append(.element(nested.element()))
                }
                value.children = children
            }
            builder.add(item.name, value)
        }
        return MultistatusResponse(href: context.hrefs.href(target.path), propstats: builder.propstats)
    }
}
