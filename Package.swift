// swift-tools-version: 6.1
import PackageDescription

let package = Package(
    name: "Almanac",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "almanac", targets: ["almanac"]),
        .library(name: "ICalendar", targets: ["ICalendar"]),
        .library(name: "ICalendarRecurrence", targets: ["ICalendarRecurrence"]),
    ],
    dependencies: [
        // HTTP server on SwiftNIO; routes any method (PROPFIND, REPORT, MKCALENDAR ...).
        .package(url: "https://github.com/hummingbird-project/hummingbird.git", from: "2.28.1"),
        // bcrypt password hashes for accounts and app passwords.
        .package(url: "https://github.com/hummingbird-project/hummingbird-auth.git", from: "2.5.0"),
        .package(url: "https://github.com/apple/swift-argument-parser.git", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-log.git", from: "1.16.2"),
        // Already in the graph through Hummingbird; declared because AlmanacServer imports them directly:
        // ServiceLifecycle for background services (index maintenance), HTTPTypes and NIO for the adapter.
        .package(url: "https://github.com/swift-server/swift-service-lifecycle.git", from: "2.13.0"),
        .package(url: "https://github.com/apple/swift-http-types.git", from: "1.8.0"),
        .package(url: "https://github.com/apple/swift-nio.git", from: "2.101.2"),
        // TLS for iMIP: STARTTLS (and implicit TLS) to the outgoing mail relay. Already in the graph through Hummingbird.
        .package(url: "https://github.com/apple/swift-nio-ssl.git", from: "2.37.6"),
        // The PostgreSQL wire protocol for PostgresStore (several nodes on one database).
        .package(url: "https://github.com/vapor/postgres-nio.git", from: "1.33.2"),
        // The JSON API: the OpenAPI document is the source of truth; the generator's build plugin writes its types
        // and server stubs, the runtime carries them, and the Hummingbird transport mounts them on the server.
        .package(url: "https://github.com/apple/swift-openapi-generator.git", from: "1.14.3"),
        .package(url: "https://github.com/apple/swift-openapi-runtime.git", from: "1.13.4"),
        .package(url: "https://github.com/hummingbird-project/swift-openapi-hummingbird.git", from: "2.1.0"),
        // Outgoing HTTP: single sign-on talks to the OpenID Connect provider (discovery, token endpoint, keys).
        .package(url: "https://github.com/swift-server/async-http-client.git", from: "1.37.0"),
        // JSON Web Tokens: verifying the provider's ID tokens against its published key set (RS256, ES256 ...).
        .package(url: "https://github.com/vapor/jwt-kit.git", from: "5.8.0"),
    ],
    targets: [
        // System libraries; each is imported by exactly one wrapper target.
        .systemLibrary(name: "CSQLite", pkgConfig: "sqlite3", providers: [.apt(["libsqlite3-dev"])]),
        .systemLibrary(name: "CLibXML2", pkgConfig: "libxml-2.0", providers: [.apt(["libxml2-dev"])]),

        // RFC 5545 / 7986 / 7265 model and codec. Foundation only.
        .target(name: "ICalendar"),
        // Recurrence expansion, RFC 4791 §9.9 time ranges and free/busy on top of the model.
        .target(name: "ICalendarRecurrence", dependencies: ["ICalendar"]),

        // RFC 5546 iTIP and RFC 6638 scheduling as pure functions, and RFC 6047 iMIP message rendering. No I/O.
        .target(name: "ITIP", dependencies: ["ICalendar", "ICalendarRecurrence"]),

        // libxml2 adapter: hardened parsing into an immutable tree, and a writer. No DAV semantics.
        .target(name: "DAVXML", dependencies: ["CLibXML2"]),
        // RFC 4918 / 3744 / 6578 building blocks: requests, responses, multistatus, Depth, preconditions.
        .target(name: "WebDAV", dependencies: ["DAVXML"]),
        // The storage contract. Never parses iCalendar or XML.
        .target(name: "CalendarStore"),
        // The store contract suite and an in-memory store, for tests of every store.
        .target(name: "CalendarStoreTesting", dependencies: ["CalendarStore"]),
        // CalendarStore over SQLite: WAL, migrations, one writer and a pool of readers.
        .target(name: "SQLiteStore", dependencies: ["CalendarStore", "CSQLite"]),
        // CalendarStore over PostgreSQL: several Almanac nodes on one database, numbered migrations like SQLite's.
        .target(
            name: "PostgresStore",
            dependencies: [
                "CalendarStore",
                .product(name: "PostgresNIO", package: "postgres-nio"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
            ]
        ),
        // The protocol-neutral calendar: validation, the object index, queries, free/busy, import/export and
        // scheduling orchestration. No XML, no HTTP: each door (CalDAV) maps its values and errors.
        .target(
            name: "Calendaring",
            dependencies: ["CalendarStore", "ICalendar", "ICalendarRecurrence", "ITIP"]
        ),
        // The CalDAV door: RFC 4791 / 6638 resources, reports and request bodies over WebDAV, mapped onto Calendaring.
        .target(
            name: "CalDAV",
            dependencies: ["Calendaring", "WebDAV", "DAVXML", "CalendarStore", "ICalendar", "ICalendarRecurrence", "ITIP"]
        ),
        // The JSON door for apps: /api/v1 from the OpenAPI document, handlers mapped onto Calendaring, errors as
        // RFC 9457 problem details. No WebDAV, no XML, no Hummingbird.
        .target(
            name: "CalendarAPI",
            dependencies: [
                "Calendaring", "CalendarStore", "ICalendar", "ICalendarRecurrence", "ITIP",
                .product(name: "OpenAPIRuntime", package: "swift-openapi-runtime"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "Logging", package: "swift-log"),
            ],
            plugins: [.plugin(name: "OpenAPIGenerator", package: "swift-openapi-generator")]
        ),
        // Composition on Hummingbird 2: auth, request log, limits, /.well-known, health.
        .target(
            name: "AlmanacServer",
            dependencies: [
                "CalDAV", "CalendarAPI", "Calendaring", "WebDAV", "CalendarStore", "ICalendar",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "OpenAPIHummingbird", package: "swift-openapi-hummingbird"),
                .product(name: "OpenAPIRuntime", package: "swift-openapi-runtime"),
                // HummingbirdCore and NIOHTTP1: Almanac's HTTP/1 child channel puts the request body gate
                // (Expect: 100-continue, closing after a refusal) between NIO's HTTP/1 decoder and Hummingbird.
                .product(name: "HummingbirdCore", package: "hummingbird"),
                .product(name: "HummingbirdBcrypt", package: "hummingbird-auth"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "JWTKit", package: "jwt-kit"),
            ],
            // The OpenAPI document, served at /api/v1/openapi.yaml. CalendarAPI's openapi.yaml, which the generator
            // reads, links here: a resource of CalendarAPI itself would clash with the generated code's package
            // imports, and SwiftPM copies a linked resource as a dangling link.
            resources: [.copy("Resources/openapi.yaml")]
        ),
        // The executable: configuration, choice of store, subcommands.
        .executableTarget(
            name: "almanac",
            dependencies: [
                "AlmanacServer", "SQLiteStore", "PostgresStore", "CalendarStore", "Calendaring", "CalDAV", "ICalendar",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),

        // Instructions per DAV request under callgrind (Benchmarks/server/instructions.py); not part of the server.
        .executableTarget(
            name: "dav-instructions",
            dependencies: ["CalDAV", "CalendarStore", "SQLiteStore", "WebDAV"],
            path: "Benchmarks/DAVInstructions"
        ),

        .executableTarget(
            name: "icalendar-bench",
            dependencies: ["ICalendar", "ICalendarRecurrence"],
            path: "Benchmarks/ICalendarBenchmark"
        ),

        .testTarget(name: "ICalendarTests", dependencies: ["ICalendar"]),
        .testTarget(name: "ICalendarRecurrenceTests", dependencies: ["ICalendar", "ICalendarRecurrence"]),
        .testTarget(name: "ITIPTests", dependencies: ["ITIP", "ICalendar", "ICalendarRecurrence"]),
        .testTarget(name: "DAVXMLTests", dependencies: ["DAVXML"]),
        .testTarget(name: "WebDAVTests", dependencies: ["WebDAV", "DAVXML"]),
        .testTarget(name: "CalendarStoreTests", dependencies: ["CalendarStore", "CalendarStoreTesting"]),
        .testTarget(name: "SQLiteStoreTests", dependencies: ["SQLiteStore", "CalendarStore", "CalendarStoreTesting"]),
        .testTarget(
            name: "PostgresStoreTests",
            dependencies: ["PostgresStore", "SQLiteStore", "CalendarStore", "CalendarStoreTesting"]
        ),
        .testTarget(
            name: "CalendaringTests",
            dependencies: ["Calendaring", "CalendarStore", "CalendarStoreTesting", "ICalendar", "ICalendarRecurrence"]
        ),
        .testTarget(
            name: "CalDAVTests",
            dependencies: ["CalDAV", "Calendaring", "WebDAV", "DAVXML", "CalendarStore", "CalendarStoreTesting", "ICalendar", "ICalendarRecurrence"]
        ),
        .testTarget(
            name: "CalendarAPITests",
            dependencies: ["CalendarAPI", "Calendaring", "CalendarStore", "CalendarStoreTesting", "ICalendar"]
        ),
        .testTarget(
            name: "AlmanacServerTests",
            dependencies: [
                "AlmanacServer", "CalDAV", "CalendarAPI", "DAVXML", "CalendarStore", "CalendarStoreTesting",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdTesting", package: "hummingbird"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
                .product(name: "JWTKit", package: "jwt-kit"),
            ]
        ),
    ]
)
