import CalendarStore

extension InMemoryStore {
    // MARK: Pages and queries

    public func objects(calendarID: Int64, matching query: ObjectQuery, after: String?, limit: Int?)
        -> [CalendarObjectRecord] {
        let matching = objects(calendarID: calendarID).filter { object in
            (query.componentType == nil || object.index.componentType == query.componentType)
                && (query.window.map { object.index.mayOverlap($0) } ?? true)
                && query.text.allSatisfy { Self.contains(object.index.text[$0.field], $0.needle) }
        }
        return page(matching, after: after, limit: limit)
    }

    public func objects(calendarID: Int64, after: String?, limit: Int) -> [CalendarObjectRecord] {
        page(objects(calendarID: calendarID), after: after, limit: limit)
    }

    public func objectSummaries(calendarID: Int64, after: String?, limit: Int) -> [CalendarObjectSummary] {
        page(objectSummaries(calendarID: calendarID), after: after, limit: limit)
    }

    // MARK: Batches

    public func putObjects(calendarID: Int64, _ writes: [ObjectWrite]) throws(StoreError)
        -> [Result<PutResult, StoreError>] {
        guard calendarTable[calendarID] != nil else { throw .notFound }
        return writes.map { write in
            Result { () throws(StoreError) -> PutResult in
                try putObject(calendarID: calendarID, name: write.name, data: write.data, index: write.index,
                              precondition: write.precondition)
            }
        }
    }

    // MARK: Index maintenance

    public func objectsToReindex(expandedBefore: Int64, limit: Int) -> [ReindexCandidate] {
        let candidates = calendarTable.values.flatMap { stored in
            stored.objects.values.compactMap { object -> ReindexCandidate? in
                guard let until = object.index.expandedUntil, until < expandedBefore else { return nil }
                return ReindexCandidate(calendarID: object.calendarID, name: object.name, etag: object.etag,
                                        data: object.data, expandedUntil: until)
            }
        }
        return Array(candidates.sorted { ($0.expandedUntil, $0.calendarID, $0.name) < ($1.expandedUntil, $1.calendarID, $1.name) }
            .prefix(max(0, limit)))
    }

    public func updateIndex(calendarID: Int64, name: String, etag: ETag, index: ObjectIndex) throws(StoreError) -> Bool {
        guard let object = calendarTable[calendarID]?.objects[name], object.etag == etag else { return false }
        try index.validate(name: name)
        var reindexed = index
        // Re-indexing never decides the Schedule-Tag: the stored one stays.
        reindexed.scheduleTag = object.index.scheduleTag
        calendarTable[calendarID]?.objects[name]?.index = reindexed
        return true
    }

    /// Code-point containment with ASCII letters folded: like the collations (and unlike `String.contains`, which
    /// compares grapheme clusters), "e" is found in a decomposed "e\u{301}".
    static func contains(_ text: String, _ needle: String) -> Bool {
        func folded(_ string: String) -> [UInt8] {
            string.utf8.map { (0x41...0x5A).contains($0) ? $0 + 0x20 : $0 }
        }
        let haystack = folded(text), pattern = folded(needle)
        guard !pattern.isEmpty else { return true }
        guard haystack.count >= pattern.count else { return false }
        return (0...(haystack.count - pattern.count)).contains { start in
            haystack[start..<(start + pattern.count)].elementsEqual(pattern)
        }
    }

    private func page<T: NamedByObject>(_ sorted: [T], after: String?, limit: Int?) -> [T] {
        let rest = after.map { after in sorted.filter { $0.objectName > after } } ?? sorted
        return limit.map { Array(rest.prefix(max(0, $0))) } ?? rest
    }
}

/// Records listed in name order.
private protocol NamedByObject { var objectName: String { get } }
extension CalendarObjectRecord: NamedByObject { var objectName: String { name } }
extension CalendarObjectSummary: NamedByObject { var objectName: String { name } }
