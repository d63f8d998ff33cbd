/// How many objects a streamed listing (PROPFIND Depth 1, sync-collection, calendar export) reads from the store at
/// a time. Large enough that the per-query cost vanishes against the rows it returns; small enough that a page with
/// calendar-data (500 objects of a few kilobytes) stays within a few megabytes, whatever the calendar's size.
enum ListingPage {
    static let size = 500
}
