/// Why a single sign-on round trip failed, in a sentence for the person at the browser.
struct SingleSignOnError: Error, Sendable {
    var sentence: String

    init(_ sentence: String) {
        self.sentence = sentence
    }
}
