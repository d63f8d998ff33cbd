/// A `StoreChange` checked and encoded before a store's transaction (see `PreparedPut`).
public enum PreparedChange: Sendable {
    case put(calendarID: Int64, PreparedPut)
    case delete(calendarID: Int64, name: String, ifMatch: ETag?)
    case enqueue(NewOutgoingMessage)

    public init(_ change: StoreChange) throws(StoreError) {
        switch change {
        case .put(let calendarID, let write):
            self = .put(calendarID: calendarID, try PreparedPut(name: write.name, data: write.data, index: write.index,
                                                                precondition: write.precondition))
        case .delete(let calendarID, let name, let ifMatch):
            self = .delete(calendarID: calendarID, name: name, ifMatch: ifMatch)
        case .enqueue(let message):
            try message.validate()
            self = .enqueue(message)
        }
    }
}
