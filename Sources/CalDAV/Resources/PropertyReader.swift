import CalendarStore
import Calendaring
import DAVXML
import WebDAV

/// Computes the live properties (and returns the dead ones) of a resource for PROPFIND and REPORTs.
///
/// Spec: RFC 4918 §15, RFC 4791 §5.2 and §6.2, RFC 3744 §4–5, RFC 5397, RFC 4331, RFC 6578 §4, and the
/// CalendarServer/Apple extensions clients rely on (getctag, calendar-color, calendar-order).
struct PropertyReader: Sendable {
    let store: any CalendarStore
    let configuration: CalDAVConfiguration
    let principal: DAVPrincipal
    /// Whose calendars the user sees in every detail; nil: their own only.
    var detailVisibility: DetailVisibility? = nil
    var hrefs: Hrefs { Hrefs(basePath: configuration.basePath) }

    /// Every property name the target has (PROPFIND propname).
    func names(of target: PropertyTarget) -> [XMLName] {
        var names: [XMLName] = [.dav.resourcetype, .dav.currentUserPrincipal, .dav.currentUserPrivilegeSet,
                                .dav.supportedPrivilegeSet, .dav.principalCollectionSet, .dav.owner]
        switch target {
        case .root, .principalCollection, .calendarCollectionRoot:
            names += [.dav.displayname]
        case .principal:
            names += [.dav.displayname, .dav.principalURL, .dav.alternateURISet, .dav.groupMembership,
                      .calDAV.calendarHomeSet, .calDAV.calendarUserAddressSet, .calDAV.calendarUserType,
                      .calendarServer.emailAddressSet, .dav.supportedReportSet, .calDAV.scheduleInboxURL,
                      .calDAV.scheduleOutboxURL, .calendarServer.notificationURL, .dav.notificationURL,
                      .calendarServer.calendarProxyReadFor, .calendarServer.calendarProxyWriteFor]
        case .proxyGroup:
            names += [.dav.displayname, .dav.principalURL, .dav.groupMemberSet, .dav.groupMembership,
                      .dav.supportedReportSet]
        case .groupPrincipal:
            names += [.dav.displayname, .dav.principalURL, .dav.alternateURISet, .dav.groupMemberSet,
                      .dav.groupMembership, .calDAV.calendarUserAddressSet, .calDAV.calendarUserType,
                      .calendarServer.emailAddressSet, .dav.supportedReportSet]
        case .calendarHome:
            names += [.dav.displayname, .dav.supportedReportSet, .dav.quotaAvailableBytes, .dav.quotaUsedBytes,
                      .calDAV.supportedRscaleSet]
        case .calendar(_, let calendar) where calendar.isScheduleInbox:
            names += [.dav.displayname, .dav.supportedReportSet, .dav.syncToken, .calendarServer.getctag,
                      .calDAV.supportedCalendarComponentSet, .calDAV.supportedCalendarData,
                      .calDAV.scheduleDefaultCalendarURL]
            names += calendar.deadProperties.map { XMLName($0.namespace, $0.name) }
        case .outbox:
            names += [.dav.displayname, .dav.supportedReportSet]
        case .calendar(_, let calendar):
            names += [.dav.displayname, .dav.creationdate, .dav.supportedReportSet, .dav.syncToken,
                      .dav.quotaAvailableBytes, .dav.quotaUsedBytes,
                      .calDAV.calendarDescription, .calDAV.calendarTimezone, .calDAV.supportedCalendarComponentSet,
                      .calDAV.supportedCalendarData, .calDAV.maxResourceSize, .calDAV.scheduleCalendarTransp,
                      .calDAV.maxAttendeesPerInstance, .calDAV.supportedRscaleSet,
                      .calendarServer.getctag, .apple.calendarColor, .apple.calendarOrder,
                      .dav.acl, .dav.aclRestrictions, .dav.inheritedAclSet, .calendarServer.invite,
                      .calendarServer.allowedSharingModes, .dav.invite, .dav.shareAccess]
            if calendar.ownerID != principal.userID { names += [.calendarServer.sharedURL, .dav.sharerResourceURI] }
            names += calendar.deadProperties.map { XMLName($0.namespace, $0.name) }
        case .object(_, let calendar, _, _):
            names += [.dav.getetag, .dav.getcontenttype, .dav.getcontentlength, .dav.getlastmodified,
                      .dav.creationdate, .calDAV.scheduleTag]
            if !calendar.isScheduleInbox { names += [.dav.acl, .dav.aclRestrictions, .dav.inheritedAclSet] }
        case .notifications:
            names += [.dav.displayname, .calendarServer.getctag, .dav.supportedReportSet]
        case .sharedWithMe:
            names += [.dav.displayname, .calendarServer.getctag, .dav.supportedReportSet,
                      .calDAV.supportedCalendarComponentSet, .calDAV.supportedCalendarData]
        case .notification:
            names += [.dav.getetag, .dav.getcontenttype, .dav.getlastmodified, .calendarServer.notificationtype,
                      .dav.notificationtype]
        }
        return names
    }

