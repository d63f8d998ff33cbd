import CalendarStore

extension InMemoryStore {
    // MARK: Reading objects

    public func object(calendarID: Int64, name: String) -> CalendarObjectRecord? {
        calendarTable[calendarID]?.objects[name]
    }

    public func objects(calendarID: Int64, names: [String]) -> [CalendarObjectRecord] {
        guard let stored = calendarTable[calendarID] else { return [] }
        return names.compactMap { stored.objects[$0] }
    }

    public func objects(calendarID: Int64) -> [CalendarObjectRecord] {
        (calendarTable[calendarID]?.objects.values).map { $0.sorted { $0.name < $1.name } } ?? []
    }

    public func objectSummaries(calendarID: Int64) -> [CalendarObjectSummary] {
        objects(calendarID: calendarID).map(Self.summary)
    }

    public func objectSummaries(calendarID: Int64, names: [String]) -> [CalendarObjectSummary] {
        objects(calendarID: calendarID, names: names).map(Self.summary)
    }

    private static func summary(_ object: CalendarObjectRecord) -> CalendarObjectSummary {
        CalendarObjectSummary(name: object.name, etag: object.etag, size: object.data.count,
                              componentType: object.index.componentType, modifiedAt: object.modifiedAt,
                              createdAt: object.createdAt, scheduleTag: object.index.scheduleTag,
                              revision: object.revision)
    }

    public func object(calendarID: Int64, uid: String) -> CalendarObjectRecord? {
        calendarTable[calendarID]?.objects.values.first { $0.index.uid == uid }
    }

    // MARK: Writing objects

    public func putObject(calendarID: Int64, name: String, data: [UInt8], index: ObjectIndex,
                          precondition: WritePrecondition) throws(StoreError) -> PutResult {
        try index.validate(name: name)
        guard let stored = calendarTable[calendarID] else { throw .notFound }
        let existing = stored.objects[name]
        try precondition.check(currentETag: existing?.etag, currentScheduleTag: existing?.index.scheduleTag)
        if let holder = stored.objects.values.first(where: { $0.index.uid == index.uid && $0.name != name }) {
            throw .uidConflict(existingName: holder.name)
        }
        let revision = bumpRevision(calendarID)
        let time = now()
        let object = CalendarObjectRecord(calendarID: calendarID, name: name, etag: ETag(of: data), data: data,
                                          index: index, revision: revision, modifiedAt: time,
                                          createdAt: existing?.createdAt ?? time)
        calendarTable[calendarID]?.objects[name] = object
        calendarTable[calendarID]?.log[name] = LogEntry(revision: revision, exists: true)
        return PutResult(object: object, created: existing == nil)
    }

    public func deleteObject(calendarID: Int64, name: String, ifMatch: ETag?) throws(StoreError) {
        guard let existing = calendarTable[calendarID]?.objects[name] else { throw .notFound }
        if let ifMatch, ifMatch != existing.etag { throw .etagMismatch(current: existing.etag) }
        removeObject(calendarID: calendarID, name: name)
    }

    public func moveObject(fromCalendarID: Int64, name: String, toCalendarID: Int64, newName: String, overwrite: Bool,
                           ifMatch: ETag?) throws(StoreError) -> PutResult {
        guard let source = calendarTable[fromCalendarID]?.objects[name] else { throw .notFound }
        if let ifMatch, ifMatch != source.etag { throw .etagMismatch(current: source.etag) }
        try source.index.validate(name: newName)
        guard fromCalendarID != toCalendarID || name != newName else {
            throw .invalidArgument("source and destination are the same")
        }
        guard let target = calendarTable[toCalendarID] else { throw .notFound }
        let replaced = target.objects[newName]
        if replaced != nil, !overwrite { throw .alreadyExists }
        if let holder = target.objects.values.first(where: {
            $0.index.uid == source.index.uid && $0.name != newName
                && !(fromCalendarID == toCalendarID && $0.name == name)
        }) {
            throw .uidConflict(existingName: holder.name)
        }
        // The object's grants go with it; those of an object it replaces go with that object.
        let grants = calendarTable[fromCalendarID]?.objectGrants[name] ?? [:]
        removeObject(calendarID: fromCalendarID, name: name)
        calendarTable[toCalendarID]?.objectGrants[newName] = grants.isEmpty ? nil : grants.mapValues { grant in
            var carried = grant
            carried.calendarID = toCalendarID
            carried.objectName = newName
            return carried
        }
        let revision = bumpRevision(toCalendarID)
        var moved = source
        moved.calendarID = toCalendarID
        moved.name = newName
        moved.revision = revision
        moved.modifiedAt = now()
        calendarTable[toCalendarID]?.objects[newName] = moved
        calendarTable[toCalendarID]?.log[newName] = LogEntry(revision: revision, exists: true)
        return PutResult(object: moved, created: replaced == nil)
    }

    // MARK: Sync

    public func changes(calendarID: Int64, since revision: Int64?, limit: Int?) throws(StoreError) -> ChangeSet {
        guard let stored = calendarTable[calendarID] else { throw .notFound }
        if let limit, limit < 1 { throw .invalidArgument("sync limit must be positive") }
        if let revision, revision < 0 || revision > stored.record.revision { throw .invalidSyncToken }
        let entries = stored.log
            .filter { _, entry in revision.map { entry.revision > $0 } ?? entry.exists }
            .sorted { $0.value.revision < $1.value.revision }
        let reported = limit.map { Array(entries.prefix($0)) } ?? entries
        let truncated = reported.count < entries.count
        return ChangeSet(
            revision: truncated ? reported.last!.value.revision : stored.record.revision,
            changes: reported.map { ChangeSet.Change(name: $0.key, exists: $0.value.exists) },
            truncated: truncated)
    }

    // MARK: Helpers

    /// Gives the next change of the calendar its own revision, so a truncated sync can resume between any two.
    func bumpRevision(_ calendarID: Int64) -> Int64 {
        calendarTable[calendarID]!.record.revision += 1
        return calendarTable[calendarID]!.record.revision
    }

    func removeObject(calendarID: Int64, name: String) {
        calendarTable[calendarID]?.objects[name] = nil
        calendarTable[calendarID]?.objectGrants[name] = nil
        let revision = bumpRevision(calendarID)
        calendarTable[calendarID]?.log[name] = LogEntry(revision: revision, exists: false)
    }
}

extension ObjectIndex {
    /// The time-range candidate rule of `CalendarStore.objects(calendarID:matching:after:limit:)`.
    func mayOverlap(_ window: TimeWindow) -> Bool {
        guard let firstStart else { return true }
        if let horizon, window.end.map({ horizon < $0 && firstStart < $0 }) ?? true { return true }
        return instances.contains { $0.overlaps(window) }
    }
}
