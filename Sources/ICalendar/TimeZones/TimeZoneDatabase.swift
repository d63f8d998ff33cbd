import Foundation
import Synchronization

/// The system tz database (`/usr/share/zoneinfo`, or `$TZDIR`): loads TZif files by identifier and keeps what it
/// loaded. One instance is shared by everything that resolves zones; it is safe to use from any thread.
///
/// Spec: RFC 8536 (TZif files named by IANA identifier under one directory). Lookups through `rules(for:)` also
/// accept the TZIDs clients write instead of IANA names (see `TimeZoneIdentifier.candidates(for:)`), and match
/// identifiers case-insensitively.
///
/// The returned `IANATimeZone` values are immutable, so conversions never touch the lock here; only the lookup of a
/// TZID does, and only long enough to read a dictionary.
public final class TimeZoneDatabase: TimeZoneResolving, Sendable {
    /// The directory zone files are read from.
    public let directory: String

    private struct State {
        var zones: [String: IANATimeZone] = [:]
        /// TZID as written → identifier it resolved to (nil: nothing matched).
        var resolved: [String: String?] = [:]
        /// Lowercased identifier → identifier, built on first need.
        var index: [String: String]?
        /// TZID as written → the rules `rules(for:)` answers, boxed once: an `IANATimeZone` is too large for an
        /// existential's inline storage, so returning it as `any TimeZoneRules` allocated a box on every lookup, and
        /// an expansion looks zones up for every instance.
        var rules: [String: (any TimeZoneRules)?] = [:]
    }

    private let state = Mutex(State())

    /// Unresolvable TZIDs are remembered too, but only this many, since clients can invent any number of them.
    static let maxResolvedEntries = 4096
    /// Zone files are a few kilobytes; refusing big ones keeps a misconfigured directory from eating memory.
    static let maxFileSize = 1 << 20

    /// `directory` defaults to `$TZDIR` when set, else `/usr/share/zoneinfo`.
    public init(directory: String? = nil) {
        if let directory {
            self.directory = directory
        } else if let env = ProcessInfo.processInfo.environment["TZDIR"], !env.isEmpty {
            self.directory = env
        } else {
            self.directory = "/usr/share/zoneinfo"
        }
    }

    // MARK: Strict lookup

    /// The zone with exactly this IANA identifier (or one differing only in case).
    public func zone(identifier: String) throws(TimeZoneError) -> IANATimeZone {
        guard TimeZoneIdentifier.isWellFormed(identifier) else {
            throw TimeZoneError(.invalidIdentifier, identifier: identifier,
                                message: "an identifier is a relative name like Europe/Berlin, without '..' or a leading '/'")
        }
        if let zone = state.withLock({ $0.zones[identifier] }) { return zone }
        // Only names shaped like zone names are opened directly; "localtime", "posixrules" or a lowercase
        // spelling go through the index of real zone names instead.
        if Self.looksLikeZoneName(identifier) {
            do {
                return try load(identifier)
            } catch where error.code == .unknownZone {}
        }
        if let actual = try index()[identifier.lowercased()] {
            return try load(actual)
        }
        throw TimeZoneError(.unknownZone, identifier: identifier, message: "no such zone in \(directory)")
    }

    /// Every component starts with a capital letter, as in all IANA names (`Etc/GMT+5`, `EST5EDT`).
    static func looksLikeZoneName(_ identifier: String) -> Bool {
        identifier.split(separator: "/").allSatisfy { ("A"..."Z").contains($0.first ?? " ") }
    }

