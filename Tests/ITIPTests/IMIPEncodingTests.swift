import Foundation
import Testing
@testable import ITIP

@Suite struct IMIPEncodingTests {
    @Test func base64MatchesRFC4648TestVectors() {
        // RFC 4648 §10.
        let vectors = ["": "", "f": "Zg==", "fo": "Zm8=", "foo": "Zm9v", "foob": "Zm9vYg==", "fooba": "Zm9vYmE=",
                       "foobar": "Zm9vYmFy"]
        for (input, output) in vectors { #expect(IMIPEncoding.base64(Array(input.utf8)) == output) }
    }

    @Test func quotedPrintableEncodesWhatRFC2045Requires() {
        let encoded = IMIPEncoding.quotedPrintable("a=b \u{e9}\ntrailing space \nend")
        #expect(encoded == "a=3Db =C3=A9\r\ntrailing space=20\r\nend\r\n")
    }

    @Test func quotedPrintableSoftBreaksKeepLinesWithin76() {
        let encoded = IMIPEncoding.quotedPrintable(String(repeating: "é", count: 100))
        let lines = encoded.components(separatedBy: "\r\n").dropLast()
        #expect(lines.count > 1)
        #expect(lines.allSatisfy { $0.utf8.count <= 76 })
        // Never split inside an =XX escape.
        #expect(lines.dropLast().allSatisfy { $0.hasSuffix("=") && !$0.dropLast().hasSuffix("=") })
        #expect(MIMEEntity.decodeQuotedPrintable(encoded) == Array(String(repeating: "é", count: 100).utf8) + [13, 10])
    }

    @Test func encodedWordsStayWithin75CharactersAndKeepCharactersWhole() {
        let text = String(repeating: "日本語", count: 20)
        let words = IMIPEncoding.encodedWords(text).split(separator: " ")
        #expect(words.count > 1)
        #expect(words.allSatisfy { $0.utf8.count <= 75 })
        for word in words {
            let payload = word.dropFirst("=?UTF-8?B?".count).dropLast(2)
            let bytes = Data(base64Encoded: String(payload)).map(Array.init) ?? []
            #expect(String(validating: bytes, as: UTF8.self) != nil, "each word decodes to whole characters")
        }
        #expect(MIMEEntity.decodeEncodedWords(IMIPEncoding.encodedWords(text)) == text)
    }

    @Test func displayNamesAreQuotedOrEncoded() {
        #expect(MailAddress(email: "a@example.com").headerValue == "a@example.com")
        #expect(MailAddress(email: "a@example.com", name: "Smith, \"Al\"").headerValue
            == "\"Smith, \\\"Al\\\"\" <a@example.com>")
        #expect(MailAddress(email: "a@example.com", name: "Ann\r\nBcc: x@y").headerValue == "\"Ann  Bcc: x@y\" <a@example.com>")
        #expect(MailAddress(CalendarUserAddress("MAILTO:Bob@Example.org"), name: "Bob")
            == MailAddress(email: "bob@example.org", name: "Bob"))
        #expect(MailAddress(CalendarUserAddress("urn:uuid:1234")) == nil)
    }
}
