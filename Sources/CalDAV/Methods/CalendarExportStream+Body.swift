import Calendaring
import CalendarStore
import WebDAV

extension CalendarExportStream {
    /// The file's chunks as a response body. With `readAhead` the first (header and first page) is read before this
    /// returns, so a store failure there is still an error the caller can answer with a status; later failures end
    /// the body early. Without it nothing is read until the body is (a HEAD response, whose body is never sent).
    /// `classified`: as a sharee sees it (`ClassifiedView`).
    static func body(store: any CalendarStore, calendar: CalendarRecord, readAhead: Bool = true,
                     pageSize: Int = ListingPage.size, classified: Bool = false) async throws(StoreError) -> DAVBodyStream {
        let producer = CalendarExportStream(store: store, calendar: calendar, pageSize: pageSize, classified: classified)
        if readAhead { try await producer.readFirst() }
        return DAVBodyStream(unfolding: { try await producer.next() })
    }
}
