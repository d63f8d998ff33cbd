@testable import AlmanacServer
import CalendarStore
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Logging
import Synchronization
import WebDAV

/// A server over a fresh store with user "alice" (password `alicePassword`), the DAV layer replaced by a probe
/// that records each `DAVRequest` and answers 207 with the request path as body.
struct ServerFixture {
    static let alicePassword = "correct horse battery"

    let store: AccountStoreFake
    let configuration: ServerConfiguration
    let administration: UserAdministration
    let cache = CredentialCache()
    let throttle: LoginThrottle
    let seen = DAVRequestLog()

    init(baseURL: String? = "https://cal.example.com/dav", maxBody: Int = 4096, trustForwardedFor: Bool = false,
         throttle: LoginThrottlePolicy = LoginThrottlePolicy(), idleTimeout: Duration? = nil,
         bodyTimeout: Duration? = nil) {
        var configuration = ServerConfiguration(baseURL: baseURL.flatMap(URL.init(string:)), logLevel: .error,
                                                maxRequestBodySize: maxBody, bcryptCost: 4,
                                                trustForwardedFor: trustForwardedFor)
        if let idleTimeout { configuration.idleTimeout = idleTimeout }
        if let bodyTimeout { configuration.bodyTimeout = bodyTimeout }
        self.configuration = configuration
        let store = AccountStoreFake()
        self.store = store
        self.throttle = LoginThrottle(store: store, policy: throttle)
        administration = UserAdministration(store: store, bcryptCost: 4, credentialCache: cache)
    }

    func addAlice() async throws -> User {
        try await administration.addUser(name: "alice", password: Self.alicePassword)
    }

    func application() throws -> some ApplicationProtocol {
        let seen = self.seen
        return try AlmanacApplication.make(
            configuration: configuration, store: store, logger: Logger(label: "test"), credentialCache: cache,
            loginThrottle: throttle, onServerRunning: { _ in },
            handleDAV: { request in
                seen.append(request)
                return DAVResponse(status: 207, headers: DAVHeaders([("Content-Type", "text/plain")]),
                                   body: Array(request.path.joined(separator: "|").utf8))
            })
    }

    var lastDAVRequest: DAVRequest? { seen.requests.last }
    var davRequestCount: Int { seen.requests.count }

    static func basic(_ user: String, _ password: String) -> HTTPFields {
        [.authorization: BasicCredentials(userName: user, password: password).authorizationHeader]
    }
}

extension HTTPRequest.Method {
    static let propfind = HTTPRequest.Method("PROPFIND")!
}

/// The DAV requests the probe received, shared between the server tasks and the test.
final class DAVRequestLog: Sendable {
    private let storage = Mutex<[DAVRequest]>([])
    func append(_ request: DAVRequest) { storage.withLock { $0.append(request) } }
    var requests: [DAVRequest] { storage.withLock { $0 } }
}
