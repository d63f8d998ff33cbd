extension NewOutgoingMessage {
    /// The limits every store enforces before queueing a message, so stores refuse the same input. Throws
    /// `invalidArgument` for an empty envelope address or Message-ID, or an envelope address with a CR, LF or NUL
    /// (it goes into SMTP commands verbatim, where a line break would inject a command).
    /// Spec: RFC 5321 §4.1.2 (paths), §2.3.8 (lines end with CRLF)
    public func validate() throws(StoreError) {
        for (what, address) in [("envelope sender", envelopeFrom), ("envelope recipient", envelopeTo)] {
            guard !address.isEmpty else { throw .invalidArgument("empty \(what)") }
            guard !address.unicodeScalars.contains(where: { $0 == "\r" || $0 == "\n" || $0 == "\0" }) else {
                throw .invalidArgument("line break in the \(what)")
            }
        }
        guard !messageID.isEmpty else { throw .invalidArgument("empty Message-ID") }
    }
}
