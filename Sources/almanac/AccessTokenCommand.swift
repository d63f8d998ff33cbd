import AlmanacServer
import ArgumentParser
import Calendaring
import Foundation

/// `almanac user token ...`: personal access tokens for scripts and apps, sent as `Authorization: Bearer alm_...`
/// to the JSON API and to CalDAV, limited to their scopes.
struct AccessTokenCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "token", abstract: "Manage a user's personal access tokens.",
        subcommands: [Add.self, List.self, Revoke.self])

    struct Add: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "add", abstract: "Create a personal access token; its secret is printed once.")

        @Argument(help: "Login name.") var name: String
        @Option(help: "What the token is for, e.g. \"backup script\".") var label: String
        @Option(name: .customLong("scope"), parsing: .singleValue,
                help: "A scope: calendars.read, calendars.write, freebusy or admin (repeat for several).")
        var scopes: [String]
        @Option(help: "Days until the token stops working (default: never).") var expiresDays: Int?
        @OptionGroup var data: DataOptions

        func validate() throws {
            guard !scopes.isEmpty else { throw ValidationError("Give at least one --scope.") }
            for scope in scopes where AccessTokenScope(rawValue: scope) == nil {
                throw ValidationError("Unknown scope '\(scope)': use "
                                          + AccessTokenScope.allCases.map(\.rawValue).joined(separator: ", ") + ".")
            }
        }

        func run() async throws {
            try await data.withAdministration { administration in
                let created = try await administration.addAccessToken(
                    userName: name, label: label, scopes: scopes.compactMap(AccessTokenScope.init(rawValue:)),
                    lifetimeDays: expiresDays)
                print("Token '\(created.record.label)' (id \(created.record.id)) for '\(name)', scopes "
                          + created.record.scopes.joined(separator: " ") + ": \(created.secret)")
                print("Store it now: it is not shown again. Send it as 'Authorization: Bearer \(created.secret)'.")
            }
        }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "list", abstract: "List a user's tokens.")

        @Argument(help: "Login name.") var name: String
        @OptionGroup var data: DataOptions

        func run() async throws {
            try await data.withAdministration { administration in
                let tokens = try await administration.accessTokens(userName: name)
                guard !tokens.isEmpty else {
                    print("'\(name)' has no access tokens.")
                    return
                }
                func date(_ seconds: Int64?) -> String {
                    seconds.map { Date(timeIntervalSince1970: TimeInterval($0)).ISO8601Format() } ?? "-"
                }
                print(Table.render([["ID", "LABEL", "SCOPES", "CREATED", "EXPIRES", "LAST USED"]] + tokens.map {
                    [String($0.id), $0.label, $0.scopes.joined(separator: " "), date($0.createdAt), date($0.expiresAt),
                     date($0.lastUsedAt)]
                }))
            }
        }
    }

    struct Revoke: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "revoke", abstract: "Revoke a token at once.")

        @Argument(help: "Login name.") var name: String
        @Argument(help: "The token's id (see 'list').") var id: Int64
        @OptionGroup var data: DataOptions

        func run() async throws {
            try await data.withAdministration { administration in
                try await administration.revokeAccessToken(userName: name, id: id)
                print("Revoked access token \(id) of '\(name)'.")
            }
        }
    }
}
