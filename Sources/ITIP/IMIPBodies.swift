/// The human-readable parts of an iMIP message: plain text and HTML of the same summary.
/// Spec: RFC 6047 §2.4 (the text/calendar part is sent with alternatives a person can read).
enum IMIPBodies {
    /// The plain-text part: the action sentence, a label per line, the description, and a note on the attachment.
    static func plain(_ summary: IMIPSummary) -> String {
        var text = summary.subject + "\n\n" + summary.sentence + "\n\n"
        for field in summary.fields {
            let label = (field.label + ":").padding(to: 11)
            for (index, value) in field.values.enumerated() {
                text += (index == 0 ? label : "".padding(to: 11)) + value + "\n"
            }
        }
        if let description = summary.description, !description.isEmpty {
            text += "\n" + description + "\n"
        }
        text += "\n" + footer(summary) + "\n"
        return text
    }

    /// The HTML part: the same content as `plain`, every value escaped.
    static func html(_ summary: IMIPSummary) -> String {
        var html = "<!DOCTYPE html>\n<html>\n<head>\n<meta charset=\"utf-8\">\n<title>" + escape(summary.subject)
            + "</title>\n</head>\n<body style=\"font-family: sans-serif\">\n"
        html += "<h2>" + escape(summary.subject) + "</h2>\n<p>" + escape(summary.sentence) + "</p>\n<table>\n"
        for field in summary.fields {
            html += "<tr><th style=\"text-align: left; vertical-align: top; padding-right: 1em\">" + escape(field.label)
                + "</th><td>" + field.values.map(escape).joined(separator: "<br>\n") + "</td></tr>\n"
        }
        html += "</table>\n"
        if let description = summary.description, !description.isEmpty {
            html += "<p>" + escape(description).replacingCRLF().split(separator: "\n", omittingEmptySubsequences: false)
                .joined(separator: "<br>\n") + "</p>\n"
        }
        html += "<p style=\"color: #666\">" + escape(footer(summary)) + "</p>\n</body>\n</html>\n"
        return html
    }

    /// `&`, `<`, `>`, `"` and `'` as entities, so calendar text cannot add markup.
    static func escape(_ text: String) -> String {
        var escaped = ""
        escaped.reserveCapacity(text.utf8.count)
        for character in text {
            switch character {
            case "&": escaped += "&amp;"
            case "<": escaped += "&lt;"
            case ">": escaped += "&gt;"
            case "\"": escaped += "&quot;"
            case "'": escaped += "&#39;"
            default: escaped.append(character)
            }
        }
        return escaped
    }

    private static func footer(_ summary: IMIPSummary) -> String {
        let what = summary.method.isFromAttendee ? "a calendar reply" : "a calendar invitation"
        return "This message contains " + what + " (iCalendar method " + summary.method.rawValue
            + "). A calendar program can apply it to your calendar."
    }
}

extension String {
    fileprivate func padding(to width: Int) -> String {
        count >= width ? self + " " : self + String(repeating: " ", count: width - count)
    }
}