    /// The properties `allprop` returns: everything except the costly or protected-computed ones RFC 4918 §9.1 and
    /// RFC 3744/4791 keep out of allprop (privilege sets, calendar-data, quota, principal-collection-set).
    func allpropNames(of target: PropertyTarget) -> [XMLName] {
        let excluded: Set<XMLName> = [.dav.currentUserPrivilegeSet, .dav.supportedPrivilegeSet, .dav.quotaUsedBytes,
                                      .dav.quotaAvailableBytes, .dav.principalCollectionSet, .dav.supportedReportSet,
                                      .dav.currentUserPrincipal, .dav.alternateURISet, .dav.groupMembership,
                                      .calDAV.supportedRscaleSet, .dav.acl, .dav.aclRestrictions,
                                      .dav.inheritedAclSet, .dav.groupMemberSet, .calendarServer.notificationURL,
                                      .calendarServer.invite, .calendarServer.allowedSharingModes,
                                      .calendarServer.sharedURL, .calendarServer.notificationtype, .dav.notificationURL,
                                      .dav.invite, .dav.shareAccess, .dav.sharerResourceURI, .dav.notificationtype]
        return names(of: target).filter { !excluded.contains($0) }
    }

    /// The property element with its value, or nil when the target does not have it (a 404 propstat).
    func value(_ name: XMLName, of target: PropertyTarget) async -> XMLElement? {
        if name == .dav.currentUserPrivilegeSet { return await currentUserPrivilegeSet(target) }
        if name == .dav.acl || name == .dav.aclRestrictions || name == .dav.inheritedAclSet {
            return await accessControlValue(name, of: target)
        }
        if let sharing = await sharingValue(name, of: target) { return sharing }
        if let common = commonValue(name, of: target) { return common }
        switch target {
        case .root:
            return name == .dav.displayname ? XMLElement(name, text: "Almanac") : nil
        case .principalCollection:
            return name == .dav.displayname ? XMLElement(name, text: "Principals") : nil
        case .calendarCollectionRoot:
            return name == .dav.displayname ? XMLElement(name, text: "Calendars") : nil
        case .principal(let user): return await principalValue(name, user)
        case .groupPrincipal(let group): return await groupValue(name, group)
        case .proxyGroup(let user, let mode): return await proxyGroupValue(name, user, mode)
        case .calendarHome(let user): return await homeValue(name, user)
        case .calendar(let user, let calendar) where calendar.isScheduleInbox:
            return await inboxValue(name, user, calendar)
        case .outbox:
            switch name {
            case .dav.displayname: return XMLElement(name, text: "Outbox")
            case .dav.supportedReportSet: return SupportedReportSet.element([])
            default: return nil
            }
        case .calendar(let user, let calendar): return await calendarValue(name, user, calendar)
        case .object(_, let calendar, let object, let data):
            // A sharee sees private and confidential events as ClassifiedView shows them.
            var whole = calendar.ownerID == principal.userID
            if !whole, let detailVisibility { whole = await detailVisibility.seesEveryDetail(ownerID: calendar.ownerID) }
            let visible = whole ? data : data.map(ClassifiedBytes.view(of:))
            return objectValue(name, object, data: visible)
        case .notifications, .notification, .sharedWithMe:
            return nil  // `sharingValue`
        }
    }

