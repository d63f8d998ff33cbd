import Testing
@testable import ITIP

@Suite struct CalendarUserAddressTests {
    /// RFC 6638 §2.4.1: a mailto: address names the same user whatever its case.
    @Test func mailtoComparesCaseInsensitively() {
        #expect(CalendarUserAddress("MAILTO:Bob@Example.COM") == CalendarUserAddress("mailto:bob@example.com"))
        #expect(CalendarUserAddress(" mailto:bob@example.com") == CalendarUserAddress(email: "BOB@example.com"))
        #expect(CalendarUserAddress("mailto:bob@example.com").email == "bob@example.com")
    }

    @Test func otherSchemesKeepTheirPath() {
        #expect(CalendarUserAddress("HTTP://host/principals/Bob/").value == "http://host/principals/Bob/")
        #expect(CalendarUserAddress("urn:uuid:ABC").email == nil)
    }
}
