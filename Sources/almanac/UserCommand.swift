import AlmanacServer
import ArgumentParser

/// `almanac user ...`: account administration against the store in the data directory.
struct UserCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "user",
        abstract: "Manage user accounts, app passwords and access tokens.",
        subcommands: [UserAddCommand.self, UserPasswdCommand.self, UserListCommand.self, UserDeleteCommand.self,
                      UserDisableCommand.self, UserEnableCommand.self, UserDelegateCommand.self,
                      UserFreeBusyCommand.self, AppPasswordCommand.self, AccessTokenCommand.self])
}

extension DataOptions {
    /// Runs `body` with account administration over the store; the bcrypt cost comes from the configuration.
    func withAdministration<T>(_ body: (UserAdministration) async throws -> T) async throws -> T {
        let configuration = try serverConfiguration()
        return try await StoreSession.withStore(self) { store in
            try await body(UserAdministration(store: store, calDAVConfiguration: configuration.calDAVConfiguration,
                                              bcryptCost: configuration.bcryptCost))
        }
    }
}

struct UserAddCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "add", abstract: "Create a user with a default calendar.",
        discussion: "Without --password the password is read from the terminal (not echoed), or one line from stdin.")

    @Argument(help: "Login name (letters, digits and . - _ @ +).") var name: String
    @Option(help: "Password; prefer the prompt, since arguments are visible to other local users.") var password: String?
    @Option(help: "Calendar user address, without mailto:.") var email: String = ""
    @Option(name: .customLong("display-name"), help: "Name shown to clients (default: the login name).")
    var displayName: String?
    @Flag(help: "Make the user an administrator.") var admin = false
    @OptionGroup var data: DataOptions

    func run() async throws {
        let password = try self.password ?? PasswordPrompt.read(prompt: "Password for \(name): ", confirm: true)
        try await data.withAdministration { administration in
            let user = try await administration.addUser(name: name, password: password, email: email,
                                                        displayName: displayName, isAdmin: admin)
            print("Created user '\(user.name)' (id \(user.id))\(user.isAdmin ? " as administrator" : "").")
        }
    }
}

struct UserPasswdCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "passwd", abstract: "Change a user's password.",
        discussion: "The new password is read from the terminal (not echoed), or one line from stdin.")

    @Argument(help: "Login name.") var name: String
    @OptionGroup var data: DataOptions

    func run() async throws {
        let password = try PasswordPrompt.read(prompt: "New password for \(name): ", confirm: true)
        try await data.withAdministration { administration in
            try await administration.changePassword(userName: name, to: password)
            print("Changed the password of '\(name)'.")
        }
    }
}

struct UserListCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "list", abstract: "List users.")

    @OptionGroup var data: DataOptions

    func run() async throws {
        try await data.withAdministration { administration in
            let users = try await administration.users()
            guard !users.isEmpty else {
                print("No users.")
                return
            }
            print(Table.render([["ID", "NAME", "ADMIN", "STATUS", "EMAIL", "DISPLAY NAME"]] + users.map {
                [String($0.id), $0.name, $0.isAdmin ? "yes" : "", $0.status.rawValue, $0.email, $0.displayName]
            }))
        }
    }
}

struct UserDeleteCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "delete", abstract: "Delete a user with all their calendars and app passwords.",
        discussion: "Meetings the user organizes are cancelled to their attendees, and those they attend declined to "
            + "their organizers, before the account goes.")

    @Argument(help: "Login name.") var name: String
    @OptionGroup var data: DataOptions

    func run() async throws {
        let sendsMail = try data.serverConfiguration().mail != nil
        try await data.withAdministration { administration in
            if try await administration.deleteUser(named: name, sendsMail: sendsMail) {
                print("Deleted user '\(name)'.")
            } else {
                print("Disabled '\(name)': the account goes once the cancellations of its meetings have left the "
                          + "mail queue (the server's hourly pass deletes it).")
            }
        }
    }
}

struct UserDisableCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "disable", abstract: "Stop a user from signing in (their calendars stay).",
        discussion: "Takes effect with the user's next request, on every node. `almanac user enable` undoes it.")

    @Argument(help: "Login name.") var name: String
    @OptionGroup var data: DataOptions

    func run() async throws {
        try await data.withAdministration { administration in
            _ = try await administration.disableUser(named: name)
            print("Disabled '\(name)': they can no longer sign in.")
        }
    }
}

struct UserEnableCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "enable", abstract: "Let a disabled user sign in again.",
        discussion: "Also activates an account whose e-mail address was never confirmed.")

    @Argument(help: "Login name.") var name: String
    @OptionGroup var data: DataOptions

    func run() async throws {
        try await data.withAdministration { administration in
            _ = try await administration.enableUser(named: name)
            print("Enabled '\(name)': they can sign in.")
        }
    }
}
