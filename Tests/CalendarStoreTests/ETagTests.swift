import Testing
@testable import CalendarStore

struct ETagTests {
    /// FIPS 180-4 example vectors, truncated to the 128 bits the ETag keeps.
    @Test func sha256Vectors() {
        #expect(ETag(of: Array("abc".utf8)).value == "ba7816bf8f01cfea414140de5dae2223")
        #expect(ETag(of: [UInt8]()).value == "e3b0c44298fc1c149afbf4c8996fb924")
        let long = Array("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq".utf8)
        #expect(ETag(of: long).value == "248d6a61d20638b8e5c026930c3e6039")
    }

    @Test func tagChangesWithBytes() {
        #expect(ETag(of: Array("a".utf8)) != ETag(of: Array("b".utf8)))
        #expect(ETag(of: Array("a".utf8)).quoted.hasPrefix("\""))
    }
}
