import Foundation

/// Locates files under the repository's `Fixtures/` folder from the test source path.
enum FixtureLoader {
    static let root: URL = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Fixtures")

    static func bytes(_ path: String) throws -> [UInt8] {
        [UInt8](try Data(contentsOf: root.appendingPathComponent(path)))
    }

    static func text(_ path: String) throws -> String {
        String(decoding: try bytes(path), as: UTF8.self)
    }

    /// File names (relative to Fixtures/) in a folder with an extension, sorted.
    static func files(in folder: String, ext: String) -> [String] {
        let dir = root.appendingPathComponent(folder)
        let names = (try? FileManager.default.contentsOfDirectory(atPath: dir.path)) ?? []
        return names.filter { $0.hasSuffix("." + ext) }.sorted().map { folder + "/" + $0 }
    }
}

/// Builds CRLF iCalendar text from lines, so tests read like the RFC.
func ics(_ lines: String...) -> String {
    lines.joined(separator: "\r\n") + "\r\n"
}

func calendar(_ body: String...) -> String {
    (["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//Almanac//Tests//EN"] + body + ["END:VCALENDAR"]).joined(separator: "\r\n") + "\r\n"
}
