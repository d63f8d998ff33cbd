/// Builds the component tree from input that arrives in chunks; `ICalendarParser` is the one-buffer front end.
///
/// Spec: RFC 5545 §3.1 (content lines), §3.4 (VCALENDAR needs VERSION and PRODID), §3.6 (BEGIN/END nesting).
public struct ICalendarStreamParser: Sendable {
    private struct OpenComponent: Sendable {
        var component: Component
        var line: Int
    }

    public let options: ParseOptions
    private var decoder = ContentLineDecoder()
    private let scanner: ContentLineScanner
    private var stack: [OpenComponent] = []
    private var finished: [Component] = []
    private var warnings: [ICalendarWarning] = []
    private var warnedOnce: Set<ICalendarWarning.Code> = []
    private var sawAnyLine = false

    public init(options: ParseOptions = .strict) {
        self.options = options
        self.scanner = ContentLineScanner(lenient: options.isLenient)
    }

    public mutating func feed(_ bytes: UnsafeBufferPointer<UInt8>) throws(ICalendarParseError) {
        var decoder = self.decoder
        defer { self.decoder = decoder }
        try decoder.feed(bytes) { (line, number) throws(ICalendarParseError) in try self.handle(line, number) }
    }

    public mutating func feed(_ bytes: [UInt8]) throws(ICalendarParseError) {
        try bytes.withUnsafeBufferPointer { (buffer) throws(ICalendarParseError) in try feed(buffer) }
    }

    /// Ends the input and returns the tree, or throws for an unclosed component (strict mode).
    public mutating func finish() throws(ICalendarParseError) -> ParseResult {
        var decoder = self.decoder
        try decoder.finish { (line, number) throws(ICalendarParseError) in try self.handle(line, number) }
        self.decoder = decoder
        try checkLineEndings(decoder.observations)
        if let open = stack.last {
            guard options.isLenient else {
                throw ICalendarParseError(.unclosedComponent, line: open.line, message: "BEGIN:\(open.component.name) has no matching END:\(open.component.name)")
            }
            while let top = stack.popLast() {
                warn(.unclosedComponentClosed, line: top.line, message: "BEGIN:\(top.component.name) had no END; closed at the end of the input")
                try close(top.component, line: top.line)
            }
        }
        guard sawAnyLine else { throw ICalendarParseError(.empty, message: "the input holds no iCalendar data") }
        return ParseResult(components: finished, warnings: warnings)
    }

    private mutating func checkLineEndings(_ observations: ContentLineDecoder.Observations) throws(ICalendarParseError) {
        if observations.sawByteOrderMark {
            guard options.isLenient else {
                throw ICalendarParseError(.invalidContentLine, line: 1, message: "the input starts with a byte order mark; remove it")
            }
            warn(.byteOrderMark, line: 1, message: "a UTF-8 byte order mark was skipped")
        }
        if let line = observations.firstBareLineFeed, sawAnyLine {
            guard options.isLenient else {
                throw ICalendarParseError(.invalidContentLine, line: line, message: "lines must end in CRLF; this one ends in a bare LF")
            }
            warn(.bareLineFeed, line: line, message: "lines end in a bare LF instead of CRLF")
        }
    }

    private mutating func handle(_ line: UnsafeBufferPointer<UInt8>, _ number: Int) throws(ICalendarParseError) {
        guard line.count <= options.maxLineLength else {
            throw ICalendarParseError(.tooLarge, line: number, message: "the content line is longer than \(options.maxLineLength) bytes")
        }
        if Self.isBlank(line) {
            // A trailing blank line (or several) after the last END is harmless and common.
            if stack.isEmpty && !finished.isEmpty || !sawAnyLine { return }
            guard options.isLenient else {
                throw ICalendarParseError(.invalidContentLine, line: number, message: "blank line inside a component; remove it")
            }
            warn(.emptyLineSkipped, line: number, message: "a blank line was skipped")
            return
        }
        sawAnyLine = true
        let scanned: ContentLineScanner.Scanned
        do {
            scanned = try scanner.scan(line)
        } catch {
            guard options.isLenient else { throw error.located(line: number, property: nil) }
            warn(.invalidContentLineSkipped, line: number, message: "skipped an unreadable line: \(error.message)")
            return
        }
        if !scanned.nameWasUppercase {
            warn(.lowercaseName, line: number, property: scanned.name, message: "names are written in lowercase; they were read case-insensitively", once: true)
        }
        if scanned.nameHadInvalidCharacters {
            warn(.invalidNameAccepted, line: number, property: scanned.name,
                 message: "the name '\(scanned.name)' has characters other than letters, digits and '-'")
        }
        if scanned.hadInvalidUTF8 {
            warn(.invalidUTF8Replaced, line: number, property: scanned.name, message: "invalid UTF-8 was replaced with U+FFFD (the charset of iCalendar is UTF-8)")
        }
        switch scanned.name {
        case "BEGIN": try begin(componentName(scanned.value, line: number), line: number)
        case "END": try end(componentName(scanned.value, line: number), line: number)
        default: try addProperty(scanned, line: number)
        }
    }

