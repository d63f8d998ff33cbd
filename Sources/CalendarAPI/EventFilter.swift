import ICalendar

/// What a listing of a calendar's events keeps beyond its window: cancelled events only when asked for (Google's
/// `showDeleted`; a sync lists them regardless, as deletions), and with `q` only events whose title, description or
/// location holds the word, as `/search` finds them (the text index names candidates, `matches` decides).
/// Spec: RFC 5545 §3.8.1.11 (STATUS:CANCELLED of an event or of one instance's override).
struct EventFilter {
    /// The word `q` asks for; nil for every event.
    var keyword: String?
    /// Whether cancelled events and (listing instances) cancelled instances are listed.
    var showDeleted: Bool

    /// Whether the event as the user sees it is listed: it holds the keyword, and it is not cancelled as a whole
    /// unless deleted events are asked for. Its cancelled instances are left out by the instance expansion.
    func keeps(_ document: EventDocument) -> Bool {
        if !showDeleted, let event = document.master ?? document.events.first,
           EventRenderer.status(Event(event).status) == .cancelled { return false }
        return CalendarAPIService.matches(document, keyword: keyword, participant: nil, status: nil)
    }
}
