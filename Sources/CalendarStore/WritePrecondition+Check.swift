extension WritePrecondition {
    /// Checks the precondition against the object currently stored under the name (its ETag and Schedule-Tag; nil
    /// when absent), throwing the error the contract names for each case. Stores call it inside the writing
    /// transaction.
    public func check(currentETag: ETag?, currentScheduleTag: String? = nil) throws(StoreError) {
        switch self {
        case .none: break
        case .mustNotExist: if currentETag != nil { throw .alreadyExists }
        case .mustExist: if currentETag == nil { throw .notFound }
        case .etagMatches(let tag): if currentETag != tag { throw .etagMismatch(current: currentETag) }
        case .scheduleTagMatches(let tag):
            if currentETag == nil || currentScheduleTag != tag { throw .etagMismatch(current: currentETag) }
        }
    }
}
