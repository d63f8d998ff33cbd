/// What happens to a generated wall-clock time that a daylight-saving gap skips (02:30 on the day clocks jump from
/// 02:00 to 03:00).
///
/// Spec: RFC 5545 §3.3.10 says both things: such instances "MUST be ignored and MUST NOT be counted", and, a page
/// later, that a computed local time that does not exist "is interpreted in the same manner as an explicit
/// DATE-TIME value", which §3.3.5 reads with the offset before the gap (02:30 becomes 03:30). Calendar clients shift;
/// the default follows them and the later, more specific paragraph.
public enum NonexistentTimePolicy: Hashable, Sendable {
    /// Read the time with the offset before the gap, so the instance moves later by the gap's length.
    case shiftForward
    /// Drop the instance; it does not count toward COUNT.
    case skip
}
