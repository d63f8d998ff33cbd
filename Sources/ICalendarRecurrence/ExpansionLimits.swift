/// Hard limits on recurrence expansion, passed in by the caller so a hostile rule cannot hang a request or exhaust
/// memory. A rule that hits a limit stops early and says so; it never loops forever.
public struct ExpansionLimits: Sendable, Hashable {
    /// The most instances one expansion returns.
    public var maxInstances: Int
    /// The most candidate periods the iterator may examine in a row without producing an instance
    /// (FREQ=YEARLY;BYMONTHDAY=31;BYMONTH=2 would otherwise search forever).
    public var maxIterationsWithoutMatch: Int

    public init(maxInstances: Int = 100_000, maxIterationsWithoutMatch: Int = 10_000) {
        self.maxInstances = maxInstances
        self.maxIterationsWithoutMatch = maxIterationsWithoutMatch
    }

    public static let `default` = ExpansionLimits()
}
