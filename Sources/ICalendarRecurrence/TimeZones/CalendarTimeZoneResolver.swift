import ICalendar
import Synchronization

/// Resolves the TZIDs of one VCALENDAR: the system tz database for IANA zones (and the names that map to them), the
/// calendar's own VTIMEZONEs for everything else, and the zone floating times are read in.
///
/// Spec: RFC 5545 §3.2.19 and §3.6.5 (a TZID parameter names a VTIMEZONE in the same object), RFC 7809 (a server may
/// use its own definitions for the TZIDs it knows), RFC 4791 §7.3 (floating times are read in a zone the server
/// chooses). X-WR-TIMEZONE is the calendar-wide zone Google and Apple write; no RFC defines it.
///
/// Order, for a TZID:
/// 1. An IANA zone, when the TZID is one or maps to one the way `TimeZoneDatabase.zone(for:)` maps it (any letter
///    case, Windows IDs and Outlook display names, Mozilla/libical prefixes, UTC spellings). A VTIMEZONE with the
///    same TZID is then not read at all: the system database is maintained and has the zone's whole history, while
///    the copy in a calendar is whatever the client had, often only the current rule or a stale one (RFC 7809 lets
///    servers prefer their own). A TZID that maps to an IANA zone under another name is reported
///    (`.windowsTimeZoneName`, `.timeZoneAlias`).
/// 2. The calendar's VTIMEZONE with that TZID (exact, else ignoring case), interpreted as `VTimeZoneRules`
///    (`.embeddedTimeZone`; `.invalidTimeZone` when it cannot be read, and resolution goes on).
/// 3. A fixed offset written in the TZID (`UTC+05:30`, `GMT-3`): `.timeZoneAlias`.
/// 4. Otherwise nil (`.unknownTimeZone`); `DateTime.instant(resolver:floating:)` then reads the time as floating.
///
/// One resolver serves one calendar (one request): it interprets each VTIMEZONE the first time its TZID is asked for
/// and keeps the result and the warnings behind a lock, so it can be shared between threads.
public final class CalendarTimeZoneResolver: TimeZoneResolving, Sendable {
    /// The zone for floating DATE-TIMEs and DATEs: X-WR-TIMEZONE's when it resolves, else the caller's.
    public let defaultZone: any TimeZoneRules
    public let database: TimeZoneDatabase

    private let lookup: Lookup

    private struct State {
        var resolved: [String: TimeZoneResolution?] = [:]
        var warnings: [ICalendarWarning] = []
    }

    private let state: Mutex<State>

    /// A client can reference any number of TZIDs; beyond this many, results are computed but not kept.
    static let maxCachedTZIDs = 4096

    /// - Parameters:
    ///   - calendar: the VCALENDAR whose VTIMEZONEs and X-WR-TIMEZONE to use.
    ///   - defaultZone: the zone for floating times when the calendar names none (UTC unless the caller knows
    ///     better, such as the CALDAV:calendar-timezone of the collection).
    ///   - horizonYear, limits: passed to `VTimeZoneRules` for every embedded VTIMEZONE.
    public init(calendar: Component, database: TimeZoneDatabase, defaultZone: any TimeZoneRules = FixedOffsetZone.utc,
                horizonYear: Int = VTimeZoneRules.defaultHorizonYear, limits: ExpansionLimits = VTimeZoneRules.defaultLimits) {
        self.database = database
        var warnings: [ICalendarWarning] = []
        var definitions: [String: Component] = [:]
        var lowercased: [String: String] = [:]
        for vtimezone in calendar.components(.vtimezone) {
            guard let tzid = vtimezone.property(.tzid)?.text, !tzid.isEmpty else {
                warnings.append(ICalendarWarning(.invalidTimeZone, property: "TZID",
                                                 message: "a VTIMEZONE without TZID can never be referenced; it is ignored"))
                continue
            }
            if definitions[tzid] != nil {
                warnings.append(ICalendarWarning(.duplicateTimeZone, property: "TZID",
                                                 message: "TZID '\(tzid)' is defined by more than one VTIMEZONE; the first is used"))
                continue
            }
            definitions[tzid] = vtimezone
            if lowercased[tzid.lowercased()] == nil { lowercased[tzid.lowercased()] = tzid }
        }
        lookup = Lookup(database: database, definitions: definitions, lowercasedDefinitions: lowercased,
                        horizonYear: horizonYear, limits: limits)

        var resolved: [String: TimeZoneResolution?] = [:]
        var zone = defaultZone
        if let name = calendar.property(.xWRTimezone)?.text, !name.isEmpty {
            let (resolution, found) = lookup.resolve(name)
            resolved[name] = .some(resolution)
            warnings += found
            if let resolution {
                zone = resolution.rules
                warnings.append(ICalendarWarning(.calendarTimeZoneFromXWR, property: "X-WR-TIMEZONE",
                                                 message: "floating times are read in \(resolution.rules.identifier), as X-WR-TIMEZONE says"))
            } else {
                warnings.append(ICalendarWarning(.unknownTimeZone, property: "X-WR-TIMEZONE",
                                                 message: "X-WR-TIMEZONE '\(name)' is no known zone; floating times are read in \(defaultZone.identifier)"))
            }
        }
        self.defaultZone = zone
        state = Mutex(State(resolved: resolved, warnings: warnings))
    }

