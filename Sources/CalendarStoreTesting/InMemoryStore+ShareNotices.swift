import CalendarStore

extension InMemoryStore {
    // MARK: Share notices

    public func putShareNotice(_ notice: NewShareNotice) throws(StoreError) -> ShareNotice {
        guard userTable[notice.userID] != nil else { throw .notFound }
        let written = ShareNotice(id: nextID(), userID: notice.userID, uid: notice.uid, kind: notice.kind,
                                  status: notice.status, calendarID: notice.calendarID, ownerID: notice.ownerID,
                                  shareeID: notice.shareeID, role: notice.role, calendarName: notice.calendarName,
                                  createdAt: now())
        noticeTable[notice.userID, default: []].removeAll { $0.uid == notice.uid }
        noticeTable[notice.userID, default: []].append(written)
        return written
    }

    public func shareNotices(userID: Int64) -> [ShareNotice] {
        noticeTable[userID] ?? []
    }

    public func deleteShareNotice(userID: Int64, uid: String) throws(StoreError) {
        guard let index = noticeTable[userID]?.firstIndex(where: { $0.uid == uid }) else { throw .notFound }
        noticeTable[userID]?.remove(at: index)
    }
}