    // MARK: - Shared by every resource

    private func commonValue(_ name: XMLName, of target: PropertyTarget) -> XMLElement? {
        switch name {
        case .dav.resourcetype:
            return XMLElement(name, elements: resourceTypes(target).map { XMLElement($0) })
        case .dav.currentUserPrincipal:
            return XMLElement(name, elements: [XMLElement(.dav.href, text: hrefs.principal(principal.userName))])
        case .dav.principalCollectionSet:
            return XMLElement(name, elements: [XMLElement(.dav.href, text: hrefs.href(.principalCollection))])
        case .dav.supportedPrivilegeSet:
            switch target {
            case .calendar, .object:
                return Privilege.supportedPrivilegeSet(underRead: [(.calDAV.readFreeBusy, "Read free/busy information")])
            default:
                return Privilege.supportedPrivilegeSet()
            }
        case .dav.owner:
            guard let owner = ownerName(of: target) else { return XMLElement(name) }
            return XMLElement(name, elements: [XMLElement(.dav.href, text: hrefs.principal(owner))])
        default:
            return nil
        }
    }

    func resourceTypes(_ target: PropertyTarget) -> [XMLName] {
        switch target {
        case .root, .principalCollection, .calendarCollectionRoot, .calendarHome: [.dav.collection]
        case .principal, .groupPrincipal: [.dav.collection, .dav.principal]
        case .proxyGroup(_, let mode):
            [.dav.collection, .dav.principal, mode == .write ? .calendarServer.calendarProxyWrite : .calendarServer.calendarProxyRead]
        case .calendar(_, let calendar) where calendar.isScheduleInbox: [.dav.collection, .calDAV.scheduleInbox]
        case .outbox: [.dav.collection, .calDAV.scheduleOutbox]
        case .calendar: [.dav.collection, .calDAV.calendar]
        case .notifications: [.dav.collection, .calendarServer.notification]
        case .sharedWithMe: [.dav.collection, .calDAV.calendar]
        case .object, .notification: []
        }
    }

    /// The owner has every privilege on their data; other users may read principals and the top collections.
    /// The owner's name: the home a URL names, except for a calendar shared with the user and mounted in their home.
    private func ownerName(of target: PropertyTarget) -> String? {
        switch target {
        case .calendar(_, let calendar), .object(_, let calendar, _, _):
            if calendar.ownerID != principal.userID, let mount = SharedCalendarMount.parse(calendar.slug) { return mount.owner }
        default: break
        }
        return target.path.owner
    }

    /// RFC 3744 §5.4: what the requesting user holds here. On a calendar or object of someone else, what their
    /// grants give (`AccessResolver`, read from the store like every access decision).
    private func currentUserPrivilegeSet(_ target: PropertyTarget) async -> XMLElement {
        var privileges = privileges(target)
        var extra = schedulingPrivileges(target)
        switch target {
        case .calendar(_, let calendar) where calendar.ownerID != principal.userID:
            let access = try? await AccessResolver(store: store).access(of: principal.userID, to: calendar)
            (privileges, extra) = (access ?? .none).privileges.davPrivileges(collection: true)
        case .object(_, let calendar, let object, _) where calendar.ownerID != principal.userID:
            let access = try? await AccessResolver(store: store).access(of: principal.userID, to: object.name, in: calendar)
            (privileges, extra) = (access ?? .none).privileges.davPrivileges(collection: false)
        case .sharedWithMe:
            // Read only: entries are changed where they live, and nothing can be added here.
            (privileges, extra) = ([.read, .readCurrentUserPrivilegeSet], [])
        default: break
        }
        let set = Privilege.currentUserPrivilegeSet(privileges)
        return XMLElement(.dav.currentUserPrivilegeSet, children: set.children + extra.map {
            .element(XMLElement(.dav.privilege, elements: [XMLElement($0)]))
        })
    }

