extension WritePrecondition {
    /// Checks the precondition against the tag of the object currently stored under the name (nil when absent),
    /// throwing the error the contract names for each case. Stores call it inside the writing transaction.
    public func check(currentETag: ETag?) throws(StoreError) {
        switch self {
        case .none: break
        case .mustNotExist: if currentETag != nil { throw .alreadyExists }
        case .mustExist: if currentETag == nil { throw .notFound }
        case .etagMatches(let tag): if currentETag != tag { throw .etagMismatch(current: currentETag) }
        }
    }
}
