import ICalendar

/// One change the importer made so that an object of a real-world export could be stored, or one thing it
/// dropped; reported to the user, never silent.
public struct ImportRepair: Sendable, Hashable, CustomStringConvertible {
    /// The UID of the object repaired; nil for what concerns the whole file (METHOD, parse quirks).
    public var uid: String?
    public var message: String

    public init(uid: String?, message: String) {
        self.uid = uid
        self.message = message
    }

    public var description: String { uid.map { "\($0): \(message)" } ?? message }
}