    /// Whether the requesting user may read DAV:acl here (DAV:read-acl: the owner and manage sharees); the property
    /// is reported 403 to everyone else (RFC 3744 §5.5).
    func mayReadACL(_ target: PropertyTarget) async -> Bool {
        switch target {
        case .calendar(_, let calendar), .object(_, let calendar, _, _):
            if calendar.ownerID == principal.userID { return true }
            let access = try? await AccessResolver(store: store).access(of: principal.userID, to: calendar)
            return access?.allows(.share) == true
        default:
            return false
        }
    }

    /// RFC 3744 §5.5–5.7 on calendars and their objects (not the inbox, whose messages are the owner's alone).
    private func accessControlValue(_ name: XMLName, of target: PropertyTarget) async -> XMLElement? {
        let list = AccessControlList(store: store, hrefs: hrefs)
        switch (name, target) {
        case (.dav.aclRestrictions, .calendar(_, let calendar)) where !calendar.isScheduleInbox,
             (.dav.aclRestrictions, .object(_, let calendar, _, _)) where !calendar.isScheduleInbox:
            return AccessControlList.restrictions
        case (.dav.inheritedAclSet, .calendar(_, let calendar)) where !calendar.isScheduleInbox:
            return XMLElement(name)
        case (.dav.inheritedAclSet, .object(let user, let calendar, _, _)) where !calendar.isScheduleInbox:
            return XMLElement(name, elements: [XMLElement(.dav.href, text: hrefs.calendar(user.name, calendar.slug))])
        case (.dav.acl, .calendar(_, let calendar)) where !calendar.isScheduleInbox:
            return try? await list.calendarACL(calendar)
        case (.dav.acl, .object(let user, let calendar, let object, _)) where !calendar.isScheduleInbox:
            return try? await list.objectACL(object.name, in: calendar,
                                             calendarHref: hrefs.calendar(user.name, calendar.slug))
        default:
            return nil
        }
    }

    private func privileges(_ target: PropertyTarget) -> [Privilege] {
        if let owner = target.path.owner, owner == principal.userName {
            return [.read, .write, .writeProperties, .writeContent, .bind, .unbind, .unlock, .readAcl,
                    .readCurrentUserPrivilegeSet]
        }
        return [.read, .readCurrentUserPrivilegeSet]
    }

    // MARK: - Principals (RFC 3744 §4, RFC 4791 §6.2, RFC 6638 §2.4.2)

