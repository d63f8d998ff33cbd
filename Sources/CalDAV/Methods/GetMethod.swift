import CalendarStore
import Calendaring
import DAVXML
import WebDAV

/// GET and HEAD: a calendar object's stored bytes with its strong ETag; a calendar collection as one iCalendar file
/// (for webcal subscriptions and export), streamed page by page; a short text on the root.
/// Spec: RFC 4791 §5.3.4 (ETag of the stored bytes), RFC 9110 §13.1.2 (If-None-Match → 304).
struct GetMethod {
    let context: MethodContext

    func run(includeBody: Bool) async throws(DAVError) -> DAVResponse {
        let resource = try await context.resolve()
        var response: DAVResponse
        switch resource {
        case .object(_, let calendar, let object):
            let conditions = ConditionalHeaders(context.request.headers)
            if !conditions.ifMatchSatisfied(currentTag: object.etag.value) {
                throw DAVError.preconditionFailed("If-Match does not match the current ETag.")
            }
            if !conditions.ifNoneMatchSatisfied(currentTag: object.etag.value) {
                return DAVResponse(status: 304, headers: DAVHeaders([("ETag", object.etag.quoted)]))
            }
            let whole = await context.seesEveryDetail(ownerID: calendar.ownerID)
            response = DAVResponse(status: 200, headers: DAVHeaders([
                ("Content-Type", "text/calendar; charset=utf-8"),
                ("ETag", object.etag.quoted),
                ("Last-Modified", HTTPDate.rfc1123(secondsSince1970: object.modifiedAt)),
            ]), body: whole ? object.data : ClassifiedBytes.view(of: object.data))
            if let tag = object.index.scheduleTag { response.headers.set("Schedule-Tag", ScheduleTag.quoted(tag)) }
        case .calendar(_, let calendar):
            let headers = DAVHeaders([
                ("Content-Type", "text/calendar; charset=utf-8"),
                // The collection changes exactly when its revision does.
                ("ETag", "\"\(calendar.id)-\(calendar.revision)\""),
            ])
            // Streamed, so without Content-Length; for HEAD nothing is read (the server never sends the body, and
            // RFC 9110 §8.6 lets a HEAD response leave the length out).
            let classified = !(await context.seesEveryDetail(ownerID: calendar.ownerID))
            let body = try await context.store { store throws(StoreError) in
                try await CalendarExportStream.body(store: store, calendar: calendar, readAhead: includeBody,
                                                    classified: classified)
            }
            return DAVResponse(status: 200, headers: headers, stream: body)
        case .root:
            response = DAVResponse(status: 200, headers: DAVHeaders([("Content-Type", "text/plain; charset=utf-8")]),
                                   body: Array("Almanac CalDAV server. Add this URL as a CalDAV account in your calendar client.\n".utf8))
        case .notification(_, let notice):
            let etag = "\"\(notice.id)\""
            if !ConditionalHeaders(context.request.headers).ifNoneMatchSatisfied(currentTag: String(notice.id)) {
                return DAVResponse(status: 304, headers: DAVHeaders([("ETag", etag)]))
            }
            let document = try await context.store { store throws(StoreError) in
                try await NoticeDocument(store: store, hrefs: context.hrefs).document(notice)
            }
            response = DAVResponse(status: 200, headers: DAVHeaders([
                ("Content-Type", "application/xml; charset=utf-8"), ("ETag", etag),
                ("Last-Modified", HTTPDate.rfc1123(secondsSince1970: notice.createdAt)),
            ]), body: XMLWriter.document(document))
        case .unmappedObject, .unmappedCalendar:
            throw DAVError.notFound()
        case .principal, .groupPrincipal, .proxyGroup, .principalCollection, .calendarCollectionRoot, .calendarHome, .outbox,
             .notifications, .sharedWithMe:
            throw resource.methodNotAllowed("GET is not supported on this collection; use PROPFIND.")
        }
        response.headers.set("Content-Length", String(response.body.count))
        if !includeBody { response.body = [] }
        return response
    }
}
