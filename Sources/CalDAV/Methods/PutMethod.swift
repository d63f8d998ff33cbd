import Foundation
import CalendarStore
import Calendaring
import DAVXML
import ICalendar
import WebDAV

/// PUT of a calendar object resource: validated per RFC 4791 §5.3.2, stored byte for byte with its index (or
/// repaired, see `CalendarDataPolicy`), the conditional headers checked inside the writing transaction.
/// Spec: RFC 4791 §5.3.2–5.3.4, RFC 9110 §13.1.1–13.1.2.
struct PutMethod {
    let context: MethodContext

    /// Where the PUT writes: a calendar object URL in one of the user's calendars other than the inbox.
    private struct Target {
        let resource: Resource
        let user: User
        let calendar: CalendarRecord
        let name: String
        let existing: CalendarObjectRecord?
    }

    private func target() async throws(DAVError) -> Target {
        let resource: Resource
        do {
            resource = try await context.resolve()
        } catch let error where error.status == 404 {
            throw DAVError.conflict("The calendar this object would go into does not exist.")
        }
        let target: Target
        switch resource {
        case .object(let user, let calendar, let object):
            target = Target(resource: resource, user: user, calendar: calendar, name: object.name, existing: object)
        case .unmappedObject(let user, let calendar, let name):
            target = Target(resource: resource, user: user, calendar: calendar, name: name, existing: nil)
        default:
            throw resource.methodNotAllowed("PUT is only allowed on calendar object resources inside a calendar.")
        }
        if target.calendar.isScheduleInbox {
            throw DAVError.forbidden("The scheduling inbox receives messages by itself; store events in a calendar.",
                                     condition: .calDAV.supportedCollection)
        }
        return target
    }

    /// What can be refused before the body is read: the target, and the conditional headers against the object
    /// stored now. Advisory: the write checks the conditions again inside its transaction.
    func checkBeforeBody() async throws(DAVError) {
        let target = try await target()
        let precondition = try writePrecondition(current: target.resource)
        do {
            try precondition.check(currentETag: target.existing?.etag,
                                   currentScheduleTag: target.existing?.index.scheduleTag)
        } catch {
            throw error.putError(user: target.user, calendar: target.calendar, hrefs: context.hrefs)
        }
    }

    func run() async throws(DAVError) -> DAVResponse {
        let target = try await target()
        let (resource, user, calendar, name, existing) = (target.resource, target.user, target.calendar, target.name,
                                                          target.existing)
        let validator = CalendarObjectValidator(maxResourceSize: context.configuration.maxResourceSize,
                                                supportedComponents: calendar.supportedComponents)
        let validated: ValidatedCalendarObject
        do {
            validated = try validator.validate(data: context.request.body, contentType: context.request.headers["Content-Type"])
        } catch {
            throw error.davError
        }
        let index = context.indexer(for: calendar).index(validated)
        let precondition = try writePrecondition(current: resource)

        let scheduler = try await context.implicitScheduler(for: calendar, home: user)
        let scheduled: ImplicitScheduler.Written?
        do {
            scheduled = try await scheduler.put(
                calendar: calendar, name: name, existing: existing, validated: validated, body: validated.data,
                precondition: precondition)
        } catch {
            throw error.davError
        }
        if let written = scheduled {
            return Self.response(object: written.object, created: written.created,
                                 withETag: written.storedAsSent && !validated.isRepaired, repairs: validated.repairs)
        }
        let result: PutResult
        do {
            result = try await context.store.putObject(calendarID: calendar.id, name: name, data: validated.data,
                                                        index: index, precondition: precondition)
        } catch {
            throw error.putError(user: user, calendar: calendar, hrefs: context.hrefs)
        }
        return Self.response(object: result.object, created: result.created, withETag: !validated.isRepaired,
                             repairs: validated.repairs)
    }

    /// 201 or 204 with Last-Modified, the ETag unless the server changed the data it stored (RFC 4791 §5.3.4: a
    /// scheduling object gets SCHEDULE-STATUS added), and the Schedule-Tag of scheduling objects (RFC 6638 §8.2).
    /// The repairs of a re-serialised body are the response's log note.
    static func response(object: CalendarObjectRecord, created: Bool, withETag: Bool,
                         repairs: [ICalendarWarning] = []) -> DAVResponse {
        var headers = DAVHeaders([("Content-Length", "0")])
        if withETag { headers.set("ETag", object.etag.quoted) }
        headers.set("Last-Modified", HTTPDate.rfc1123(secondsSince1970: object.modifiedAt))
        if let tag = object.index.scheduleTag { headers.set("Schedule-Tag", ScheduleTag.quoted(tag)) }
        var response = DAVResponse(status: created ? 201 : 204, headers: headers)
        if !repairs.isEmpty {
            response.logNote = "stored repaired: " + repairs.map(CalendarDataPolicy.describe).joined(separator: "; ")
        }
        return response
    }

    /// If-None-Match: * → create only; If-Match: tag → replace only that version; If-Match: * → replace only.
    private func writePrecondition(current: Resource) throws(DAVError) -> WritePrecondition {
        let conditions = ConditionalHeaders(context.request.headers)
        if let scheduleTag = context.request.headers["If-Schedule-Tag-Match"] {
            // RFC 6638 §8.3: the attendee's client writes only over the copy it saw; checked in the transaction.
            if case .object(_, _, let object) = current, !conditions.ifMatchSatisfied(currentTag: object.etag.value) {
                throw DAVError.preconditionFailed("If-Match does not match the current ETag.")
            }
            return .scheduleTagMatches(ScheduleTagHeader.value(scheduleTag))
        }
        switch conditions.ifNoneMatch {
        case .any?: return .mustNotExist
        case .tags?:
            if case .object(_, _, let object) = current, !conditions.ifNoneMatchSatisfied(currentTag: object.etag.value) {
                throw DAVError.preconditionFailed("If-None-Match matches the current ETag.")
            }
        case nil: break
        }
        switch conditions.ifMatch {
        case .any?: return .mustExist
        case .tags(let tags)?:
            if case .object(_, _, let object) = current, conditions.ifMatchSatisfied(currentTag: object.etag.value) {
                return .etagMatches(object.etag)
            }
            guard let first = tags.first else { return .mustExist }
            return .etagMatches(ETag(value: first))
        case nil: return .none
        }
    }
}

extension StoreError {
    /// PUT, COPY and MOVE report a UID conflict with the href of the object that holds the UID (RFC 4791 §5.3.2.1).
    func putError(user: User, calendar: CalendarRecord, hrefs: Hrefs) -> DAVError {
        objectWriteError(owner: user.name, calendarSlug: calendar.slug, urls: hrefs).davError
    }
}

extension MethodContext {
    func indexer(for calendar: CalendarRecord) -> ObjectIndexer {
        ObjectIndexer.forCalendar(calendar, indexHorizon: configuration.indexHorizon, timeZones: timeZones)
    }
}
