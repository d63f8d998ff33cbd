/// The service extensions a relay announced in its EHLO reply (`STARTTLS`, `AUTH PLAIN LOGIN`, `8BITMIME`, ...).
/// Spec: RFC 5321 §4.1.1.1 (EHLO response), RFC 4954 §3 (AUTH keyword; some relays still write `AUTH=`).
struct SMTPExtensions: Sendable, Hashable {
    /// Keyword (upper-cased) to its parameters.
    private var keywords: [String: [String]] = [:]

    /// The extensions of an EHLO reply; none for a HELO session (`nil`).
    init(ehloReply: SMTPReply?) {
        // The first line is the greeting; each further line names one extension.
        for line in ehloReply?.lines.dropFirst() ?? [] {
            let words = line.split(whereSeparator: { $0 == " " || $0 == "=" }).map(String.init)
            guard let keyword = words.first?.uppercased() else { continue }
            keywords[keyword, default: []] += words.dropFirst().map { $0.uppercased() }
        }
    }

    func has(_ keyword: String) -> Bool { keywords[keyword] != nil }

    var authMechanisms: Set<String> { Set(keywords["AUTH"] ?? []) }
}
