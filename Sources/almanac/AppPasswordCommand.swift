import AlmanacServer
import ArgumentParser
import Foundation

/// `almanac user app-password ...`: per-client passwords that can be revoked one by one.
struct AppPasswordCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "app-password", abstract: "Manage a user's app passwords.",
        subcommands: [Add.self, List.self, Revoke.self])

    struct Add: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "add", abstract: "Create an app password; its secret is printed once.")

        @Argument(help: "Login name.") var name: String
        @Option(help: "What the password is for, e.g. \"Phone\".") var label: String
        @OptionGroup var data: DataOptions

        func run() async throws {
            try await data.withAdministration { administration in
                let created = try await administration.addAppPassword(userName: name, label: label)
                print("App password '\(created.record.label)' (id \(created.record.id)) for '\(name)': \(created.secret)")
                print("Store it now: it is not shown again.")
            }
        }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "list", abstract: "List a user's app passwords.")

        @Argument(help: "Login name.") var name: String
        @OptionGroup var data: DataOptions

        func run() async throws {
            try await data.withAdministration { administration in
                let passwords = try await administration.appPasswords(userName: name)
                guard !passwords.isEmpty else {
                    print("'\(name)' has no app passwords.")
                    return
                }
                print(Table.render([["ID", "LABEL", "CREATED"]] + passwords.map {
                    [String($0.id), $0.label, Date(timeIntervalSince1970: TimeInterval($0.createdAt)).ISO8601Format()]
                }))
            }
        }
    }

    struct Revoke: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "revoke", abstract: "Revoke an app password.")

        @Argument(help: "Login name.") var name: String
        @Argument(help: "The app password's id (see 'list').") var id: Int64
        @OptionGroup var data: DataOptions

        func run() async throws {
            try await data.withAdministration { administration in
                try await administration.revokeAppPassword(userName: name, id: id)
                print("Revoked app password \(id) of '\(name)'.")
            }
        }
    }
}
