import CalendarStore
import Foundation
import PostgresStore
import Testing

/// `store = postgres://...` as libpq writes such URLs.
struct PostgresStoreConfigurationTests {
    @Test func minimalURL() throws {
        let configuration = try PostgresStoreConfiguration(url: "postgres://almanac@db.example.com/calendars")
        #expect(configuration.hosts == [.init(name: "db.example.com", port: 5432)])
        #expect(configuration.username == "almanac")
        #expect(configuration.password == nil)
        #expect(configuration.database == "calendars")
        #expect(configuration.tls == .prefer)
        #expect(configuration.schema == nil)
    }

    @Test func hostsPortsPasswordAndOptions() throws {
        let configuration = try PostgresStoreConfiguration(
            url: "postgresql://al%40manac:p%3Ass@primary:5433,standby,[::1]:5434/cal?sslmode=verify-full"
                + "&sslrootcert=/etc/ca.pem&search_path=tenant,public&pool_max_conns=7")
        #expect(configuration.hosts == [.init(name: "primary", port: 5433), .init(name: "standby", port: 5432),
                                        .init(name: "::1", port: 5434)])
        #expect(configuration.username == "al@manac")
        #expect(configuration.password == "p:ss")
        #expect(configuration.tls == .verifyFull)
        #expect(configuration.rootCertificatePath == "/etc/ca.pem")
        #expect(configuration.schema == "tenant,public")
        #expect(configuration.maximumConnections == 7)
        #expect(configuration.redacted == "postgres://al@manac@primary:5433,standby:5432,[::1]:5434/cal")
    }

    @Test func passwordFileWinsAndLosesItsLineBreak() throws {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("pg-\(UUID().uuidString)")
        try "s3cret\n".write(to: file, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(at: file) }
        let configuration = try PostgresStoreConfiguration(url: "postgres://u:inline@h/d", passwordFile: file.path)
        #expect(configuration.password == "s3cret")
    }

    @Test(arguments: [
        ("mysql://u@h/d", "starts with postgres://"),
        ("postgres://h/d", "names no user"),
        ("postgres://u@h", "names no database"),
        ("postgres://u@h:99999/d", "bad PostgreSQL port"),
        ("postgres://u@h/d?sslmode=maybe", "sslmode maybe"),
        ("postgres://u@h/d?colour=blue", "unknown PostgreSQL URL parameter colour"),
        ("postgres://u@h,/d", "empty host"),
    ])
    func refusals(url: String, reason: String) {
        do {
            _ = try PostgresStoreConfiguration(url: url)
            Issue.record("\(url) was accepted")
        } catch {
            guard case .invalidArgument(let message) = error else {
                Issue.record("\(url): \(error)")
                return
            }
            #expect(message.contains(reason), "\(message)")
        }
    }
}
