/// Typed readers and writers over a property's raw value.
///
/// Spec: RFC 5545 §3.3 (value types), §3.2.20 (VALUE), §3.2.19 (TZID).
extension Property {
    /// The value type: the VALUE parameter if present, else the property's default.
    public var valueType: ValueType {
        if let v = self[parameter: .value] { return ValueType(name: v) }
        return ValueType.default(for: name)
    }

    public var tzid: String? { self[parameter: .tzid] }

    /// The TEXT value with escapes decoded.
    public var text: String { TextValue.unescape(value) }

    /// A TEXT list (CATEGORIES, RESOURCES) with each element decoded.
    public var texts: [String] { TextValue.splitList(value).map { TextValue.unescape($0) } }

    public func dateTime() throws(ICalendarParseError) -> DateTime {
        try DateTime.parse(value, tzid: tzid, valueType: explicitDateType)
    }

    /// The values of a multi-valued DATE/DATE-TIME property (EXDATE, RDATE without VALUE=PERIOD).
    public func dateTimes() throws(ICalendarParseError) -> [DateTime] {
        let tzid = tzid, valueType = explicitDateType
        guard value.utf8.contains(UInt8(ascii: ",")) else {
            return [try DateTime.parse(value, tzid: tzid, valueType: valueType)]
        }
        // Split on the comma's byte: a Character split costs more than parsing the values.
        var result: [DateTime] = []
        for item in value.utf8.split(separator: UInt8(ascii: ",")) {
            result.append(try DateTime.parse(Substring(item), tzid: tzid, valueType: valueType))
        }
        return result
    }

    public func periods() throws(ICalendarParseError) -> [Period] {
        var result: [Period] = []
        for item in value.split(separator: ",") { result.append(try Period.parse(item, tzid: tzid)) }
        return result
    }

    public func duration() throws(ICalendarParseError) -> CalendarDuration { try CalendarDuration.parse(value) }

    public func utcOffset() throws(ICalendarParseError) -> UTCOffset { try UTCOffset.parse(value) }

    public func recurrenceRule(tzid: String? = nil) throws(ICalendarParseError) -> RecurrenceRule {
        try RecurrenceRule.parse(value, tzid: tzid)
    }

    public func integer() throws(ICalendarParseError) -> Int {
        guard let n = Int(value.hasPrefix("+") ? String(value.dropFirst()) : value) else {
            throw ICalendarParseError(.invalidValue, message: "'\(value)' is not an INTEGER")
        }
        return n
    }

    private var explicitDateType: ValueType? {
        guard let v = self[parameter: .value] else { return nil }
        let type = ValueType(name: v)
        return type == .date || type == .dateTime ? type : nil
    }

    // MARK: Building

    public init(name: PropertyName, text: String, parameters: [Parameter] = []) {
        self.init(name: name, parameters: parameters, value: TextValue.escape(text))
    }

    /// A DATE or DATE-TIME property with VALUE=DATE and TZID set to match the value.
    public init(name: PropertyName, dateTime: DateTime, parameters: [Parameter] = []) {
        var params = parameters.filter { $0.name != .tzid && $0.name != .value }
        if dateTime.isDate { params.insert(Parameter(.value, "DATE"), at: 0) }
        if let tzid = dateTime.tzid { params.insert(Parameter(.tzid, tzid), at: 0) }
        self.init(name: name, parameters: params, value: dateTime.icalValue)
    }
}