    private func principalValue(_ name: XMLName, _ user: User) async -> XMLElement? {
        let principalHref = XMLElement(.dav.href, text: hrefs.principal(user.name))
        switch name {
        case .dav.displayname: return XMLElement(name, text: user.displayName)
        case .dav.principalURL: return XMLElement(name, elements: [principalHref])
        case .dav.alternateURISet:
            return XMLElement(name, elements: user.email.isEmpty ? [] : [XMLElement(.dav.href, text: "mailto:" + user.email)])
        case .dav.groupMembership:
            // RFC 3744 §4.4: the groups the user is a member of, and the delegate groups of those they act for.
            let groups = (try? await store.groups(memberID: user.id)) ?? []
            var hrefs = groups.map { self.hrefs.principal($0.name) }
            for delegation in (try? await store.delegations(delegateID: user.id)) ?? [] {
                guard let owner = try? await store.user(id: delegation.ownerID) else { continue }
                hrefs.append(self.hrefs.href(.proxyGroup(user: owner.name, mode: delegation.mode)))
            }
            return XMLElement(name, elements: hrefs.map { XMLElement(.dav.href, text: $0) })
        case .calendarServer.calendarProxyReadFor, .calendarServer.calendarProxyWriteFor:
            // caldav-proxy: the users this one is a delegate of.
            let mode: Delegation.Mode = name == .calendarServer.calendarProxyWriteFor ? .write : .read
            var owners: [XMLElement] = []
            for delegation in (try? await store.delegations(delegateID: user.id)) ?? [] where delegation.mode == mode {
                guard let owner = try? await store.user(id: delegation.ownerID) else { continue }
                owners.append(XMLElement(.dav.href, text: hrefs.principal(owner.name)))
            }
            return XMLElement(name, elements: owners)
        case .calDAV.calendarHomeSet:
            return XMLElement(name, elements: [XMLElement(.dav.href, text: hrefs.home(user.name))])
        case .calDAV.calendarUserAddressSet:
            var addresses: [XMLElement] = []
            if !user.email.isEmpty { addresses.append(XMLElement(.dav.href, text: "mailto:" + user.email)) }
            addresses.append(principalHref)
            return XMLElement(name, elements: addresses)
        case .calDAV.calendarUserType: return XMLElement(name, text: "INDIVIDUAL")
        case .calDAV.scheduleInboxURL:
            return XMLElement(name, elements: [XMLElement(.dav.href, text: hrefs.calendar(user.name, SchedulingCollections.inboxSlug))])
        case .calDAV.scheduleOutboxURL:
            return XMLElement(name, elements: [XMLElement(.dav.href, text: hrefs.href(.outbox(user: user.name)))])
        case .calendarServer.emailAddressSet:
            return XMLElement(name, elements: user.email.isEmpty ? [] : [XMLElement(XMLName(XMLNamespace.calendarServer, "email-address"), text: user.email)])
        case .dav.supportedReportSet:
            return SupportedReportSet.element([.dav.principalPropertySearch, .dav.principalSearchPropertySet,
                                               .dav.expandProperty])
        default: return nil
        }
    }

    /// A group: its members (RFC 3744 §4.3), and for scheduling a calendar user of type GROUP (RFC 4791 §6.2,
    /// RFC 6638 §2.4.2) with no calendar home of its own.
    private func groupValue(_ name: XMLName, _ group: GroupRecord) async -> XMLElement? {
        let principalHref = XMLElement(.dav.href, text: hrefs.principal(group.name))
        let email = group.email ?? ""
        switch name {
        case .dav.displayname: return XMLElement(name, text: group.displayName)
        case .dav.principalURL: return XMLElement(name, elements: [principalHref])
        case .dav.alternateURISet:
            return XMLElement(name, elements: email.isEmpty ? [] : [XMLElement(.dav.href, text: "mailto:" + email)])
        case .dav.groupMemberSet:
            let members = (try? await store.members(groupID: group.id)) ?? []
            return XMLElement(name, elements: members.map { XMLElement(.dav.href, text: hrefs.principal($0.name)) })
        case .dav.groupMembership: return XMLElement(name)
        case .calDAV.calendarUserAddressSet:
            var addresses: [XMLElement] = []
            if !email.isEmpty { addresses.append(XMLElement(.dav.href, text: "mailto:" + email)) }
            addresses.append(principalHref)
            return XMLElement(name, elements: addresses)
        case .calDAV.calendarUserType: return XMLElement(name, text: "GROUP")
        case .calendarServer.emailAddressSet:
            return XMLElement(name, elements: email.isEmpty ? [] : [XMLElement(XMLName(XMLNamespace.calendarServer, "email-address"), text: email)])
        case .dav.supportedReportSet:
            return SupportedReportSet.element([.dav.principalPropertySearch, .dav.principalSearchPropertySet,
                                               .dav.expandProperty])
        default: return nil
        }
    }

    /// The read or write delegates of a user, as a group principal whose members the user sets with PROPPATCH of
    /// DAV:group-member-set (caldav-proxy).
    private func proxyGroupValue(_ name: XMLName, _ user: User, _ mode: Delegation.Mode) async -> XMLElement? {
        switch name {
        case .dav.displayname:
            return XMLElement(name, text: user.displayName + (mode == .write ? " (delegates)" : " (read-only delegates)"))
        case .dav.principalURL:
            return XMLElement(name, elements: [XMLElement(.dav.href, text: hrefs.href(.proxyGroup(user: user.name, mode: mode)))])
        case .dav.groupMemberSet:
            var members: [XMLElement] = []
            for delegation in (try? await store.delegates(ownerID: user.id)) ?? [] where delegation.mode == mode {
                guard let delegate = try? await store.user(id: delegation.delegateID) else { continue }
                members.append(XMLElement(.dav.href, text: hrefs.principal(delegate.name)))
            }
            return XMLElement(name, elements: members)
        case .dav.groupMembership: return XMLElement(name)
        case .dav.supportedReportSet:
            return SupportedReportSet.element([.dav.principalPropertySearch, .dav.principalSearchPropertySet,
                                               .dav.expandProperty])
        default: return nil
        }
    }

