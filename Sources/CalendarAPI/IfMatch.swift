internal import Foundation
import CalendarStore

/// The If-Match request header against the ETag a resource has now.
///
/// Spec: RFC 9110 §13.1.1 (`*` or a list of entity tags; strong comparison, so a weak tag never matches).
struct IfMatch {
    let header: String?

    /// Refuses with 412 unless the header is absent, `*`, or lists `current`.
    func check(_ current: ETag) throws(APIError) {
        guard let header = header?.trimmingCharacters(in: .whitespaces), !header.isEmpty, header != "*" else { return }
        let tags = header.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
        guard tags.contains(current.quoted) else {
            throw APIError.preconditionFailed("If-Match \(header) is not the current ETag \(current.quoted): it was "
                                                  + "changed since it was read; read it again.")
        }
    }
}
