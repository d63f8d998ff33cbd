/// Typed constants for the element and property names of WebDAV (RFC 4918, 3744, 5397, 6578, 4331, 5689),
/// CalDAV (RFC 4791, 6638), CalendarServer and Apple extensions. Use as `XMLName.dav.getETag` or `.calDAV.calendarData`.
extension XMLName {
    public static let dav = DAVNames()
    public static let calDAV = CalDAVNames()
    public static let calendarServer = CalendarServerNames()
    public static let apple = AppleNames()
}

public struct DAVNames: Sendable {
    private static func n(_ local: String) -> XMLName { XMLName(XMLNamespace.dav, local) }
    // RFC 4918 request and response structure
    public let propfind = n("propfind"), prop = n("prop"), allprop = n("allprop"), propname = n("propname")
    public let include = n("include"), propertyupdate = n("propertyupdate"), set = n("set"), remove = n("remove")
    public let multistatus = n("multistatus"), response = n("response"), href = n("href"), status = n("status")
    public let propstat = n("propstat"), error = n("error"), responsedescription = n("responsedescription")
    public let location = n("location")
    // RFC 4918 properties
    public let creationdate = n("creationdate"), displayname = n("displayname")
    public let getcontentlanguage = n("getcontentlanguage"), getcontentlength = n("getcontentlength")
    public let getcontenttype = n("getcontenttype"), getetag = n("getetag"), getlastmodified = n("getlastmodified")
    public let lockdiscovery = n("lockdiscovery"), resourcetype = n("resourcetype"), supportedlock = n("supportedlock")
    public let collection = n("collection")
    // RFC 4918 preconditions
    public let propfindFiniteDepth = n("propfind-finite-depth"), cannotModifyProtectedProperty = n("cannot-modify-protected-property")
    public let resourceMustBeNull = n("resource-must-be-null")
    // RFC 5689 extended MKCOL
    public let mkcol = n("mkcol"), mkcolResponse = n("mkcol-response"), validResourcetype = n("valid-resourcetype")
    // RFC 3744 access control
    public let owner = n("owner"), group = n("group"), currentUserPrivilegeSet = n("current-user-privilege-set")
    public let privilege = n("privilege"), read = n("read"), write = n("write"), writeProperties = n("write-properties")
    public let writeContent = n("write-content"), unlock = n("unlock"), readAcl = n("read-acl")
    public let readCurrentUserPrivilegeSet = n("read-current-user-privilege-set"), writeAcl = n("write-acl")
    public let bind = n("bind"), unbind = n("unbind"), all = n("all"), needPrivileges = n("need-privileges")
    public let recognizedPrincipal = n("recognized-principal"), noAceConflict = n("no-ace-conflict")
    public let ace = n("ace"), grant = n("grant"), deny = n("deny"), invert = n("invert"), protected = n("protected")
    public let inherited = n("inherited"), authenticated = n("authenticated")
    public let aclRestrictions = n("acl-restrictions"), inheritedAclSet = n("inherited-acl-set")
    public let grantOnly = n("grant-only"), noInvert = n("no-invert"), notSupportedPrivilege = n("not-supported-privilege")
    public let allowedPrincipal = n("allowed-principal"), noProtectedAceConflict = n("no-protected-ace-conflict")
    // draft-pot-webdav-resource-sharing
    public let shareResource = n("share-resource"), sharee = n("sharee"), shareAccess = n("share-access")
    public let readWrite = n("read-write"), noAccess = n("no-access"), notShared = n("not-shared")
    public let sharedOwner = n("shared-owner"), invite = n("invite"), inviteNoresponse = n("invite-noresponse")
    public let inviteAccepted = n("invite-accepted"), inviteDeclined = n("invite-declined")
    public let inviteInvalid = n("invite-invalid"), inviteReply = n("invite-reply"), notificationURL = n("notification-URL")
    public let notificationtype = n("notificationtype"), sharerResourceURI = n("sharer-resource-uri")
    public let shareInviteNotification = n("share-invite-notification"), comment = n("comment")
    public let resource = n("resource")
    public let acl = n("acl"), supportedPrivilegeSet = n("supported-privilege-set")
    public let principal = n("principal"), principalURL = n("principal-URL"), alternateURISet = n("alternate-URI-set")
    public let groupMembership = n("group-membership"), groupMemberSet = n("group-member-set")
    public let principalCollectionSet = n("principal-collection-set")
    public let principalPropertySearch = n("principal-property-search"), propertySearch = n("property-search")
    public let match = n("match"), principalSearchPropertySet = n("principal-search-property-set")
    public let principalSearchProperty = n("principal-search-property"), description = n("description")
    public let applyToPrincipalCollectionSet = n("apply-to-principal-collection-set")
    public let expandProperty = n("expand-property"), property = n("property")
    // RFC 5397
    public let currentUserPrincipal = n("current-user-principal"), unauthenticated = n("unauthenticated")
    // RFC 3253 reports
    public let supportedReportSet = n("supported-report-set"), supportedReport = n("supported-report"), report = n("report")
    // RFC 4331 quota
    public let quotaAvailableBytes = n("quota-available-bytes"), quotaUsedBytes = n("quota-used-bytes")
    // RFC 6578 sync
    public let syncCollection = n("sync-collection"), syncToken = n("sync-token"), syncLevel = n("sync-level")
    public let limit = n("limit"), nresults = n("nresults"), validSyncToken = n("valid-sync-token")
    public let numberOfMatchesWithinLimits = n("number-of-matches-within-limits")
    // RFC 5995 / misc
    public let addMember = n("add-member"), resourceID = n("resource-id")
}

