import Calendaring
import WebDAV

/// Settings of the DAV layer that the server configuration decides.
public struct CalDAVConfiguration: Sendable, Hashable {
    /// The path prefix under which the server is reachable, without trailing slash ("" at the root, "/dav" behind
    /// a proxy that forwards https://host/dav/ to us). Every href the server writes starts with it.
    public var basePath: String
    /// Scheme, host and port of the public URL clients use (`base_url`), when configured: a Destination naming it is
    /// this server even when the request's Host differs (a proxy that rewrites Host).
    public var publicOrigin: HTTPOrigin?
    /// Largest calendar object resource accepted by PUT, in bytes (CALDAV:max-resource-size).
    public var maxResourceSize: Int
    /// Quota per user in bytes, reported as DAV:quota-available-bytes.
    public var quotaBytes: Int64
    /// How far ahead recurring series are materialised in the index, in seconds from now.
    public var indexHorizon: Int64
    /// How far the materialised horizon may fall behind `now + indexHorizon` before index maintenance moves it
    /// forward, in seconds: each unbounded series is re-indexed about once per this interval.
    public var indexHorizonMargin: Int64
    /// Attendee cap and per-user message rate for scheduling (RFC 6638).
    public var scheduling: SchedulingLimits
    /// The address e-mail invitations (iMIP) are sent from in the SMTP envelope, e.g. `calendar@example.com`; empty
    /// to use the organizer's own address.
    public var mailSender: String
    /// Whether the server relays mail (SMTP is configured): then sharees are also told of shares by e-mail.
    public var sendsMail: Bool

    public init(basePath: String = "", maxResourceSize: Int = 10 * 1024 * 1024, quotaBytes: Int64 = 1 << 30,
                indexHorizon: Int64 = 3 * 366 * 86_400, indexHorizonMargin: Int64 = 30 * 86_400,
                scheduling: SchedulingLimits = SchedulingLimits(), mailSender: String = "", sendsMail: Bool = false,
                publicOrigin: HTTPOrigin? = nil) {
        self.publicOrigin = publicOrigin
        self.sendsMail = sendsMail
        self.scheduling = scheduling
        self.mailSender = mailSender
        self.basePath = basePath
        self.maxResourceSize = maxResourceSize
        self.quotaBytes = quotaBytes
        self.indexHorizon = indexHorizon
        self.indexHorizonMargin = indexHorizonMargin
    }
}
