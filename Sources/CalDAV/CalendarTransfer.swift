import CalendarStore
import ICalendar
import WebDAV

/// Bulk import of an .ics file into a calendar and export of a calendar as one .ics, for `almanac import/export`.
/// Each imported object passes the same validation and indexing as a PUT; an object whose UID is already in the
/// calendar replaces it, so importing a file twice changes nothing.
public struct CalendarTransfer: Sendable {
    public let service: CalDAVService

    public init(service: CalDAVService) {
        self.service = service
    }

    /// What an import did.
    public struct ImportReport: Sendable {
        public var total = 0
        public var created = 0
        public var replaced = 0
        /// UID and reason of every object that was refused.
        public var skipped: [(uid: String, reason: String)] = []
    }

    /// The calendar `slug` of `user`, created (with the file's calendar name when it has one) if missing.
    public func calendar(user: User, slug: String, displayName: String? = nil) async throws(StoreError) -> CalendarRecord {
        if let existing = try await service.store.calendar(ownerID: user.id, slug: slug) { return existing }
        return try await service.store.createCalendar(NewCalendar(ownerID: user.id, slug: slug,
                                                                  displayName: displayName ?? slug,
                                                                  supportedComponents: ["VEVENT", "VTODO", "VJOURNAL"]))
    }

    /// Splits `data` into objects and stores each; `progress(done, total)` is called after every object.
    public func importCalendar(_ data: [UInt8], into calendar: CalendarRecord,
                               progress: (Int, Int) -> Void = { _, _ in }) async throws(DAVError) -> ImportReport {
        let objects = try CalendarImporter.split(data)
        let validator = CalendarObjectValidator(maxResourceSize: service.configuration.maxResourceSize,
                                                supportedComponents: calendar.supportedComponents)
        let indexer = ObjectIndexer.forCalendar(calendar, configuration: service.configuration, timeZones: service.timeZones)
        var report = ImportReport(total: objects.count)
        for (done, object) in objects.enumerated() {
            defer { progress(done + 1, objects.count) }
            do {
                let validated = try validator.validate(data: object.data, contentType: "text/calendar")
                let existing = try? await service.store.object(calendarID: calendar.id, uid: validated.uid)
                let result = try await store(object, validated: validated, name: existing?.name ?? object.name,
                                             indexer: indexer, calendar: calendar)
                if result.created { report.created += 1 } else { report.replaced += 1 }
            } catch {
                report.skipped.append((object.uid, error.message.isEmpty ? "refused (\(error.status))" : error.message))
            }
        }
        return report
    }

    private func store(_ object: ImportedObject, validated: ValidatedCalendarObject, name: String,
                       indexer: ObjectIndexer, calendar: CalendarRecord) async throws(DAVError) -> PutResult {
        do {
            return try await service.store.putObject(calendarID: calendar.id, name: name, data: object.data,
                                                     index: indexer.index(validated), precondition: .none)
        } catch {
            throw error.davError
        }
    }

    /// The whole calendar as one iCalendar file (VTIMEZONEs once each, X-WR-CALNAME set).
    public func exportCalendar(_ calendar: CalendarRecord) async throws(StoreError) -> [UInt8] {
        let objects = try await service.store.objects(calendarID: calendar.id)
        return CalendarExporter.export(objects: objects.map(\.data), name: calendar.displayName)
    }
}
