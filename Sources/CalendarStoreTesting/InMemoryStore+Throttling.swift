import CalendarStore

extension InMemoryStore {
    public func recordThrottleEvent(key: String, subject: String, weight: Int, at: Int64) {
        throttleTable[key, default: []].append(ThrottleEvent(subject: subject, weight: weight, at: at))
    }

    public func throttleEvents(key: String, since: Int64) -> [ThrottleEvent] {
        // A stable sort keeps recording order among equal times.
        (throttleTable[key] ?? []).filter { $0.at > since }.enumerated()
            .sorted { ($0.element.at, $0.offset) < ($1.element.at, $1.offset) }.map(\.element)
    }

    public func clearThrottleEvents(key: String) {
        throttleTable[key] = nil
    }

    public func takeThrottleAllowance(key: String, weight: Int, limit: Int, since: Int64, at: Int64) -> Bool {
        let used = throttleEvents(key: key, since: since).reduce(0) { $0 + $1.weight }
        guard used + weight <= limit else { return false }
        recordThrottleEvent(key: key, subject: "", weight: weight, at: at)
        return true
    }

    public func pruneThrottleEvents(before: Int64) -> Int {
        var pruned = 0
        for (key, events) in throttleTable {
            let kept = events.filter { $0.at > before }
            pruned += events.count - kept.count
            throttleTable[key] = kept.isEmpty ? nil : kept
        }
        return pruned
    }
}
