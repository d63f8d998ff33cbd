import HTTPTypes
import Hummingbird

/// A small server-rendered page (the OAuth consent page, e-mail verification): escaped text, one stylesheet, no
/// script, and headers that keep it out of frames and caches, since these pages take passwords and grant access.
struct HTMLPage: Sendable {
    var title: String
    /// Already-escaped markup for the page body; build it with `HTMLPage.escape`.
    var body: String

    /// Text made safe for HTML element content and double-quoted attribute values.
    static func escape(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count)
        for character in text {
            switch character {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            default: out.append(character)
            }
        }
        return out
    }

    /// A hidden form field carrying `value` back unchanged.
    static func hiddenField(_ name: String, _ value: String) -> String {
        "<input type=\"hidden\" name=\"\(escape(name))\" value=\"\(escape(value))\">"
    }

    var html: String {
        """
        <!DOCTYPE html>
        <html lang="en">
        <head>
        <meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <title>\(Self.escape(title)) · Almanac</title>
        <style>
        body { font: 16px/1.5 system-ui, sans-serif; max-width: 28rem; margin: 3rem auto; padding: 0 1rem; color: #1b1b1b; }
        h1 { font-size: 1.4rem; }
        label { display: block; margin: .8rem 0 .2rem; font-weight: 600; }
        input[type=text], input[type=password] { width: 100%; box-sizing: border-box; padding: .5rem; font: inherit;
            border: 1px solid #767676; border-radius: 4px; }
        button { font: inherit; padding: .5rem 1.2rem; margin: 1rem .5rem 0 0; border-radius: 4px; border: 1px solid #1a4f9c;
            background: #1a4f9c; color: #fff; cursor: pointer; }
        button.secondary { background: #fff; color: #1a4f9c; }
        button:focus-visible, input:focus-visible, a:focus-visible { outline: 3px solid #f0a000; outline-offset: 2px; }
        .error { border-left: 4px solid #b00020; padding: .3rem .8rem; background: #fdecee; }
        ul.scopes li { margin: .2rem 0; }
        </style>
        </head>
        <body>
        <main>
        <h1>\(Self.escape(title))</h1>
        \(body)
        </main>
        </body>
        </html>
        """
    }

    func response(status: HTTPResponse.Status = .ok) -> Response {
        let bytes = Array(html.utf8)
        let headers: HTTPFields = [
            .contentType: "text/html; charset=utf-8",
            .cacheControl: "no-store",
            .contentLength: String(bytes.count),
            // No framing (clickjacking a consent button), no scripts or outside resources, forms post back here.
            .contentSecurityPolicy: "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'",
            HTTPField.Name("X-Frame-Options")!: "DENY",
            HTTPField.Name("Referrer-Policy")!: "no-referrer",
        ]
        return Response(status: status, headers: headers, body: ResponseBody(byteBuffer: ByteBuffer(bytes: bytes)))
    }
}
