/// Whether an account may sign in.
public enum AccountStatus: String, Sendable, Hashable, CaseIterable {
    /// Signs in as usual.
    case active
    /// Signed up but has not yet proved their e-mail address; cannot sign in until they do.
    case unverified
    /// Stopped by an administrator; keeps its data but cannot sign in.
    case disabled
}
