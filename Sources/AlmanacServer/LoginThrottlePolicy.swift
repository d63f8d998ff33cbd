/// The numbers login throttling works with. Delays grow per (user name, client address) pair, so one attacker's
/// guesses slow down only their own attempts at that name; a separate, much higher limit per address catches one
/// address guessing at many names (password spraying).
public struct LoginThrottlePolicy: Sendable, Hashable {
    /// Failures of a (user name, address) pair after which each attempt must wait.
    public var failuresBeforeDelay: Int = 5
    /// The wait after the `failuresBeforeDelay`th failure; each further failure doubles it.
    public var firstDelay: Duration = .seconds(1)
    /// The longest wait between attempts of one pair, however many failures it has.
    public var maximumDelay: Duration = .seconds(300)
    /// A pair's failures count for this long (and are forgotten at once on a correct password).
    public var forgetAfter: Duration = .seconds(3_600)
    /// Distinct user names failing from one address within `sprayWindow` after which that address is refused for
    /// every name until the oldest of them ages out.
    public var sprayNames: Int = 50
    public var sprayWindow: Duration = .seconds(600)

    public init() {}

    /// The wait a pair with `failures` failures must keep after its last one: none before `failuresBeforeDelay`,
    /// then `firstDelay` doubling per failure up to `maximumDelay`.
    func delay(afterFailures failures: Int) -> Duration {
        let over = failures - failuresBeforeDelay
        guard over >= 0 else { return .zero }
        // Past 2^20 the cap has long been reached; stopping there keeps the multiplication from overflowing.
        let doubled = firstDelay * (1 << min(over, 20))
        return min(doubled, maximumDelay)
    }
}
