import ArgumentParser
import CalendarStore
import Calendaring

/// `almanac share ...`: calendars shared with users and groups, by the same rules as the protocols
/// (`CalendarSharing`); a share made here is in force at once.
struct ShareCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "share",
        abstract: "Share calendars with users and groups.",
        discussion: """
            Roles: free-busy (busy times only), read, write (create, change, delete events), manage (write, and \
            share onwards). A calendar is named as owner/calendar, e.g. alice/work.
            """,
        subcommands: [ShareAddCommand.self, ShareRemoveCommand.self, ShareListCommand.self])
}

extension CalendarRole: ExpressibleByArgument {
    public static var allValueStrings: [String] { allCases.map(\.rawValue) }
}

/// `owner/calendar` on the command line.
struct CalendarReference: ExpressibleByArgument {
    let owner: String
    let slug: String

    init?(argument: String) {
        let parts = argument.split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count == 2, !parts[0].isEmpty, !parts[1].isEmpty else { return nil }
        owner = String(parts[0])
        slug = String(parts[1])
    }

    func calendar(in store: any CalendarStore) async throws -> CalendarRecord {
        guard let user = try await store.user(named: owner) else { throw ValidationError("No user named '\(owner)'.") }
        guard let calendar = try await store.calendar(ownerID: user.id, slug: slug) else {
            throw ValidationError("User '\(owner)' has no calendar '\(slug)'.")
        }
        return calendar
    }
}

extension DataOptions {
    /// The rules of sharing, with e-mail to sharees when the configuration has SMTP (the running server's mail
    /// queue sends it).
    func sharing(_ store: any CalendarStore) throws -> CalendarSharing {
        let configuration = try serverConfiguration()
        return CalendarSharing(store: store, mail: configuration.mail.map { ShareMail(sender: $0.sender ?? "") })
    }
}

extension CalendaringError {
    /// The refusal as a sentence for the terminal.
    var commandLineError: ValidationError {
        switch self {
        case .refused(_, let reason): ValidationError(reason)
        case .store(let error): ValidationError("The store failed: \(error)")
        case .scheduling(let error): ValidationError("\(error)")
        }
    }
}

struct ShareAddCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "add", abstract: "Share a calendar with a user or group, or change the role of a share.")

    @Argument(help: "The calendar, as owner/calendar.") var calendar: CalendarReference
    @Argument(help: "The user or group to share with.") var grantee: String
    @Option(help: "free-busy, read, write or manage.") var role: CalendarRole = .read
    @OptionGroup var data: DataOptions

    func run() async throws {
        try await StoreSession.withStore(data) { store in
            let record = try await calendar.calendar(in: store)
            do {
                let grant = try await data.sharing(store).share(record, with: grantee, role: role, by: nil)
                print("Shared \(calendar.owner)/\(calendar.slug) with '\(grantee)' (\(grant.role.rawValue)).")
            } catch let error as CalendaringError {
                throw error.commandLineError
            }
        }
    }
}

struct ShareRemoveCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "remove", abstract: "Stop sharing a calendar with a user or group.")

    @Argument(help: "The calendar, as owner/calendar.") var calendar: CalendarReference
    @Argument(help: "The user or group.") var grantee: String
    @OptionGroup var data: DataOptions

    func run() async throws {
        try await StoreSession.withStore(data) { store in
            let record = try await calendar.calendar(in: store)
            do {
                try await data.sharing(store).revoke(record, from: grantee, by: nil)
                print("Stopped sharing \(calendar.owner)/\(calendar.slug) with '\(grantee)'.")
            } catch let error as CalendaringError {
                throw error.commandLineError
            }
        }
    }
}

struct ShareListCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "list", abstract: "List who a calendar is shared with, or every share of a user's calendars.")

    @Argument(help: "A calendar (owner/calendar) or a user name.") var target: String
    @OptionGroup var data: DataOptions

    func run() async throws {
        try await StoreSession.withStore(data) { store in
            let calendars: [CalendarRecord]
            if let reference = CalendarReference(argument: target) {
                calendars = [try await reference.calendar(in: store)]
            } else {
                guard let user = try await store.user(named: target) else {
                    throw ValidationError("No user named '\(target)'.")
                }
                calendars = try await store.calendars(ownerID: user.id)
            }
            var rows: [[String]] = []
            for calendar in calendars {
                for grant in try await store.grants(calendarID: calendar.id) {
                    rows.append([calendar.slug, try await Self.name(of: grant.grantee, in: store), grant.role.rawValue,
                                 grant.state.rawValue])
                }
            }
            guard !rows.isEmpty else { return print("Not shared with anyone.") }
            print(Table.render([["CALENDAR", "SHARED WITH", "ROLE", "STATE"]] + rows))
        }
    }

    static func name(of grantee: Grantee, in store: any CalendarStore) async throws -> String {
        switch grantee {
        case .user(let id): try await store.user(id: id)?.name ?? "user \(id)"
        case .group(let id): "group " + (try await store.group(id: id)?.name ?? String(id))
        }
    }
}
