@testable import AlmanacServer
import Testing

@Suite struct BasicCredentialsTests {
    /// Spec: RFC 7617 §2 example: "Aladdin" / "open sesame".
    @Test func parsesTheRFCExample() throws {
        let credentials = try #require(BasicCredentials(authorization: "Basic QWxhZGRpbjpvcGVuIHNlc2FtZQ=="))
        #expect(credentials == BasicCredentials(userName: "Aladdin", password: "open sesame"))
        #expect(credentials.authorizationHeader == "Basic QWxhZGRpbjpvcGVuIHNlc2FtZQ==")
    }

    /// Spec: RFC 7617 §2.1 example: user "test", password "123£" in UTF-8.
    @Test func decodesUTF8() throws {
        let credentials = try #require(BasicCredentials(authorization: "Basic dGVzdDoxMjPCow=="))
        #expect(credentials.userName == "test")
        #expect(credentials.password == "123£")
    }

    @Test func schemeIsCaseInsensitiveAndPasswordMayContainColons() throws {
        let header = BasicCredentials(userName: "bob", password: "a:b:c").authorizationHeader
        let credentials = try #require(BasicCredentials(authorization: header.replacingOccurrences(of: "Basic", with: "bAsIc")))
        #expect(credentials.password == "a:b:c")
    }

    @Test(arguments: ["Bearer abc", "Basic", "Basic !!!", "Basic Ym9i" /* "bob", no colon */,
                      "Basic OnNlY3JldA==" /* ":secret", empty user */, "Basic //79" /* invalid UTF-8 */])
    func rejectsMalformedHeaders(_ header: String) {
        #expect(BasicCredentials(authorization: header) == nil)
    }
}
