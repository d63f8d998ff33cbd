import AlmanacServer
import ArgumentParser
import CalDAV
import CalendarStore
import Foundation

/// `almanac import FILE.ics --user U --calendar C`: loads an exported calendar into a user's calendar.
struct ImportCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import", abstract: "Import an .ics file into a user's calendar.",
        discussion: """
            The file is split into one calendar object per UID (with the time zones it uses); each is validated like \
            a CalDAV PUT. What real exports get wrong with one obvious meaning is repaired and reported (an empty \
            RRULE, an all-day event ending when it starts, two versions of one event: the newer is kept, METHOD). \
            Objects are written 500 to a store call, each call committed at once. An object whose UID is already in \
            the calendar is replaced, so importing twice is harmless. The calendar is created when it does not \
            exist. The exit status is 1 when any object was skipped.
            """)

    @Argument(help: "The .ics file ('-' for standard input).") var file: String
    @Option(help: "Login name of the calendar's owner.") var user: String
    @Option(help: "Calendar URL segment, e.g. 'calendar' for /calendars/<user>/calendar/.") var calendar: String
    @OptionGroup var data: DataOptions

    func run() async throws {
        let bytes = try readInput()
        let configuration = try data.serverConfiguration()
        try await StoreSession.withStore(data) { store in
            guard let owner = try await store.user(named: user) else {
                throw ValidationError("No user named '\(user)'.")
            }
            let transfer = CalendarTransfer(service: CalDAVService(store: store,
                                                                   configuration: configuration.calDAVConfiguration))
            let target = try await transfer.calendar(user: owner, slug: calendar)
            let interactive = isatty(STDOUT_FILENO) != 0
            var printed = 0
            let started = ContinuousClock.now
            let report = try await transfer.importCalendar(bytes, into: target) { done, total in
                // One line updated in place on a terminal (after every batch); every 1,000 objects otherwise.
                if interactive {
                    let line = "\rprocessed \(done)/\(total) objects" + (done == total ? "\n" : "")
                    FileHandle.standardOutput.write(Data(line.utf8))
                } else if done / 1_000 > printed / 1_000 || done == total {
                    print("processed \(done)/\(total) objects")
                }
                printed = done
            }
            let seconds = (ContinuousClock.now - started) / .seconds(1)
            for repair in report.repairs { print("repaired \(repair)") }
            for skipped in report.skipped { print("skipped \(skipped.uid): \(skipped.reason)") }
            print("\(report.imported) of \(report.total) objects imported (\(report.created) created, "
                  + "\(report.replaced) replaced), \(report.skipped.count) skipped, \(report.repairs.count) repairs "
                  + "into /calendars/\(owner.name)/\(target.slug)/ in \(String(format: "%.1f", seconds)) s")
            if !report.skipped.isEmpty { throw ExitCode.failure }
        }
    }

    private func readInput() throws -> [UInt8] {
        if file == "-" { return Array(FileHandle.standardInput.readDataToEndOfFile()) }
        guard let contents = FileManager.default.contents(atPath: file) else {
            throw ValidationError("Cannot read \(file).")
        }
        return Array(contents)
    }
}

/// `almanac export --user U --calendar C [--output FILE]`: writes a calendar as one .ics file.
struct ExportCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export", abstract: "Export a user's calendar as one .ics file.")

    @Option(help: "Login name of the calendar's owner.") var user: String
    @Option(help: "Calendar URL segment, e.g. 'calendar'.") var calendar: String
    @Option(name: .shortAndLong, help: "Output file (default: standard output).") var output: String?
    @OptionGroup var data: DataOptions

    func run() async throws {
        let configuration = try data.serverConfiguration()
        try await StoreSession.withStore(data) { store in
            guard let owner = try await store.user(named: user) else { throw ValidationError("No user named '\(user)'.") }
            guard let record = try await store.calendar(ownerID: owner.id, slug: calendar) else {
                throw ValidationError("User '\(user)' has no calendar '\(calendar)'.")
            }
            let transfer = CalendarTransfer(service: CalDAVService(store: store,
                                                                   configuration: configuration.calDAVConfiguration))
            // Written a page of objects at a time, so a large calendar is never in memory whole.
            let output: FileHandle
            if let path = self.output {
                guard FileManager.default.createFile(atPath: path, contents: nil),
                      let file = FileHandle(forWritingAtPath: path) else {
                    throw ValidationError("Cannot write \(path).")
                }
                output = file
            } else {
                output = FileHandle.standardOutput
            }
            defer { if self.output != nil { try? output.close() } }
            for try await chunk in try await transfer.exportStream(record) { try output.write(contentsOf: chunk) }
        }
    }
}
