/// Where the next page of a listing starts, as an opaque token: a position in the listing's order, not an offset,
/// so events created or deleted between pages neither repeat nor skip the others.
///
/// A listing of events is in resource-name order and carries the calendar's revision at its first page (the
/// sync token of its last page is that revision, so changes made while paging are delivered by the next sync). A
/// listing of instances is in (start, id) order, search results in (calendar, name) order.
enum PageToken: Equatable {
    case events(revision: Int64, afterName: String)
    case instances(afterStart: Int64, afterID: String)
    /// Search results, in (calendar id, name) order.
    case search(afterCalendar: Int64, afterName: String)

    var text: String {
        switch self {
        case .events(let revision, let name): "e" + Base32.encode(Array("\(revision)\n\(name)".utf8))
        case .instances(let start, let id): "i" + Base32.encode(Array("\(start)\n\(id)".utf8))
        case .search(let calendar, let name): "s" + Base32.encode(Array("\(calendar)\n\(name)".utf8))
        }
    }

    init(_ text: String) throws(APIError) {
        let invalid = APIError.invalid("'pageToken' is not one this server gave for this listing.")
        guard let kind = text.first, let bytes = Base32.decode(String(text.dropFirst())),
              let decoded = String(validating: bytes, as: UTF8.self),
              let newline = decoded.firstIndex(of: "\n"), let number = Int64(decoded[..<newline]) else { throw invalid }
        let rest = String(decoded[decoded.index(after: newline)...])
        switch kind {
        case "e": self = .events(revision: number, afterName: rest)
        case "i": self = .instances(afterStart: number, afterID: rest)
        case "s": self = .search(afterCalendar: number, afterName: rest)
        default: throw invalid
        }
    }
}
