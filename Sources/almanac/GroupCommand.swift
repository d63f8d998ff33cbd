import ArgumentParser
import CalendarStore

/// `almanac group ...`: groups of users, which calendars can be shared with as a whole; a share with a group
/// follows its membership at once.
struct GroupCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "group",
        abstract: "Manage groups of users.",
        subcommands: [GroupAddCommand.self, GroupDeleteCommand.self, GroupListCommand.self, GroupMemberAddCommand.self,
                      GroupMemberRemoveCommand.self])

    static func group(named name: String, in store: any CalendarStore) async throws -> GroupRecord {
        guard let group = try await store.group(named: name) else { throw ValidationError("No group named '\(name)'.") }
        return group
    }

    static func user(named name: String, in store: any CalendarStore) async throws -> User {
        guard let user = try await store.user(named: name) else { throw ValidationError("No user named '\(name)'.") }
        return user
    }
}

struct GroupAddCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "add", abstract: "Create a group (its name shares the namespace of user names).")

    @Argument(help: "Group name.") var name: String
    @Option(name: .customLong("display-name"), help: "Name shown to clients (default: the group name).")
    var displayName: String?
    @Option(help: "The group's calendar user address, without mailto:.") var email: String?
    @OptionGroup var data: DataOptions

    func run() async throws {
        try await StoreSession.withStore(data) { store in
            do {
                let group = try await store.createGroup(NewGroup(name: name, displayName: displayName, email: email))
                print("Created group '\(group.name)' (id \(group.id)).")
            } catch StoreError.alreadyExists {
                throw ValidationError("A user or group named '\(name)' already exists.")
            }
        }
    }
}

struct GroupDeleteCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "delete", abstract: "Delete a group and every share with it (its members stay).")

    @Argument(help: "Group name.") var name: String
    @OptionGroup var data: DataOptions

    func run() async throws {
        try await StoreSession.withStore(data) { store in
            try await store.deleteGroup(id: try await GroupCommand.group(named: name, in: store).id)
            print("Deleted group '\(name)'.")
        }
    }
}

struct GroupListCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "list", abstract: "List groups and their members.")

    @OptionGroup var data: DataOptions

    func run() async throws {
        try await StoreSession.withStore(data) { store in
            let groups = try await store.groups()
            guard !groups.isEmpty else { return print("No groups.") }
            var rows = [["ID", "NAME", "DISPLAY NAME", "MEMBERS"]]
            for group in groups {
                let members = try await store.members(groupID: group.id).map(\.name).joined(separator: ", ")
                rows.append([String(group.id), group.name, group.displayName, members])
            }
            print(Table.render(rows))
        }
    }
}

/// The group and user `add-member` and `remove-member` name.
struct GroupMemberArguments: ParsableArguments {
    @Argument(help: "Group name.") var group: String
    @Argument(help: "User name.") var user: String
    @OptionGroup var data: DataOptions

    /// Runs `change` with the store, the group's id and the user's id.
    func change(_ change: (any CalendarStore, Int64, Int64) async throws -> Void) async throws {
        try await StoreSession.withStore(data) { store in
            let record = try await GroupCommand.group(named: group, in: store)
            try await change(store, record.id, try await GroupCommand.user(named: user, in: store).id)
        }
    }
}

struct GroupMemberAddCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "add-member", abstract: "Add a user to a group.")

    @OptionGroup var member: GroupMemberArguments

    func run() async throws {
        try await member.change { store, groupID, userID in try await store.addMember(groupID: groupID, userID: userID) }
        print("Added '\(member.user)' to '\(member.group)'.")
    }
}

struct GroupMemberRemoveCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "remove-member", abstract: "Remove a user from a group.")

    @OptionGroup var member: GroupMemberArguments

    func run() async throws {
        try await member.change { store, groupID, userID in
            try await store.removeMember(groupID: groupID, userID: userID)
        }
        print("Removed '\(member.user)' from '\(member.group)'.")
    }
}
