import CalendarStore

/// A calendar as one .ics file, produced page by page from the store (webcal GET, `almanac export`): memory is
/// bounded by a page of objects, not the calendar. A door wraps `next()` in its body stream.
///
/// Pages follow the object names, each starting after the last name of the previous one; an object written while
/// the file is produced appears at most once (a listing, not a snapshot).
/// Spec: RFC 5545 §3.4, §3.6.5 (see `CalendarExportWriter`).
package actor CalendarExportStream {
    private let store: any CalendarStore
    private let calendar: CalendarRecord
    private let pageSize: Int
    private var writer: CalendarExportWriter
    private var after: String?
    /// The header and first page when read ahead.
    private var prefetched: [UInt8]?
    /// True once the footer is written.
    private var finished = false

    /// `classified`: the file a sharee gets, private and confidential events reduced (`ClassifiedView`).
    package init(store: any CalendarStore, calendar: CalendarRecord, pageSize: Int, classified: Bool = false) {
        self.store = store
        self.calendar = calendar
        self.pageSize = pageSize
        self.writer = CalendarExportWriter(classified: classified)
    }

    /// Reads the header and first page ahead, so a store failure there is still an error the caller can answer
    /// with a status; `next()` then returns them first.
    package func readFirst() async throws(StoreError) {
        prefetched = try await nextPage()
    }

    /// The next chunk of the file; nil after the last.
    package func next() async throws(StoreError) -> [UInt8]? {
        if let chunk = prefetched {
            prefetched = nil
            return chunk
        }
        return finished ? nil : try await nextPage()
    }

    /// The next page's text, after the header on the first and with the footer after the last: a short page is the
    /// last (a full one may be followed by an empty one).
    private func nextPage() async throws(StoreError) -> [UInt8] {
        let objects = try await store.objects(calendarID: calendar.id, after: after, limit: pageSize)
        var chunk = after == nil ? CalendarExportWriter.header(name: calendar.displayName) : []
        if let last = objects.last { after = last.name }
        chunk += writer.page(objects.map(\.data))
        if objects.count < pageSize {
            finished = true
            chunk += CalendarExportWriter.footer
        }
        return chunk
    }
}
