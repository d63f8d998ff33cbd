/// One change in a multi-calendar transaction (`CalendarStore.apply(_:)`): scheduling writes the organizer's object,
/// the attendees' copies, their inbox messages and the outgoing mail together, so an acknowledged write never leaves
/// a meeting half-delivered.
public enum StoreChange: Sendable, Hashable {
    /// As `putObject(calendarID:name:data:index:precondition:)`.
    case put(calendarID: Int64, ObjectWrite)
    /// As `deleteObject(calendarID:name:ifMatch:)`.
    case delete(calendarID: Int64, name: String, ifMatch: ETag?)
    /// Queues an outgoing e-mail (iMIP) for the delivery service: `pending`, no attempts, due at once. Checked with
    /// `NewOutgoingMessage.validate()`; `notFound` if the sender does not exist.
    case enqueue(NewOutgoingMessage)
}

/// The result of one `StoreChange`, in the order of the changes.
public enum StoreChangeResult: Sendable, Hashable {
    case put(PutResult)
    case deleted
    case enqueued(OutgoingMessage)
}
