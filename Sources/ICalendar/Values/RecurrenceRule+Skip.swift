extension RecurrenceRule {
    /// What a rule with an RSCALE does with a date that does not exist in its calendar: the 29th of February in a
    /// common year, the 30th of a 29-day month, the leap month `5L` in a year without one.
    ///
    /// Spec: RFC 7529 §3.1 (SKIP). Only dates that BYMONTH and BYMONTHDAY (or the month and day taken from DTSTART)
    /// name can be invalid; what BYDAY, BYYEARDAY and BYWEEKNO name always exists.
    public enum Skip: String, Hashable, Sendable, CaseIterable {
        /// The invalid date is left out (the RFC 5545 behaviour, and the default).
        case omit = "OMIT"
        /// The previous valid date: the last day of the month, or for a missing leap month the month before it.
        case backward = "BACKWARD"
        /// The next valid date: the first day of the next month, or for a missing leap month the month after it.
        case forward = "FORWARD"
    }
}