    private mutating func componentName(_ value: String, line: Int) throws(ICalendarParseError) -> ComponentName {
        var name = value
        // Byte tests, not Character ones: this runs for every BEGIN and END line.
        if let last = name.utf8.last, last == 0x20 || last == 0x09 {
            guard options.isLenient else {
                throw ICalendarParseError(.invalidName, line: line, message: "component name '\(value)' has trailing whitespace")
            }
            while let last = name.utf8.last, last == 0x20 || last == 0x09 { name.removeLast() }
            warn(.trailingWhitespace, line: line, message: "trailing whitespace after the component name was ignored", once: true)
        }
        guard !name.isEmpty, name.withUTF8({ $0.allSatisfy(ContentLineScanner.isNameByte) }) else {
            throw ICalendarParseError(.invalidName, line: line, message: "'\(value)' is not a component name")
        }
        return ComponentName(rawValue: name)
    }

    private mutating func begin(_ name: ComponentName, line: Int) throws(ICalendarParseError) {
        guard stack.count < options.maxDepth else {
            throw ICalendarParseError(.tooDeep, line: line, message: "components are nested deeper than \(options.maxDepth) levels")
        }
        var component = Component(name: name)
        // Room for a typical event's properties up front, instead of growing (and reallocating) 1, 2, 4, 8, 16.
        component.properties.reserveCapacity(16)
        stack.append(OpenComponent(component: component, line: line))
    }

    private mutating func end(_ name: ComponentName, line: Int) throws(ICalendarParseError) {
        guard let top = stack.last else {
            guard options.isLenient else {
                throw ICalendarParseError(.unexpectedEnd, line: line, message: "END:\(name) without a matching BEGIN:\(name)")
            }
            warn(.mismatchedEndAccepted, line: line, message: "END:\(name) without BEGIN was skipped")
            return
        }
        if top.component.name != name {
            guard options.isLenient else {
                throw ICalendarParseError(.mismatchedEnd, line: line, message: "END:\(name) closes BEGIN:\(top.component.name) from line \(top.line); expected END:\(top.component.name)")
            }
            guard stack.contains(where: { $0.component.name == name }) else {
                warn(.mismatchedEndAccepted, line: line, message: "END:\(name) matches no open component and was skipped")
                return
            }
            while let open = stack.last, open.component.name != name {
                warn(.unclosedComponentClosed, line: open.line, message: "BEGIN:\(open.component.name) had no END; closed by END:\(name)")
                stack.removeLast()
                try close(open.component, line: open.line)
            }
        }
        let open = stack.removeLast()
        try close(open.component, line: open.line)
    }

    private mutating func close(_ component: Component, line: Int) throws(ICalendarParseError) {
        if component.name == .vcalendar {
            for required in [PropertyName.version, .prodid] where component.property(required) == nil {
                guard options.isLenient else {
                    throw ICalendarParseError(.missingRequiredProperty, line: line, property: required.rawValue, message: "VCALENDAR must have a \(required) property")
                }
                warn(required == .version ? .missingVersion : .missingProdID, line: line, property: required.rawValue, message: "VCALENDAR has no \(required)")
            }
        }
        if stack.isEmpty {
            finished.append(component)
        } else {
            stack[stack.count - 1].component.components.append(component)
        }
    }

    private mutating func addProperty(_ scanned: ContentLineScanner.Scanned, line: Int) throws(ICalendarParseError) {
        guard !stack.isEmpty else {
            guard options.isLenient else {
                throw ICalendarParseError(.propertyOutsideComponent, line: line, property: scanned.name, message: "\(scanned.name) appears outside BEGIN:VCALENDAR ... END:VCALENDAR")
            }
            warn(.invalidContentLineSkipped, line: line, property: scanned.name, message: "\(scanned.name) outside any component was skipped")
            return
        }
        let property = Property(name: PropertyName(uppercased: scanned.name), parameters: scanned.parameters, value: scanned.value)
        if options.validatesValues {
            do {
                try PropertyValueValidator.validate(property)
            } catch {
                guard options.isLenient else { throw error.located(line: line, property: scanned.name) }
                warn(.invalidValue, line: line, property: scanned.name, message: error.message)
            }
        }
        stack[stack.count - 1].component.properties.append(property)
    }

    private mutating func warn(_ code: ICalendarWarning.Code, line: Int?, property: String? = nil, message: String, once: Bool = false) {
        if once { guard warnedOnce.insert(code).inserted else { return } }
        warnings.append(ICalendarWarning(code, line: line, property: property, message: message))
    }

    private static func isBlank(_ line: UnsafeBufferPointer<UInt8>) -> Bool {
        line.allSatisfy { $0 == 0x20 || $0 == 0x09 || $0 == 0x0D }
    }
}
