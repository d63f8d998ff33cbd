import Calendaring
import DAVXML
import WebDAV

/// Groups property results into propstat elements: found ones under 200, missing ones under 404.
/// Spec: RFC 4918 §9.1 (a property that does not exist is reported with 404 in its own propstat).
struct PropstatBuilder {
    private(set) var found: [XMLElement] = []
    private(set) var missing: [XMLName] = []
    /// Properties the user may not read (RFC 3744 §5.5: DAV:acl needs DAV:read-acl), under 403.
    private(set) var forbidden: [XMLName] = []

    mutating func add(_ name: XMLName, _ value: XMLElement?) {
        if let value { found.append(value) } else { missing.append(name) }
    }

    mutating func forbid(_ name: XMLName) {
        forbidden.append(name)
    }

    var propstats: [Propstat] {
        var result: [Propstat] = []
        if !found.isEmpty || (missing.isEmpty && forbidden.isEmpty) {
            result.append(Propstat(status: 200, properties: found))
        }
        if !forbidden.isEmpty {
            result.append(Propstat(status: 403, properties: forbidden.map { XMLElement($0) },
                                   error: XMLElement(.dav.error, elements: [XMLElement(.dav.needPrivileges)])))
        }
        if !missing.isEmpty { result.append(Propstat(status: 404, properties: missing.map { XMLElement($0) })) }
        return result
    }
}

/// What a PROPFIND or REPORT asks of each resource: named properties (possibly with a calendar-data selection),
/// every property, or only names.
struct PropertySelection: Sendable {
    enum Kind: Sendable {
        case names([XMLName])
        case allprop(include: [XMLName])
        case propname
    }

    var kind: Kind
    /// The parsed CALDAV:calendar-data element when it is among the requested properties.
    var calendarData: CalendarDataRequest?

    var wantsCalendarData: Bool {
        if case .names(let names) = kind { return names.contains(.calDAV.calendarData) }
        return false
    }

    /// Reads a `<D:prop>` element of a REPORT body; nil `prop` means no properties were asked.
    init(prop: XMLElement?) throws(DAVError) {
        let elements = prop?.elements ?? []
        kind = .names(elements.map(\.name))
        if let data = elements.first(where: { $0.name == .calDAV.calendarData }) {
            calendarData = try CalendarDataRequest.parse(data)
        }
    }

    /// Reads the `<D:propfind>` body of a PROPFIND, or a REPORT that holds allprop/propname/prop.
    init(propfind: PropfindRequest, body: XMLElement?) throws(DAVError) {
        switch propfind.kind {
        case .properties(let names): kind = .names(names)
        case .allprop(let include): kind = .allprop(include: include)
        case .propname: kind = .propname
        }
        if wantsCalendarData, let data = body?.first(.dav.prop)?.first(.calDAV.calendarData) {
            calendarData = try CalendarDataRequest.parse(data)
        }
    }
}
