import CalendarStore
import Calendaring

/// For one request: whose calendars the requesting user sees in every detail (their own, and those of the users
/// they are a write delegate of, `CalendarAccess.seesEveryDetail`), asked of the store once per owner, so a listing
/// of many objects of someone else's calendar does not ask again for each.
actor DetailVisibility {
    private let store: any CalendarStore
    private let userID: Int64
    private var known: [Int64: Bool] = [:]

    init(store: any CalendarStore, userID: Int64) {
        self.store = store
        self.userID = userID
    }

    /// False when the store cannot tell: private details are never shown on doubt.
    func seesEveryDetail(ownerID: Int64) async -> Bool {
        if ownerID == userID { return true }
        if let answer = known[ownerID] { return answer }
        let mode = try? await AccessResolver(store: store).delegation(of: userID, for: ownerID)
        let answer = mode == .write
        known[ownerID] = answer
        return answer
    }
}
