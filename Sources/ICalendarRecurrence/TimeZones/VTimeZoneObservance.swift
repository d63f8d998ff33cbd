import ICalendar

/// One STANDARD or DAYLIGHT sub-component of a VTIMEZONE, read into values.
///
/// Spec: RFC 5545 §3.6.5 — DTSTART and RDATE are wall clocks in TZOFFSETFROM (the offset in force before the onset),
/// RRULE repeats the onset (its UNTIL is UTC), TZOFFSETTO is the offset from the onset on, TZNAME names it.
///
/// Producers stray from the letter of the RFC, so values are read leniently where the meaning is still clear: a UTC
/// DTSTART or RDATE is moved into TZOFFSETFROM, a TZID on them is ignored (the observance defines the zone), a DATE
/// means midnight, an RDATE period means its start, and a floating UNTIL is taken as a wall clock.
struct VTimeZoneObservance: Sendable {
    /// TZOFFSETTO, whether this is DAYLIGHT, and the first TZNAME.
    var type: LocalTimeType
    var offsetFrom: UTCOffset
    var dtstart: LocalDateTime
    /// RFC 5545 says RRULE SHOULD NOT occur more than once; every one given is honoured.
    var rules: [RecurrenceRule]
    var rdates: [LocalDateTime]
    /// Position among the VTIMEZONE's observances: of two onsets at the same instant the later-listed one wins.
    var order: Int

    init(_ component: Component, order: Int, tzid: String) throws(VTimeZoneError) {
        func required(_ name: PropertyName) throws(VTimeZoneError) -> Property {
            guard let property = component.property(name) else {
                throw VTimeZoneError(.missingProperty, tzid: tzid, property: name.rawValue,
                                     message: "\(component.name) observance #\(order + 1) has no \(name); every STANDARD and DAYLIGHT needs DTSTART, TZOFFSETFROM and TZOFFSETTO")
            }
            return property
        }
        func invalid(_ property: Property, _ error: ICalendarParseError) -> VTimeZoneError {
            VTimeZoneError(.invalidValue, tzid: tzid, property: property.name.rawValue,
                           message: "\(component.name) observance #\(order + 1): \(error.message)")
        }

        let fromProperty = try required(.tzoffsetfrom)
        let toProperty = try required(.tzoffsetto)
        let startProperty = try required(.dtstart)
        do {
            offsetFrom = try fromProperty.utcOffset()
        } catch {
            throw invalid(fromProperty, error)
        }
        let offsetTo: UTCOffset
        do {
            offsetTo = try toProperty.utcOffset()
        } catch {
            throw invalid(toProperty, error)
        }
        type = LocalTimeType(offset: offsetTo, isDaylightSaving: component.name == .daylight,
                             abbreviation: component.property(.tzname)?.text ?? "")
        self.order = order

        let from = offsetFrom
        func wallClock(_ value: DateTime) -> LocalDateTime {
            switch value {
            case .floating(let local), .zoned(let local, _): local
            case .utc(let utc): utc.adding(seconds: Int64(from.seconds))
            case .date(let date): LocalDateTime(date: date, time: .midnight)
            }
        }
        do {
            dtstart = wallClock(try startProperty.dateTime())
        } catch {
            throw invalid(startProperty, error)
        }
        var rdates: [LocalDateTime] = []
        for property in component.properties(.rdate) {
            do {
                if property.valueType == .period {
                    rdates += try property.periods().map { wallClock($0.start) }
                } else {
                    rdates += try property.dateTimes().map(wallClock)
                }
            } catch {
                throw invalid(property, error)
            }
        }
        self.rdates = rdates
        var rules: [RecurrenceRule] = []
        for property in component.properties(.rrule) {
            do {
                rules.append(try property.recurrenceRule())
            } catch {
                throw invalid(property, error)
            }
        }
        self.rules = rules
    }

    /// The instant of an onset written as a wall clock in TZOFFSETFROM.
    func instant(ofOnset local: LocalDateTime) -> Int64 {
        local.secondsSinceEpoch - Int64(offsetFrom.seconds)
    }

    /// The wall clock (in TZOFFSETFROM) of the last onset a rule may produce, or nil when it has no UNTIL.
    /// RFC 5545 §3.3.10 requires a UTC UNTIL in a VTIMEZONE; a DATE covers its whole day.
    func untilWallClock(of rule: RecurrenceRule) -> LocalDateTime? {
        switch rule.until {
        case nil: nil
        case .utc(let utc): utc.adding(seconds: Int64(offsetFrom.seconds))
        case .floating(let local), .zoned(let local, _): local
        case .date(let date): LocalDateTime(date: date, time: LocalTime(hour: 23, minute: 59, second: 59)!)
        }
    }
}
