import DAVXML
import WebDAV

/// The body of a sharee's POST to their calendar home: CS:invite-reply, accepting or declining the share of the
/// calendar at CS:hosturl (the invitation's CS:uid in CS:in-reply-to).
///
/// Spec: calendarserver-sharing §5.4.1, §6.22.
struct InviteReplyRequest {
    let accept: Bool
    /// The shared calendar's URL, as the invitation gave it.
    let hostURL: String?
    let inReplyTo: String?

    init(_ body: XMLElement) throws(DAVError) {
        switch (body.first(.calendarServer.inviteAccepted), body.first(.calendarServer.inviteDeclined)) {
        case (_?, nil): accept = true
        case (nil, _?): accept = false
        default:
            throw DAVError.badRequest("CS:invite-reply needs exactly one of CS:invite-accepted and CS:invite-declined.")
        }
        hostURL = body.first(.calendarServer.hosturl)?.first(.dav.href)?.text.trimmingWhitespace
        inReplyTo = body.first(.calendarServer.inReplyTo)?.text.trimmingWhitespace
        if hostURL == nil && inReplyTo == nil {
            throw DAVError.badRequest("CS:invite-reply needs the shared calendar's CS:hosturl or the CS:in-reply-to "
                                      + "of the invitation.")
        }
    }
}
