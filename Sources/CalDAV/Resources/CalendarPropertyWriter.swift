import CalendarStore
import Calendaring
import DAVXML
import WebDAV

/// How PROPPATCH, MKCALENDAR and extended MKCOL write calendar properties: the few live properties clients set map
/// to typed fields, protected live properties are refused, anything else is kept as a dead property.
/// Spec: RFC 4791 §5.2 (calendar properties), §5.3.1 (MKCALENDAR), RFC 4918 §15 (protected properties).
enum CalendarPropertyWriter {
    /// Live properties a client may never set.
    static let protected: Set<XMLName> = [
        .dav.resourcetype, .dav.getetag, .dav.getcontentlength, .dav.getcontenttype, .dav.getlastmodified,
        .dav.creationdate, .dav.syncToken, .dav.currentUserPrincipal, .dav.currentUserPrivilegeSet,
        .dav.supportedReportSet, .dav.owner, .dav.quotaUsedBytes, .dav.quotaAvailableBytes, .dav.principalCollectionSet,
        .dav.supportedPrivilegeSet, .dav.lockdiscovery, .dav.supportedlock, .calendarServer.getctag,
        .calDAV.supportedCalendarData, .calDAV.maxResourceSize, .calDAV.supportedCalendarComponentSet,
        .calDAV.minDateTime, .calDAV.maxDateTime, .calDAV.maxInstances, .calDAV.maxAttendeesPerInstance,
        .calDAV.calendarData, .calDAV.supportedRscaleSet,
    ]

    /// Applies a `set` instruction to `changes`; returns the error for this property, or nil on success.
    static func set(_ element: XMLElement, into changes: inout CalendarChanges, creating: Bool = false) -> DAVError? {
        switch element.name {
        case .dav.displayname: changes.displayName = element.text
        case .calDAV.calendarDescription: changes.description = element.text
        case .apple.calendarColor: changes.color = element.text.trimmingWhitespace
        case .apple.calendarOrder:
            guard let order = Int(element.text.trimmingWhitespace) else {
                return .badRequest("calendar-order must be an integer.")
            }
            changes.order = order
        case .calDAV.calendarTimezone:
            do throws(CalendaringError) {
                try CalendarTimezoneProperty.validate(element.text)  // database: nil → the validator reads the VTIMEZONE itself
            } catch {
                return error.davError
            }
            changes.timeZone = element.text
        case .calDAV.supportedCalendarComponentSet where creating:
            let names = element.all(.calDAV.comp).compactMap { $0.attribute("name")?.uppercased() }
            let known: Set<String> = ["VEVENT", "VTODO", "VJOURNAL", "VFREEBUSY"]
            guard !names.isEmpty, names.allSatisfy(known.contains) else {
                return .forbidden("supported-calendar-component-set must name VEVENT, VTODO, VJOURNAL or VFREEBUSY.",
                                  condition: .calDAV.supportedCalendarComponent)
            }
            changes.supportedComponents = names
        case let name where SchedulingPropertyWriter.names.contains(name):
            switch SchedulingPropertyWriter.deadProperty(element) {
            case .success(let dead): changes.setDeadProperties.append(dead)
            case .failure(let error): return error
            }
        case let name where protected.contains(name):
            return .forbidden("\(name.local) is a protected property.", condition: .dav.cannotModifyProtectedProperty)
        default:
            changes.setDeadProperties.append(DeadProperty(namespace: element.name.namespace, name: element.name.local,
                                                          xml: XMLWriter.fragment(element)))
        }
        return nil
    }

    /// Applies a `remove` instruction; removing a property that is not set succeeds (RFC 4918 §14.23).
    static func remove(_ name: XMLName, into changes: inout CalendarChanges) -> DAVError? {
        switch name {
        case .dav.displayname: changes.displayName = ""
        case .calDAV.calendarDescription: changes.description = ""
        case .apple.calendarColor: changes.color = ""
        case .apple.calendarOrder: changes.order = 0
        case .calDAV.calendarTimezone: changes.timeZone = ""
        case let name where protected.contains(name):
            return .forbidden("\(name.local) is a protected property.", condition: .dav.cannotModifyProtectedProperty)
        default:
            changes.removeDeadProperties.append(DeadPropertyKey(namespace: name.namespace, name: name.local))
        }
        return nil
    }
}

extension String {
    var trimmingWhitespace: String {
        var view = Substring(self)
        while let first = view.first, first.isWhitespace { view.removeFirst() }
        while let last = view.last, last.isWhitespace { view.removeLast() }
        return String(view)
    }
}
