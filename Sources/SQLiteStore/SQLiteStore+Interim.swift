import CalendarStore

// Interim implementations so the contract compiles while the SQLite work of issue #4 lands (text index, group
// commit, persisted index fields); they are correct but not yet fast. To be replaced, then this file deleted.
extension SQLiteStore {
    public func objects(calendarID: Int64, matching query: ObjectQuery, after: String?, limit: Int?)
        async throws(StoreError) -> [CalendarObjectRecord] {
        let candidates = if let window = query.window {
            try await objects(calendarID: calendarID, componentType: query.componentType, overlapping: window)
        } else {
            try await objects(calendarID: calendarID).filter {
                query.componentType == nil || $0.index.componentType == query.componentType
            }
        }
        let rest = candidates.filter { after == nil || $0.name > after! }
        return limit.map { Array(rest.prefix(max(0, $0))) } ?? rest
    }

    public func putObjects(calendarID: Int64, _ writes: [ObjectWrite]) async throws(StoreError)
        -> [Result<PutResult, StoreError>] {
        var results: [Result<PutResult, StoreError>] = []
        for write in writes {
            do {
                results.append(.success(try await putObject(calendarID: calendarID, name: write.name, data: write.data,
                                                            index: write.index, precondition: write.precondition)))
            } catch .notFound where results.isEmpty {
                throw .notFound
            } catch {
                results.append(.failure(error))
            }
        }
        return results
    }

    public func objectsToReindex(expandedBefore: Int64, limit: Int) async throws(StoreError) -> [ReindexCandidate] {
        []
    }

    public func updateIndex(calendarID: Int64, name: String, etag: ETag, index: ObjectIndex) async throws(StoreError)
        -> Bool {
        false
    }
}
