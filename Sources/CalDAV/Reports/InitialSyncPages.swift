import Calendaring
import CalendarStore
import WebDAV

/// The responses of an initial sync-collection (empty token, no client limit): every member as of the snapshot, in
/// name order a page at a time, from the listing the store answers from an index alone (`objectSummaries(after:)`,
/// or the objects themselves when calendar-data is asked), rather than from the change log and a lookup per name.
///
/// The token is the calendar's revision when the request resolved it (the snapshot). A member whose revision is
/// above it was written during the stream and is left out; so is one deleted before its page is read. Both changes
/// have revisions above the snapshot, so the next sync reports them: nothing is lost and no member is listed twice
/// (the rule `SyncCollectionPages` states, with name order instead of revision order). RFC 6578 §3.2 puts no order
/// on the members.
/// Spec: RFC 6578 §3.2, §3.3 (an initial sync lists members only), §3.4.
actor InitialSyncPages: MultistatusPageSource {
    private let members: CalendarMemberPages
    private let snapshot: Int64
    private let calendarID: Int64

    init(context: MethodContext, renderer: PropertyRenderer, user: User, calendar: CalendarRecord) {
        self.members = CalendarMemberPages(context: context, renderer: renderer, user: user, calendar: calendar,
                                           withData: renderer.selection.wantsCalendarData,
                                           includesCollection: false, maxRevision: calendar.revision)
        self.snapshot = calendar.revision
        self.calendarID = calendar.id
    }

    func nextPage() async throws -> [MultistatusResponse]? {
        try await members.nextPage()
    }

    func syncToken() async throws -> String? {
        SyncToken(calendarID: calendarID, revision: snapshot).uri
    }
}
