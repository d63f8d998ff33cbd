import Foundation
import ICalendar

/// A calendar system a rule can be counted in: the value of an RRULE's RSCALE, and the Foundation calendar that
/// does the date arithmetic for it.
///
/// Spec: RFC 7529 §3.1 (RSCALE values are the CLDR calendar names, compared case-insensitively) and §5.2 (the
/// server advertises the ones it supports). Japanese, Buddhist, ROC and ISO 8601 years are Gregorian years under
/// another label: their months and days are the Gregorian ones, so their rules are counted as Gregorian (a Japanese
/// era that begins mid-year does not start a new rule year here).
public struct RecurrenceCalendarScale: Hashable, Sendable, CustomStringConvertible {
    /// The CLDR name in upper case, as advertised in CALDAV:supported-rscale-set.
    public let name: String
    /// The calendar whose years, months and days the rule counts.
    let identifier: Calendar.Identifier
    /// Years numbered in 60-year cycles within eras (Chinese, Dangi): a year's linear index is `era × 60 + year`.
    let isCyclic: Bool

    private init(_ name: String, _ identifier: Calendar.Identifier, cyclic: Bool = false) {
        self.name = name
        self.identifier = identifier
        isCyclic = cyclic
    }

    public var description: String { name }

    /// Whether the scale counts months and days exactly as RFC 5545's Gregorian calendar does.
    public var isGregorian: Bool { identifier == .gregorian }

    public static let gregorian = RecurrenceCalendarScale("GREGORIAN", .gregorian)

    /// Every scale Almanac can iterate, in the order they are advertised.
    public static let supported: [RecurrenceCalendarScale] = [
        .gregorian,
        RecurrenceCalendarScale("BUDDHIST", .gregorian),
        RecurrenceCalendarScale("CHINESE", .chinese, cyclic: true),
        RecurrenceCalendarScale("COPTIC", .coptic),
        RecurrenceCalendarScale("DANGI", .dangi, cyclic: true),
        RecurrenceCalendarScale("ETHIOAA", .ethiopicAmeteAlem),
        RecurrenceCalendarScale("ETHIOPIC", .ethiopicAmeteMihret),
        RecurrenceCalendarScale("HEBREW", .hebrew),
        RecurrenceCalendarScale("INDIAN", .indian),
        RecurrenceCalendarScale("ISLAMIC", .islamic),
        RecurrenceCalendarScale("ISLAMIC-CIVIL", .islamicCivil),
        RecurrenceCalendarScale("ISLAMIC-TBLA", .islamicTabular),
        RecurrenceCalendarScale("ISLAMIC-UMALQURA", .islamicUmmAlQura),
        RecurrenceCalendarScale("ISO8601", .gregorian),
        RecurrenceCalendarScale("JAPANESE", .gregorian),
        RecurrenceCalendarScale("PERSIAN", .persian),
        RecurrenceCalendarScale("ROC", .gregorian),
    ]

    /// CLDR's older spellings, accepted on input and never advertised.
    private static let aliases: [String: String] = ["ETHIOPIC-AMETE-ALEM": "ETHIOAA", "GREGORY": "GREGORIAN"]

    /// The scale an RSCALE value names (any letter case).
    public init(rscale: String) throws(UnsupportedCalendarScale) {
        let upper = rscale.uppercased()
        let name = Self.aliases[upper] ?? upper
        guard let scale = Self.supported.first(where: { $0.name == name }) else { throw UnsupportedCalendarScale(name: rscale) }
        self = scale
    }

    /// The scale of a rule: nil when it has no RSCALE (RFC 5545's Gregorian rules).
    public static func of(_ rule: RecurrenceRule) throws(UnsupportedCalendarScale) -> RecurrenceCalendarScale? {
        guard let rscale = rule.rscale else { return nil }
        return try RecurrenceCalendarScale(rscale: rscale)
    }
}
