extension Property {
    /// One unfolded content line (as `ContentLineDecoder` hands it out) read strictly as a property, for code that
    /// walks stored data line by line instead of parsing it into a tree.
    ///
    /// Spec: RFC 5545 §3.1 (`name *(";" param) ":" value`).
    public init(contentLine: UnsafeBufferPointer<UInt8>) throws(ICalendarParseError) {
        let scanned = try ContentLineScanner(lenient: false).scan(contentLine)
        self.init(name: PropertyName(uppercased: scanned.name), parameters: scanned.parameters, value: scanned.value)
    }
}