    // MARK: TimeZoneResolving

    public func rules(for tzid: String) -> (any TimeZoneRules)? {
        resolution(for: tzid)?.rules
    }

    /// The rules for a TZID and where they came from.
    public func resolution(for tzid: String) -> TimeZoneResolution? {
        if let cached = state.withLock({ $0.resolved[tzid] }) { return cached }
        // Interpreting a VTIMEZONE can take a while; it runs outside the lock, and the first result stored wins.
        let (resolution, warnings) = lookup.resolve(tzid)
        return state.withLock { state in
            if let cached = state.resolved[tzid] { return cached }
            guard state.resolved.count < Self.maxCachedTZIDs else { return resolution }
            state.resolved[tzid] = .some(resolution)
            state.warnings += warnings
            return resolution
        }
    }

    // MARK: Reporting

    /// What resolution did so far: duplicate or unusable VTIMEZONEs and X-WR-TIMEZONE (from init), then one set of
    /// warnings per TZID in the order they were first asked for.
    public var warnings: [ICalendarWarning] {
        state.withLock { $0.warnings }
    }

    /// Resolves every TZID parameter in a component and its sub-components, so `warnings` covers all of them (for
    /// checking a calendar when it is stored, rather than when its times are first needed).
    public func resolveReferencedTimeZones(in component: Component) {
        var pending = [component]
        while let next = pending.popLast() {
            for property in next.properties {
                if let tzid = property.tzid { _ = resolution(for: tzid) }
            }
            pending += next.components
        }
    }

    /// A `TimeContext` that resolves through this calendar and reads floating times in `defaultZone`.
    public var timeContext: TimeContext {
        TimeContext(resolver: self, floating: defaultZone)
    }
}

extension CalendarTimeZoneResolver {
    /// The uncached resolution steps; immutable, so safe to run outside the lock.
    struct Lookup: Sendable {
        let database: TimeZoneDatabase
        let definitions: [String: Component]
        let lowercasedDefinitions: [String: String]
        let horizonYear: Int
        let limits: ExpansionLimits

        func resolve(_ tzid: String) -> (TimeZoneResolution?, [ICalendarWarning]) {
            if let zone = database.zone(for: tzid) {
                var warnings: [ICalendarWarning] = []
                if zone.identifier != tzid {
                    let isWindows = WindowsTimeZoneNames.ianaIdentifier(forWindowsID: tzid) != nil
                        || WindowsTimeZoneNames.ianaIdentifier(forDisplayName: tzid) != nil
                    let shadowed = definition(for: tzid) != nil ? "; the calendar's VTIMEZONE for it is not used" : ""
                    warnings.append(ICalendarWarning(
                        isWindows ? .windowsTimeZoneName : .timeZoneAlias, property: "TZID",
                        message: "TZID '\(tzid)' is read as the IANA zone \(zone.identifier)\(shadowed)"))
                }
                return (TimeZoneResolution(source: .database(identifier: zone.identifier), rules: zone), warnings)
            }
            var warnings: [ICalendarWarning] = []
            if let component = definition(for: tzid) {
                do {
                    let rules = try VTimeZoneRules(component, horizonYear: horizonYear, limits: limits)
                    warnings.append(ICalendarWarning(.embeddedTimeZone, property: "TZID",
                                                     message: "TZID '\(tzid)' is no IANA zone; it is read from the calendar's VTIMEZONE"))
                    return (TimeZoneResolution(source: .embedded, rules: rules), warnings)
                } catch {
                    warnings.append(ICalendarWarning(.invalidTimeZone, property: error.property ?? "TZID",
                                                     message: "the VTIMEZONE for TZID '\(tzid)' cannot be used: \(error.message)"))
                }
            }
            if let offset = TimeZoneIdentifier.fixedOffset(in: tzid) {
                warnings.append(ICalendarWarning(.timeZoneAlias, property: "TZID",
                                                 message: "TZID '\(tzid)' is read as the fixed offset \(offset.icalValue)"))
                return (TimeZoneResolution(source: .fixedOffset, rules: FixedOffsetZone(identifier: tzid, offset: offset)), warnings)
            }
            if warnings.isEmpty {
                warnings.append(ICalendarWarning(.unknownTimeZone, property: "TZID",
                                                 message: "TZID '\(tzid)' matches no IANA zone and no VTIMEZONE in the calendar"))
            }
            return (nil, warnings)
        }

        /// The VTIMEZONE a TZID names: the same text, else the same text in another letter case.
        func definition(for tzid: String) -> Component? {
            if let component = definitions[tzid] { return component }
            return lowercasedDefinitions[tzid.lowercased()].flatMap { definitions[$0] }
        }
    }
}
