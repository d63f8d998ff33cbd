import Foundation

/// A fresh directory for one test's database file, removed when the test is done with it.
struct TemporaryDatabase {
    let directory: URL
    var path: String { directory.appendingPathComponent("almanac.sqlite").path }

    init() throws {
        directory = FileManager.default.temporaryDirectory
            .appendingPathComponent("almanac-store-\(UUID().uuidString)", isDirectory: true)
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    }

    func remove() {
        try? FileManager.default.removeItem(at: directory)
    }
}
