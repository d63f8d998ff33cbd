import ICalendar

/// A component with RECURRENCE-ID that replaces one instance of its master (or, with RANGE=THISANDFUTURE, that
/// instance and the later ones), read once for an expansion.
///
/// Spec: RFC 5545 §3.8.4.4. The RECURRENCE-ID is matched as an instant in the master's frame, so a UTC value
/// matches a zoned DTSTART. An override without DTSTART keeps the instance's original start and the master's
/// length; otherwise its own DTSTART and DTEND/DURATION apply, as for any component.
struct RecurrenceOverride: Sendable {
    let component: Component
    /// The RECURRENCE-ID placed in the master's frame.
    let recurrenceID: RecurrenceFrame.Placed
    let isThisAndFuture: Bool
    let start: DateTime
    let startInstant: Instant
    let end: DateTime
    let endInstant: Instant
    let length: InstanceLength
    /// For THISANDFUTURE: how far the override moved its own instance, in the master frame's wall clock.
    let shiftSeconds: Int64
    let isCancelled: Bool

    init(component: Component, frame: RecurrenceFrame, masterLength: InstanceLength?) throws(RecurrenceError) {
        guard let property = component.property(.recurrenceID) else {
            throw RecurrenceError(.invalidValue, property: .recurrenceID, message: "an override needs RECURRENCE-ID")
        }
        let recurrenceValue: DateTime
        do { recurrenceValue = try property.dateTime() } catch { throw RecurrenceError(error, property: .recurrenceID) }
        self.component = component
        recurrenceID = frame.place(recurrenceValue)
        isThisAndFuture = property[parameter: .range]?.uppercased() == "THISANDFUTURE"
        isCancelled = component.isCancelled

        if let startProperty = component.property(.dtstart) {
            do { start = try startProperty.dateTime() } catch { throw RecurrenceError(error, property: .dtstart) }
            length = try InstanceLength.read(component, start: start, frame: frame)
        } else {
            start = frame.dateTime(recurrenceID.local)
            length = masterLength ?? (start.isDate ? .nominal(CalendarDuration(days: 1)) : .exact(seconds: 0))
        }
        startInstant = frame.instant(of: start)
        endInstant = length.end(of: start, at: startInstant, frame: frame)
        // An end written as DTEND/DUE is reported as written; a computed one in the start's form.
        let endName: PropertyName = component.name == .vtodo ? .due : .dtend
        if component.property(.dtstart) != nil, let written = try? component.property(endName)?.dateTime(), frame.instant(of: written) == endInstant {
            end = written
        } else {
            end = start.isDate ? .date(frame.floating.local(at: endInstant).date) : start.with(local: frame.zone(of: start).local(at: endInstant))
        }
        shiftSeconds = frame.place(start).local.secondsSinceEpoch - recurrenceID.local.secondsSinceEpoch
    }
}

extension Component {
    /// STATUS:CANCELLED (RFC 5545 §3.8.1.11).
    var isCancelled: Bool {
        property(.status).map { $0.value.filter { $0 != " " }.uppercased() == "CANCELLED" } ?? false
    }
}