    /// Whether the database directory can be read at all.
    public func checkAvailable() throws(TimeZoneError) {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: directory, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw TimeZoneError(.databaseUnavailable, identifier: nil,
                                message: "no tz database at \(directory); install the tzdata package or set TZDIR")
        }
    }

    private func load(_ identifier: String) throws(TimeZoneError) -> IANATimeZone {
        let path = directory + "/" + identifier
        guard let handle = FileHandle(forReadingAtPath: path) else {
            try checkAvailable()
            throw TimeZoneError(.unknownZone, identifier: identifier, message: "no such zone in \(directory)")
        }
        defer { try? handle.close() }
        let data: Data
        do {
            data = try handle.read(upToCount: Self.maxFileSize + 1) ?? Data()
        } catch {
            // A directory such as "America" opens but does not read.
            throw TimeZoneError(.unknownZone, identifier: identifier, message: "\(path) is not a zone file")
        }
        guard data.count <= Self.maxFileSize else {
            throw TimeZoneError(.invalidTZif, identifier: identifier, message: "\(path) is larger than a zone file can be")
        }
        let zone = try IANATimeZone(identifier: identifier, tzif: [UInt8](data))
        state.withLock { $0.zones[identifier] = zone }
        return zone
    }

    // MARK: Lenient lookup (TZIDs from the wild)

    /// Rules for a TZID as a client wrote it: an IANA identifier in any case, a Windows or Outlook name, a
    /// Mozilla/libical prefixed name, a UTC spelling, or a fixed `UTC+05:30`. Nil when none of these match or
    /// the database is missing.
    public func rules(for tzid: String) -> (any TimeZoneRules)? {
        if let cached = state.withLock({ $0.rules[tzid] }) { return cached }
        let rules: (any TimeZoneRules)?
        if let zone = zone(for: tzid) {
            rules = zone
        } else if let offset = TimeZoneIdentifier.fixedOffset(in: tzid) {
            rules = FixedOffsetZone(identifier: tzid, offset: offset)
        } else {
            rules = nil
        }
        state.withLock { state in
            if state.rules.count >= Self.maxResolvedEntries { state.rules.removeAll(keepingCapacity: true) }
            state.rules[tzid] = .some(rules)
        }
        return rules
    }

    /// The IANA zone a TZID stands for, resolving aliases as `rules(for:)` does.
    public func zone(for tzid: String) -> IANATimeZone? {
        let cached: (hit: Bool, identifier: String?, zone: IANATimeZone?) = state.withLock { state in
            guard let entry = state.resolved[tzid] else { return (false, nil, nil) }
            return (true, entry, entry.flatMap { state.zones[$0] })
        }
        if cached.hit {
            if let zone = cached.zone { return zone }
            guard let identifier = cached.identifier else { return nil }
            return try? zone(identifier: identifier)
        }
        var found: IANATimeZone?
        for candidate in TimeZoneIdentifier.candidates(for: tzid) where TimeZoneIdentifier.isWellFormed(candidate) {
            if let zone = try? zone(identifier: candidate) {
                found = zone
                break
            }
        }
        let identifier = found?.identifier
        state.withLock { state in
            if state.resolved.count >= Self.maxResolvedEntries { state.resolved.removeAll(keepingCapacity: true) }
            state.resolved[tzid] = .some(identifier)
        }
        return found
    }

    /// The IANA identifier a TZID stands for, if the database has it.
    public func ianaIdentifier(for tzid: String) -> String? {
        zone(for: tzid)?.identifier
    }

    // MARK: Listing

    /// Every zone identifier in the database (including backward-compatible links), sorted. Skips the `posix/` and
    /// `right/` copies and files that are not TZif.
    public func identifiers() throws(TimeZoneError) -> [String] {
        try index().values.sorted()
    }

    /// The tz database release (`2025b`), from `+VERSION` or `tzdata.zi`, when the directory says.
    public var version: String? {
        if let data = FileManager.default.contents(atPath: directory + "/+VERSION"),
            let text = String(data: data, encoding: .utf8)?.trimmingSpaces, !text.isEmpty {
            return String(text)
        }
        guard let handle = FileHandle(forReadingAtPath: directory + "/tzdata.zi") else { return nil }
        defer { try? handle.close() }
        guard let head = try? handle.read(upToCount: 64), let text = String(data: head, encoding: .utf8),
            let line = text.split(separator: "\n").first, line.hasPrefix("# version ")
        else { return nil }
        return String(line.dropFirst("# version ".count))
    }

    private func index() throws(TimeZoneError) -> [String: String] {
        if let index = state.withLock({ $0.index }) { return index }
        try checkAvailable()
        var index: [String: String] = [:]
        let manager = FileManager.default
        guard let walker = manager.enumerator(atPath: directory) else { return [:] }
        while let path = walker.nextObject() as? String {
            if path == "posix" || path == "right" {
                walker.skipDescendants()
                continue
            }
            // Zone names start with a capital letter in every component (this drops posixrules, localtime,
            // zone.tab, leapseconds and the like).
            guard TimeZoneIdentifier.isWellFormed(path), Self.looksLikeZoneName(path),
                Self.hasTZifMagic(directory + "/" + path)
            else { continue }
            index[path.lowercased()] = path
        }
        state.withLock { $0.index = index }
        return index
    }

    private static func hasTZifMagic(_ path: String) -> Bool {
        guard let handle = FileHandle(forReadingAtPath: path) else { return false }
        defer { try? handle.close() }
        guard let head = try? handle.read(upToCount: 4) else { return false }
        return head.elementsEqual("TZif".utf8)
    }
}
