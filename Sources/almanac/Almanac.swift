import ArgumentParser

/// The `almanac` command: a CalDAV server and its administration.
@main
struct Almanac: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "almanac",
        abstract: "A CalDAV server.",
        subcommands: [ServeCommand.self, UserCommand.self, ShareCommand.self, GroupCommand.self, ImportCommand.self,
                      ExportCommand.self, MigrateCommand.self, OAuthClientCommand.self],
        defaultSubcommand: nil)
}