public struct CalDAVNames: Sendable {
    private static func n(_ local: String) -> XMLName { XMLName(XMLNamespace.calDAV, local) }
    // RFC 4791 resource types and properties
    public let calendar = n("calendar"), mkcalendar = n("mkcalendar"), mkcalendarResponse = n("mkcalendar-response")
    public let calendarDescription = n("calendar-description"), calendarTimezone = n("calendar-timezone")
    public let supportedCalendarComponentSet = n("supported-calendar-component-set")
    public let supportedCalendarData = n("supported-calendar-data"), maxResourceSize = n("max-resource-size")
    public let minDateTime = n("min-date-time"), maxDateTime = n("max-date-time"), maxInstances = n("max-instances")
    public let maxAttendeesPerInstance = n("max-attendees-per-instance")
    // RFC 7529 §5.2–5.3: the supported-rscale-set property, and supported-rscale (its entries and the PUT precondition)
    public let supportedRscaleSet = n("supported-rscale-set"), supportedRscale = n("supported-rscale")
    public let calendarHomeSet = n("calendar-home-set"), calendarUserAddressSet = n("calendar-user-address-set")
    public let calendarData = n("calendar-data"), comp = n("comp"), allcomp = n("allcomp"), allprop = n("allprop")
    public let prop = n("prop"), expand = n("expand"), limitRecurrenceSet = n("limit-recurrence-set")
    public let limitFreebusySet = n("limit-freebusy-set")
    // RFC 4791 reports and filters
    public let calendarQuery = n("calendar-query"), calendarMultiget = n("calendar-multiget")
    public let freeBusyQuery = n("free-busy-query"), filter = n("filter"), compFilter = n("comp-filter")
    public let propFilter = n("prop-filter"), paramFilter = n("param-filter"), isNotDefined = n("is-not-defined")
    public let textMatch = n("text-match"), timeRange = n("time-range"), timezone = n("timezone")
    // RFC 4791 preconditions
    public let supportedCalendarDataCondition = n("supported-calendar-data")
    public let validCalendarData = n("valid-calendar-data"), validCalendarObjectResource = n("valid-calendar-object-resource")
    public let supportedCalendarComponent = n("supported-calendar-component"), noUIDConflict = n("no-uid-conflict")
    public let calendarCollectionLocationOk = n("calendar-collection-location-ok")
    public let minDateTimeCondition = n("min-date-time"), maxDateTimeCondition = n("max-date-time")
    public let validFilter = n("valid-filter"), supportedFilter = n("supported-filter")
    public let supportedCollation = n("supported-collation"), supportedCollationSet = n("supported-collation-set")
    public let numberOfMatchesWithinLimits = n("number-of-matches-within-limits")
    public let initializeCalendarCollection = n("initialize-calendar-collection")
    // RFC 6638 scheduling (properties clients ask for)
    public let scheduleInboxURL = n("schedule-inbox-URL"), scheduleOutboxURL = n("schedule-outbox-URL")
    public let calendarUserType = n("calendar-user-type"), scheduleDefaultCalendarURL = n("schedule-default-calendar-URL")
    public let scheduleCalendarTransp = n("schedule-calendar-transp"), opaque = n("opaque"), transparent = n("transparent")
    public let scheduleTag = n("schedule-tag")
    // RFC 6638 §2, §6, §9: inbox and outbox, the schedule-response of an outbox POST, preconditions and privileges
    public let scheduleInbox = n("schedule-inbox"), scheduleOutbox = n("schedule-outbox")
    public let scheduleResponse = n("schedule-response"), response = n("response"), recipient = n("recipient")
    public let requestStatus = n("request-status")
    public let validSchedulingMessage = n("valid-scheduling-message"), validOrganizer = n("valid-organizer")
    public let originatorAllowed = n("originator-allowed"), organizerAllowed = n("organizer-allowed")
    public let recipientSpecified = n("recipient-specified"), originatorSpecified = n("originator-specified")
    public let sameOrganizerInAllComponents = n("same-organizer-in-all-components")
    public let allowedOrganizerSchedulingObjectChange = n("allowed-organizer-scheduling-object-change")
    public let allowedAttendeeSchedulingObjectChange = n("allowed-attendee-scheduling-object-change")
    public let uniqueSchedulingObjectResource = n("unique-scheduling-object-resource")
    public let maxRecipients = n("max-recipients")
    public let supportedCollection = n("supported-collection")
    public let scheduleDeliver = n("schedule-deliver"), scheduleSend = n("schedule-send")
    public let scheduleSendInvite = n("schedule-send-invite"), scheduleSendReply = n("schedule-send-reply")
    public let scheduleSendFreebusy = n("schedule-send-freebusy")
    public let scheduleDeliverInvite = n("schedule-deliver-invite"), scheduleDeliverReply = n("schedule-deliver-reply")
    public let scheduleQueryFreebusy = n("schedule-query-freebusy")
    /// RFC 4791 §6.1.1.
    public let readFreeBusy = n("read-free-busy")
    // RFC 7953 §7.2.4: the VAVAILABILITY of a calendar user, on their inbox
    public let calendarAvailability = n("calendar-availability")
}

