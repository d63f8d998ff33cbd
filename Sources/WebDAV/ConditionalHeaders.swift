/// The entity-tag preconditions of a request. Spec: RFC 9110 §13.1.1 (If-Match), §13.1.2 (If-None-Match),
/// §13.2.2 (evaluation order: If-Match first, then If-None-Match).
///
/// Handlers evaluate these inside the same store transaction that writes, against the tag they read there.
public struct ConditionalHeaders: Sendable, Hashable {
    public var ifMatch: EntityTagCondition?
    public var ifNoneMatch: EntityTagCondition?

    public init(ifMatch: EntityTagCondition? = nil, ifNoneMatch: EntityTagCondition? = nil) {
        self.ifMatch = ifMatch
        self.ifNoneMatch = ifNoneMatch
    }

    /// Reads If-Match and If-None-Match; several lines of one field combine as one list (RFC 9110 §5.3).
    public init(_ headers: DAVHeaders) {
        func condition(_ name: String) -> EntityTagCondition? {
            let values = headers.values(name)
            return values.isEmpty ? nil : EntityTagCondition(fieldValue: values.joined(separator: ","))
        }
        self.init(ifMatch: condition("If-Match"), ifNoneMatch: condition("If-None-Match"))
    }

    /// If-Match holds: absent, `*` with a current representation, or a listed tag strongly equal to the current one.
    /// `currentTag` is the resource's tag with or without quotes; nil when the resource does not exist.
    public func ifMatchSatisfied(currentTag: String?) -> Bool {
        switch ifMatch {
        case nil: return true
        case .any: return currentTag != nil
        case .tags(let tags):
            guard let currentTag else { return false }
            let current = EntityTagCondition.normalized(currentTag)
            return tags.contains { EntityTagCondition.strongMatch($0, current) }
        }
    }

    /// If-None-Match holds: absent, `*` with no current representation, or no listed tag weakly equal to the
    /// current one. On failure a write answers 412, a GET or HEAD 304.
    public func ifNoneMatchSatisfied(currentTag: String?) -> Bool {
        switch ifNoneMatch {
        case nil: return true
        case .any: return currentTag == nil
        case .tags(let tags):
            guard let currentTag else { return true }
            let current = EntityTagCondition.normalized(currentTag)
            return !tags.contains { EntityTagCondition.weakMatch($0, current) }
        }
    }
}
