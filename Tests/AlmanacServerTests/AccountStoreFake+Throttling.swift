import CalendarStore

/// Throttling, for the login throttle of the server tests: the in-memory store's, unless the fake is failing.
extension AccountStoreFake {
    private func check() throws(StoreError) {
        if failing { throw StoreError.backend("disk on fire") }
    }

    func recordThrottleEvent(key: String, subject: String, weight: Int, at: Int64) async throws(StoreError) {
        try check()
        await throttleLedger.recordThrottleEvent(key: key, subject: subject, weight: weight, at: at)
    }

    func throttleEvents(key: String, since: Int64) async throws(StoreError) -> [ThrottleEvent] {
        try check()
        return await throttleLedger.throttleEvents(key: key, since: since)
    }

    func clearThrottleEvents(key: String) async throws(StoreError) {
        try check()
        await throttleLedger.clearThrottleEvents(key: key)
    }

    func takeThrottleAllowance(key: String, weight: Int, limit: Int, since: Int64, at: Int64) async throws(StoreError)
        -> Bool {
        try check()
        return await throttleLedger.takeThrottleAllowance(key: key, weight: weight, limit: limit, since: since, at: at)
    }

    func pruneThrottleEvents(before: Int64) async throws(StoreError) -> Int {
        try check()
        return await throttleLedger.pruneThrottleEvents(before: before)
    }
}
