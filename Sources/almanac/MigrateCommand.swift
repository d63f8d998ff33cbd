import ArgumentParser
import CalendarStore
import Foundation
import Logging
import PostgresStore
import SQLiteStore

/// `almanac migrate --from PATH --to URL`: copies a SQLite database into an empty PostgreSQL database and checks the
/// copy.
struct MigrateCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "migrate", abstract: "Copy a SQLite store into an empty PostgreSQL database and verify it.",
        discussion: """
            Copies users (with their status, scheduled deletion and preferences), app passwords, access tokens, \
            OAuth clients, grants and refresh tokens, groups, calendars, objects with their ETags and index, change \
            logs (so clients' sync tokens stay valid), sharing, notices, delegations and the mail queue, keeping \
            every id. One-time codes (e-mail verification links, authorization codes) are not copied: they expire \
            within minutes and are simply asked for again. \
            Then reads both stores back and compares counts and checksums table by table; exits 1 on any \
            difference. Stop the server first: writes made during the copy are not carried over. Afterwards set \
            'store = <the URL>' in almanac.conf.
            """)

    @Option(help: ArgumentHelp("The SQLite database (default: almanac.sqlite in the data directory).",
                               valueName: "path"))
    var from: String?

    @Option(help: ArgumentHelp("The PostgreSQL database, postgres://user@host[:port]/database[?sslmode=...].",
                               valueName: "url"))
    var to: String

    @Option(name: .customLong("to-password-file"), help: ArgumentHelp(
        "File holding the PostgreSQL password.", valueName: "file"))
    var passwordFile: String?

    @OptionGroup var data: DataOptions

    func run() async throws {
        let path = from ?? data.databasePath
        guard FileManager.default.fileExists(atPath: path) else {
            throw ValidationError("No SQLite database at \(path).")
        }
        let source = try SQLiteStore(path: path)
        defer { source.close() }
        let configuration: PostgresStoreConfiguration
        do {
            configuration = try PostgresStoreConfiguration(url: to, passwordFile: passwordFile)
        } catch {
            throw ValidationError("--to: \(error)")
        }
        let target = try await PostgresStore(configuration: configuration)
        let report: [StoreMigration.TableReport]
        do {
            print("Copying \(path) to \(configuration.redacted)")
            report = try await StoreMigration.copy(from: source, to: target) { print("  copied \($0)") }
        } catch {
            await target.close()
            throw error
        }
        await target.close()
        var rows = [["table", "sqlite", "postgres", "checksum", ""]]
        for table in report {
            rows.append([table.table, String(table.sourceCount), String(table.targetCount),
                         String(table.targetDigest.prefix(12)), table.matches ? "ok" : "DIFFERS"])
        }
        print(Table.render(rows))
        let differing = report.filter { !$0.matches }.map(\.table)
        guard differing.isEmpty else {
            print("The copy differs from the source in: \(differing.joined(separator: ", ")).")
            throw ExitCode(1)
        }
        print("Verified: every table matches. To serve from PostgreSQL, set store to the --to URL in almanac.conf "
                  + "(and store_password_file if it has a password file).")
    }
}
