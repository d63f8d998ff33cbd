import CalDAV
import CalendarAPI
import CalendarStore
import Calendaring
import Hummingbird
import Logging
import ServiceLifecycle
import WebDAV

/// Builds the Hummingbird application that serves Almanac.
public enum AlmanacApplication {
    /// The server for `configuration` over `store`. Run it with `runService()` (which stops gracefully on SIGTERM
    /// and SIGINT) or test it with HummingbirdTesting. `credentialCache` is shared with `UserAdministration` when
    /// accounts are changed in the same process, so changes there drop cached logins at once.
    public static func make(configuration: ServerConfiguration, store: any CalendarStore, logger: Logger,
                            credentialCache: CredentialCache = CredentialCache(),
                            loginThrottle: LoginThrottle? = nil,
                            onServerRunning: @escaping @Sendable (Int?) async -> Void = { _ in })
        throws(ConfigurationError) -> Application<AlmanacResponder> {
        try make(configuration: configuration, store: store, logger: logger, credentialCache: credentialCache,
                 loginThrottle: loginThrottle ?? LoginThrottle(store: store), onServerRunning: onServerRunning,
                 handleDAV: nil)
    }

    /// `make`, with the DAV layer replaced by `handleDAV` when given (tests observe the `DAVRequest` this way).
    static func make(configuration: ServerConfiguration, store: any CalendarStore, logger: Logger,
                     credentialCache: CredentialCache, loginThrottle: LoginThrottle,
                     onServerRunning: @escaping @Sendable (Int?) async -> Void,
                     handleDAV: (@Sendable (DAVRequest) async -> DAVResponse)?)
        throws(ConfigurationError) -> Application<AlmanacResponder> {
        try configuration.validate()
        var logger = logger
        logger.logLevel = configuration.logLevel
        // Made before the DAV layer so that layer can be given `mailDelivery?.wake` to call after queueing mail.
        let mailDelivery = configuration.mail.map { mail in
            MailDeliveryService(store: store, client: SMTPClient(configuration: mail.smtp), policy: mail.retryPolicy,
                                logger: logger)
        }
        if let mail = configuration.mail {
            logger.info("Outgoing mail goes through \(mail)")
        } else {
            logger.notice("No mail relay configured (smtp_host): e-mail invitations stay queued until one is")
        }
        let wake = mailDelivery?.wake
        let service = CalDAVService(store: store, configuration: configuration.calDAVConfiguration,
                                    mailQueued: { wake?() })
        let authenticator = Authenticator(store: store, hasher: PasswordHasher(cost: configuration.bcryptCost),
                                          cache: credentialCache, throttle: loginThrottle)
        // A test probe in place of the DAV layer sees every request whole, so nothing is refused before it.
        let refusalBeforeBody: @Sendable (DAVRequest) async -> DAVResponse?
        if handleDAV == nil {
            refusalBeforeBody = { await service.refusalBeforeBody($0) }
        } else {
            refusalBeforeBody = { _ in nil }
        }
        let accountCredentials = ServerAccountCredentials(hasher: authenticator.hasher, cache: credentialCache,
                                                          throttle: authenticator.throttle)
        let apiService = CalendarAPIService(
            scheduling: service.schedulingContext, maxResourceSize: configuration.maxRequestBodySize,
            shareMail: configuration.mail.map { _ in ShareMail(sender: configuration.calDAVConfiguration.mailSender) },
            accounts: configuration.accountSettings, credentials: accountCredentials)
        let api: APIDoor
        do {
            api = try APIDoor(service: apiService, authenticator: authenticator,
                              bodyLimit: RequestBodyLimit(maximumBytes: configuration.maxRequestBodySize),
                              requestsPerMinute: configuration.apiRequestsPerMinute, logger: logger)
        } catch {
            throw ConfigurationError("the JSON API could not be set up: \(error)")
        }
        let responder = AlmanacResponder(service: service, authenticator: authenticator, configuration: configuration,
                                         handleDAV: handleDAV ?? { await service.handle($0) },
                                         refusalBeforeBody: refusalBeforeBody, api: api,
                                         accountPages: AccountPages(store: store,
                                                                    requestsPerMinute: configuration.apiRequestsPerMinute))
        let maintenance = IndexMaintenanceService(interval: configuration.indexMaintenanceInterval, logger: logger) {
            now in
            // Throttle events older than the longest window that reads them (login failures count for an hour,
            // the scheduling allowance too) go with the same pass.
            _ = try await store.pruneThrottleEvents(before: Int64(now.timeIntervalSince1970 * 1_000) - 2 * 3_600_000)
            // Idempotency keys and the responses kept for them go after a day.
            _ = try await store.pruneIdempotencyKeys(before: Int64(now.timeIntervalSince1970) - IdempotentRequests.lifetime)
            // Expired one-time codes, and the accounts whose deletion is due.
            _ = try await AccountMaintenance.run(context: service.schedulingContext, credentials: accountCredentials,
                                                 sendsMail: configuration.mail != nil, now: now)
            // A pass is bounded; a full one means more objects are waiting, so go on until a pass comes back short.
            var total = 0
            while true {
                let count = try await service.maintainIndex(now: now)
                total += count
                if count < IndexMaintenance.defaultLimit || Task.isCancelled { return total }
            }
        }
        return Application(
            responder: responder,
            server: .almanac(idleTimeout: configuration.idleTimeout, bodyTimeout: configuration.bodyTimeout),
            configuration: ApplicationConfiguration(address: .hostname(configuration.host, port: configuration.port),
                                                    serverName: "Almanac"),
            services: [maintenance as any Service] + (mailDelivery.map { [$0 as any Service] } ?? []),
            onServerRunning: { channel in await onServerRunning(channel.localAddress?.port) },
            logger: logger)
    }
}
