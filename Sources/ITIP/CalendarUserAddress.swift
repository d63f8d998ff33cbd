/// A calendar user address (the value of ORGANIZER and ATTENDEE), compared the way RFC 5545 §3.3.3 and RFC 6638
/// §2.4.1 need: a `mailto:` scheme and the address are case-insensitive, so `MAILTO:Bob@Example.com` and
/// `mailto:bob@example.com` are the same user. Other URIs compare exactly, apart from the scheme.
public struct CalendarUserAddress: Sendable, Hashable, CustomStringConvertible {
    /// The normalized URI: lower-case scheme; for `mailto:` the whole address lower-cased.
    public let value: String

    public init(_ raw: String) {
        let trimmed = raw.trimmingWhitespace
        if let colon = trimmed.firstIndex(of: ":") {
            let scheme = trimmed[..<colon].lowercased()
            let rest = trimmed[trimmed.index(after: colon)...]
            value = scheme == "mailto" ? "mailto:" + rest.lowercased() : scheme + ":" + rest
        } else {
            value = trimmed
        }
    }

    /// An address for an e-mail address without scheme.
    public init(email: String) {
        self.init("mailto:" + email)
    }

    /// The e-mail address of a `mailto:` address, nil for other schemes.
    public var email: String? {
        value.hasPrefix("mailto:") ? String(value.dropFirst("mailto:".count)) : nil
    }

    public var description: String { value }
}

extension String {
    var trimmingWhitespace: String {
        var scalars = Substring(self)
        while let first = scalars.first, first == " " || first == "\t" { scalars = scalars.dropFirst() }
        while let last = scalars.last, last == " " || last == "\t" { scalars = scalars.dropLast() }
        return String(scalars)
    }
}
