import CalendarStore
import Calendaring
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
        /// Everything repaired on the way in: in the file as a whole, then per object (of stored objects only).
        public var repairs: [ImportRepair] = []

        /// Objects stored, new or replacing.
        public var imported: Int { created + replaced }
    }

    /// The calendar `slug` of `user`, created (with the file's calendar name when it has one) if missing.
    public func calendar(user: User, slug: String, displayName: String? = nil) async throws(StoreError) -> CalendarRecord {
        if let existing = try await service.store.calendar(ownerID: user.id, slug: slug) { return existing }
        return try await service.store.createCalendar(NewCalendar(ownerID: user.id, slug: slug,
                                                                  displayName: displayName ?? slug,
                                                                  supportedComponents: ["VEVENT", "VTODO", "VJOURNAL"]))
    }

    /// Splits `data` into objects and stores them `batchSize` at a time, each batch in one store call (one commit);
    /// `progress(done, total)` is called after every batch.
    public func importCalendar(_ data: [UInt8], into calendar: CalendarRecord, batchSize: Int = 500,
                               progress: (Int, Int) -> Void = { _, _ in }) async throws(DAVError) -> ImportReport {
        let split: CalendarImporter.Split
        do {
            split = try CalendarImporter.split(data)
        } catch {
            throw error.davError
        }
        let objects = split.objects
        let validator = CalendarObjectValidator(maxResourceSize: service.configuration.maxResourceSize,
                                                supportedComponents: calendar.supportedComponents)
        let indexer = ObjectIndexer.forCalendar(calendar, indexHorizon: service.configuration.indexHorizon,
                                                timeZones: service.timeZones)
        var report = ImportReport(total: objects.count, repairs: split.fileRepairs)
        var done = 0
        while done < objects.count {
            let batch = objects[done..<min(done + max(1, batchSize), objects.count)]
            // Validation and indexing as a PUT does them; refusals keep their place in the batch's order.
            let prepared: [Result<ObjectWrite, DAVError>] = batch.map { object in
                Result { () throws(CalendaringError) -> ObjectWrite in
                    let validated = try validator.validate(data: object.data, contentType: "text/calendar")
                    return ObjectWrite(name: object.name, data: object.data, index: indexer.index(validated))
                }.mapError(\.davError)
            }
            var stored = try await store(prepared.compactMap { try? $0.get() }, into: calendar).makeIterator()
            for (object, write) in zip(batch, prepared) {
                let outcome = write.flatMap { _ in (stored.next() ?? .failure(.backend("no result for a write"))).mapError(\.davError) }
                switch outcome {
                case .success(let put):
                    if put.created { report.created += 1 } else { report.replaced += 1 }
                    report.repairs += object.repairs
                case .failure(let error): report.skipped.append((object.uid, error.reason))
                }
            }
            done += batch.count
            progress(done, objects.count)
        }
        return report
    }

    /// Writes one batch. An object whose UID the calendar holds under another name (a client chose it) replaces
    /// that object, as importing again must: the store names it in `uidConflict`, and those writes are repeated
    /// under that name in a second call, so the usual case costs no lookup.
    private func store(_ writes: [ObjectWrite], into calendar: CalendarRecord) async throws(DAVError)
        -> [Result<PutResult, StoreError>] {
        guard !writes.isEmpty else { return [] }
        do {
            var results = try await service.store.putObjects(calendarID: calendar.id, writes)
            var retries: [(position: Int, write: ObjectWrite)] = []
            for (position, result) in results.enumerated() {
                guard case .failure(.uidConflict(let existingName)) = result, existingName != writes[position].name
                else { continue }
                var write = writes[position]
                write.name = existingName
                retries.append((position, write))
            }
            guard !retries.isEmpty else { return results }
            let retried = try await service.store.putObjects(calendarID: calendar.id, retries.map(\.write))
            for (retry, result) in zip(retries, retried) { results[retry.position] = result }
            return results
        } catch {
            throw error.davError
        }
    }

    /// The whole calendar as one iCalendar file (VTIMEZONEs once each, X-WR-CALNAME set), built in memory.
    public func exportCalendar(_ calendar: CalendarRecord) async throws(StoreError) -> [UInt8] {
        let stream = try await exportStream(calendar)
        var bytes: [UInt8] = []
        do {
            for try await chunk in stream { bytes += chunk }
        } catch let error as StoreError {
            throw error
        } catch {
            throw .backend("the export stream failed: \(error)")
        }
        return bytes
    }

    /// The whole calendar as one iCalendar file, produced a page of objects at a time, for writing out as it comes.
    public func exportStream(_ calendar: CalendarRecord) async throws(StoreError) -> DAVBodyStream {
        try await CalendarExportStream.body(store: service.store, calendar: calendar)
    }
}

extension DAVError {
    /// Why an imported object was refused, for the import report. A line number would count lines of the object as
    /// split from the file, not of the file, so it is left out; the UID says which object.
    fileprivate var reason: String {
        guard !message.isEmpty else { return "refused (\(status))" }
        guard message.hasPrefix("line "), let colon = message.firstIndex(of: ":"),
              message[message.index(message.startIndex, offsetBy: 5)..<colon].allSatisfy(\.isNumber)
        else { return message }
        return String(message[message.index(after: colon)...].drop { $0 == " " })
    }
}
