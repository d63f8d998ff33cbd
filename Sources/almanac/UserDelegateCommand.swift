import ArgumentParser
import CalendarStore

/// `almanac user delegate NAME [DELEGATE] [--read|--write|--remove]`: a user's delegates (calendar-proxy), the
/// same thing clients set through the calendar-proxy-read and calendar-proxy-write principals.
struct UserDelegateCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "delegate", abstract: "Show or set who acts for a user on all their calendars.",
        discussion: """
            A read delegate reads all the user's calendars; a write delegate runs them (changes events, sees \
            private ones, answers invitations for the user). Without a delegate, lists the user's delegates.
            """)

    enum Change: String, EnumerableFlag {
        case read, write, remove
    }

    @Argument(help: "The user who delegates.") var name: String
    @Argument(help: "The delegate's login name.") var delegate: String?
    @Flag(help: "Read delegate (the default), write delegate, or remove the delegate.") var change: Change = .read
    @OptionGroup var data: DataOptions

    func run() async throws {
        try await StoreSession.withStore(data) { store in
            guard let owner = try await store.user(named: name) else { throw ValidationError("No user named '\(name)'.") }
            if let delegate {
                guard let user = try await store.user(named: delegate) else {
                    throw ValidationError("No user named '\(delegate)'.")
                }
                guard user.id != owner.id else { throw ValidationError("A user is not their own delegate.") }
                try await store.setDelegation(ownerID: owner.id, delegateID: user.id,
                                              mode: change == .remove ? nil : Delegation.Mode(rawValue: change.rawValue))
            }
            let delegates = try await store.delegates(ownerID: owner.id)
            if delegates.isEmpty { print("'\(name)' has no delegates.") }
            for delegation in delegates {
                let user = try await store.user(id: delegation.delegateID)
                print("\(user?.name ?? "#\(delegation.delegateID)")\t\(delegation.mode.rawValue)")
            }
        }
    }
}