    // MARK: - Calendar home (RFC 4791 §6.2.1, RFC 4331)

    private func homeValue(_ name: XMLName, _ user: User) async -> XMLElement? {
        switch name {
        case .dav.displayname: return XMLElement(name, text: user.displayName)
        case .dav.supportedReportSet:
            return SupportedReportSet.element([.dav.expandProperty, .dav.principalPropertySearch,
                                               .dav.principalSearchPropertySet])
        case .dav.quotaUsedBytes, .dav.quotaAvailableBytes: return await quota(name, ownerID: user.id)
        case .calDAV.supportedRscaleSet: return SupportedRscaleSet.element
        default: return nil
        }
    }

    private func quota(_ name: XMLName, ownerID: Int64) async -> XMLElement? {
        guard let used = try? await store.usedBytes(ownerID: ownerID) else { return nil }
        let value = name == .dav.quotaUsedBytes ? used : max(0, configuration.quotaBytes - used)
        return XMLElement(name, text: String(value))
    }

    // MARK: - Calendars (RFC 4791 §5.2, RFC 6578 §4, CalendarServer and Apple extensions)

    private func calendarValue(_ name: XMLName, _ user: User, _ calendar: CalendarRecord) async -> XMLElement? {
        switch name {
        case .dav.displayname: return XMLElement(name, text: calendar.displayName)
        case .dav.creationdate: return XMLElement(name, text: HTTPDate.rfc3339(secondsSince1970: calendar.createdAt))
        case .dav.supportedReportSet:
            return SupportedReportSet.element([.calDAV.calendarQuery, .calDAV.calendarMultiget, .calDAV.freeBusyQuery,
                                               .dav.syncCollection, .dav.expandProperty])
        case .dav.syncToken: return XMLElement(name, text: SyncToken(calendarID: calendar.id, revision: calendar.revision).uri)
        case .calendarServer.getctag: return XMLElement(name, text: SyncToken(calendarID: calendar.id, revision: calendar.revision).uri)
        case .dav.quotaUsedBytes, .dav.quotaAvailableBytes: return await quota(name, ownerID: user.id)
        case .calDAV.calendarDescription:
            return calendar.description.isEmpty ? nil : XMLElement(name, text: calendar.description)
        case .calDAV.calendarTimezone:
            return calendar.timeZone.isEmpty ? nil : XMLElement(name, text: calendar.timeZone)
        case .calDAV.supportedCalendarComponentSet, .calDAV.supportedCalendarData:
            return Self.componentProperty(name, of: calendar)
        case .calDAV.maxResourceSize: return XMLElement(name, text: String(configuration.maxResourceSize))
        case .calDAV.supportedRscaleSet: return SupportedRscaleSet.element
        case .calDAV.maxAttendeesPerInstance:
            return XMLElement(name, text: String(configuration.scheduling.maxAttendeesPerInstance))
        case .calDAV.scheduleCalendarTransp:
            return XMLElement(name, elements: [XMLElement(calendar.isScheduleTransparent ? .calDAV.transparent : .calDAV.opaque)])
        case .apple.calendarColor: return calendar.color.isEmpty ? nil : XMLElement(name, text: calendar.color)
        case .apple.calendarOrder: return XMLElement(name, text: String(calendar.order))
        default:
            guard let dead = calendar.deadProperties.first(where: { $0.namespace == name.namespace && $0.name == name.local })
            else { return nil }
            return try? XMLDocumentParser.parse(Array(dead.xml.utf8))
        }
    }

