import CalendarStore
import ITIP

/// What one scheduling operation will change, committed in one store transaction (`CalendarStore.apply`): the
/// actor's own write first, then recipients' copies, inbox messages and queued mail. Also collects the delivery
/// status for each recipient (RFC 6638 §3.2.9) that goes into SCHEDULE-STATUS and schedule-response.
struct SchedulingPlan: Sendable {
    var changes: [StoreChange] = []
    var statuses: [CalendarUserAddress: DeliveryStatus] = [:]

    /// True when committing the plan queues e-mail, so the delivery service is woken.
    var mailQueued: Bool {
        changes.contains { if case .enqueue = $0 { true } else { false } }
    }
}

/// The outcome of delivering one message to one recipient.
/// Spec: RFC 6638 §3.2.9 (SCHEDULE-STATUS values), RFC 5546 §3.6 (REQUEST-STATUS codes).
enum DeliveryStatus: String, Sendable, Hashable {
    /// Delivered to a user of this server.
    case delivered = "1.2"
    /// Queued for e-mail (iMIP); delivery not confirmed.
    case sent = "1.1"
    /// Not a calendar user this server can reach.
    case invalidUser = "3.7"
    /// The recipient could not take it (no calendar accepts the component).
    case notDelivered = "5.1"
    /// The sender may not see this recipient's busy time (RFC 5545 §3.8.8.3 "3.8;No authority").
    case noAuthority = "3.8"

    /// The CALDAV:request-status text of a schedule-response.
    var requestStatus: String {
        switch self {
        case .delivered: "2.0;Success"
        case .sent: "1.1;Sent"
        case .invalidUser: "3.7;Invalid calendar user"
        case .notDelivered: "5.1;Could not deliver"
        case .noAuthority: "3.8;No authority"
        }
    }
}
