import ArgumentParser
import CalendarStore

/// `almanac user freebusy NAME [CHOICE]`: who may look up a user's busy times (periods only, never titles).
struct UserFreeBusyCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "freebusy", abstract: "Show or set who may look up a user's busy times.",
        discussion: """
            everyone: every user of this server; sharees: the people the user shares a calendar with; nobody; \
            default: the server's freebusy_visibility setting. Without a choice, shows the current one.
            """)

    @Argument(help: "Login name.") var name: String
    @Argument(help: "everyone, sharees, nobody or default.") var choice: String?
    @OptionGroup var data: DataOptions

    func run() async throws {
        let visibility: FreeBusyVisibility?
        switch choice?.lowercased() {
        case nil, "default": visibility = nil
        case let value?:
            guard let chosen = FreeBusyVisibility(rawValue: value) else {
                throw ValidationError("'\(value)' is not everyone, sharees, nobody or default.")
            }
            visibility = chosen
        }
        try await StoreSession.withStore(data) { store in
            guard let user = try await store.user(named: name) else { throw ValidationError("No user named '\(name)'.") }
            if choice != nil { try await store.setFreeBusyVisibility(userID: user.id, visibility) }
            let current = try await store.freeBusyVisibility(userID: user.id)
            print("Busy times of '\(name)': \(current?.rawValue ?? "the server's default (freebusy_visibility)").")
        }
    }
}