    /// CALDAV:supported-calendar-component-set or supported-calendar-data (RFC 4791 §5.2.3–5.2.4) of a calendar or
    /// the inbox.
    static func componentProperty(_ name: XMLName, of calendar: CalendarRecord) -> XMLElement {
        if name == .calDAV.supportedCalendarComponentSet {
            return XMLElement(name, elements: calendar.supportedComponents.map {
                XMLElement(.calDAV.comp, attributes: [XMLAttribute("name", $0)])
            })
        }
        return XMLElement(name, elements: [XMLElement(.calDAV.calendarData, attributes: [
            XMLAttribute("content-type", "text/calendar"), XMLAttribute("version", "2.0"),
        ])])
    }

    // MARK: - Calendar objects (RFC 4918 §15, RFC 4791 §9.6)

    private func objectValue(_ name: XMLName, _ object: CalendarObjectSummary, data: [UInt8]?) -> XMLElement? {
        switch name {
        case .dav.getetag: return XMLElement(name, text: object.etag.quoted)
        case .dav.getcontenttype:
            return XMLElement(name, text: "text/calendar; charset=utf-8; component=\(object.componentType.lowercased())")
        case .dav.getcontentlength: return XMLElement(name, text: String(object.size))
        case .dav.getlastmodified: return XMLElement(name, text: HTTPDate.rfc1123(secondsSince1970: object.modifiedAt))
        case .dav.creationdate: return XMLElement(name, text: HTTPDate.rfc3339(secondsSince1970: object.createdAt))
        case .calDAV.scheduleTag:
            return object.scheduleTag.map { XMLElement(name, text: "\"\($0)\"") }
        case .calDAV.calendarData:
            guard let data else { return nil }
            return XMLElement(name, text: String(decoding: data, as: UTF8.self))
        default: return nil
        }
    }
}

// MARK: - Scheduling inbox and outbox (RFC 6638 §2, §6, §9.2; RFC 7953 §7.2.4)

extension PropertyReader {
    func inboxValue(_ name: XMLName, _ user: User, _ inbox: CalendarRecord) async -> XMLElement? {
        switch name {
        case .dav.displayname: return XMLElement(name, text: "Inbox")
        case .dav.supportedReportSet:
            return SupportedReportSet.element([.calDAV.calendarQuery, .calDAV.calendarMultiget, .dav.syncCollection])
        case .dav.syncToken, .calendarServer.getctag:
            return XMLElement(name, text: SyncToken(calendarID: inbox.id, revision: inbox.revision).uri)
        case .calDAV.supportedCalendarComponentSet, .calDAV.supportedCalendarData:
            return Self.componentProperty(name, of: inbox)
        case .calDAV.scheduleDefaultCalendarURL:
            let mailboxes = SchedulingMailboxes(store: store)
            guard let calendar = try? await mailboxes.defaultCalendar(for: user, componentType: "VEVENT", hrefs: hrefs)
            else { return nil }
            return XMLElement(name, elements: [XMLElement(.dav.href, text: hrefs.calendar(user.name, calendar.slug))])
        default:
            guard let dead = inbox.deadProperty(name) else { return nil }
            return try? XMLDocumentParser.parse(Array(dead.utf8))
        }
    }

    /// The CALDAV scheduling privileges (RFC 6638 §6) the owner holds on their inbox and outbox.
    func schedulingPrivileges(_ target: PropertyTarget) -> [XMLName] {
        guard target.path.owner == principal.userName else { return [] }
        switch target {
        case .calendar(_, let calendar) where calendar.isScheduleInbox:
            return [.calDAV.scheduleDeliver, .calDAV.scheduleDeliverInvite, .calDAV.scheduleDeliverReply,
                    .calDAV.scheduleQueryFreebusy]
        case .outbox:
            return [.calDAV.scheduleSend, .calDAV.scheduleSendInvite, .calDAV.scheduleSendReply,
                    .calDAV.scheduleSendFreebusy]
        default:
            return []
        }
    }
}
