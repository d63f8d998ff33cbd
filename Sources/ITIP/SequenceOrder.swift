import ICalendar

/// Whether an incoming component is older than the copy it would update.
/// Spec: RFC 5546 §2.1.5 — a higher SEQUENCE is newer; with equal SEQUENCE the later DTSTAMP wins, so an equal
/// SEQUENCE with an earlier DTSTAMP is out of date.
enum SequenceOrder {
    static func isStale(_ incoming: Component, comparedTo current: Component) -> Bool {
        let a = incoming.sequenceNumber, b = current.sequenceNumber
        if a != b { return a < b }
        guard let stampA = try? incoming.property(.dtstamp)?.dateTime(),
              let stampB = try? current.property(.dtstamp)?.dateTime() else { return false }
        return stampA.local < stampB.local
    }

    /// Whether any component of `message` is older than its counterpart in `existing` (the same instance, else
    /// the master).
    static func isStale(_ message: SchedulingObject, comparedTo existing: SchedulingObject) -> Bool {
        message.components.contains { component in
            let key = existing.key(of: component)
            guard let current = existing.component(for: key) ?? existing.master else { return false }
            return isStale(component, comparedTo: current)
        }
    }
}