public struct CalendarServerNames: Sendable {
    private static func n(_ local: String) -> XMLName { XMLName(XMLNamespace.calendarServer, local) }
    public let getctag = n("getctag"), calendarProxyReadFor = n("calendar-proxy-read-for")
    public let calendarProxyWriteFor = n("calendar-proxy-write-for"), emailAddressSet = n("email-address-set")
    public let calendarProxyRead = n("calendar-proxy-read"), calendarProxyWrite = n("calendar-proxy-write")
    public let source = n("source"), subscribed = n("subscribed"), allowedSharingModes = n("allowed-sharing-modes")
    // calendarserver-sharing: the notification collection, sharing requests, properties and notices
    public let notification = n("notification"), notificationURL = n("notification-URL")
    public let notificationtype = n("notificationtype"), dtstamp = n("dtstamp")
    public let inviteNotification = n("invite-notification"), inviteReply = n("invite-reply"), uid = n("uid")
    public let access = n("access"), read = n("read"), readWrite = n("read-write"), hosturl = n("hosturl")
    public let organizer = n("organizer"), commonName = n("common-name"), summary = n("summary")
    public let inReplyTo = n("in-reply-to"), inviteNoresponse = n("invite-noresponse")
    public let inviteAccepted = n("invite-accepted"), inviteDeclined = n("invite-declined")
    public let inviteDeleted = n("invite-deleted"), inviteInvalid = n("invite-invalid"), user = n("user")
    public let invite = n("invite"), sharedOwner = n("shared-owner"), shared = n("shared"), sharedURL = n("shared-url")
    public let canBeShared = n("can-be-shared"), canBePublished = n("can-be-published"), share = n("share")
    public let set = n("set"), remove = n("remove"), sharedAs = n("shared-as")
}

public struct AppleNames: Sendable {
    private static func n(_ local: String) -> XMLName { XMLName(XMLNamespace.apple, local) }
    public let calendarColor = n("calendar-color"), calendarOrder = n("calendar-order")
}
