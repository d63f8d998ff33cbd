import Testing
@testable import DAVXML

/// The UTF-8 check XML output relies on agrees with the standard library's, on the RFC 3629 edge cases and on
/// random bytes.
/// Spec: RFC 3629 §4 (the syntax of UTF-8 byte sequences), §10 (overlong forms and surrogates are invalid).
@Suite struct UTF8ValidationTests {
    static func valid(_ bytes: [UInt8]) -> Bool {
        bytes.withUnsafeBufferPointer(UTF8Validation.isValid)
    }

    @Test(arguments: [
        ([UInt8](), true), (Array("plain ASCII, longer than eight bytes".utf8), true),
        (Array("Grüße, 東京, 🎉 and more ASCII after".utf8), true),
        ([0xC0, 0x80], false), ([0xC1, 0xBF], false), ([0xE0, 0x80, 0x80], false), ([0xE0, 0x9F, 0xBF], false),
        ([0xED, 0xA0, 0x80], false), ([0xED, 0x9F, 0xBF], true), ([0xF0, 0x8F, 0xBF, 0xBF], false),
        ([0xF4, 0x8F, 0xBF, 0xBF], true), ([0xF4, 0x90, 0x80, 0x80], false), ([0xF5, 0x80, 0x80, 0x80], false),
        ([0x80], false), ([0xC3], false), ([0xE2, 0x82], false), ([0x41, 0xFF, 0xFE, 0x42], false),
        (Array("12345678".utf8) + [0xC3, 0xA9] + Array("12345678".utf8), true),
    ])
    func edgeCases(_ bytes: [UInt8], _ expected: Bool) {
        #expect(Self.valid(bytes) == expected, "\(bytes)")
        #expect((String(validating: bytes, as: UTF8.self) != nil) == expected, "the standard library disagrees")
    }

    @Test func agreesWithTheStandardLibraryOnRandomBytes() {
        var generator = SystemRandomNumberGenerator()
        let alphabet: [UInt8] = [0x41, 0x7F, 0x80, 0xBF, 0xC2, 0xDF, 0xE0, 0xED, 0xEF, 0xF0, 0xF4, 0xF5, 0xA0, 0x9F, 0x8F]
        for _ in 0..<2_000 {
            let bytes = (0..<Int.random(in: 0...24, using: &generator)).map { _ in alphabet.randomElement(using: &generator)! }
            #expect(Self.valid(bytes) == (String(validating: bytes, as: UTF8.self) != nil), "\(bytes)")
        }
    }
}
