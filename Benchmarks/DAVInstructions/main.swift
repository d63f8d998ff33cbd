// dav-instructions: runs one DAV request against a data folder in process, `--requests` times after one warm-up,
// for `Benchmarks/server/instructions.py`, which counts the instructions under valgrind's callgrind.
//
// Why a separate executable: `almanac serve` has an async main, which on Linux parks the main thread in
// dispatch_main(), and valgrind 3.19 crashes there; a synchronous main that waits on a semaphore runs under it. The
// request goes through CalDAVService (the DAV layer, the engine and the SQLite store: everything whose cost grows
// with the answer) without the HTTP server, whose cost per request does not.
//
//     dav-instructions --data DIR --user NAME --method REPORT --path /calendars/bench/bench/ --depth 1 \
//         --body FILE --requests 10
import CalDAV
import CalendarStore
import Dispatch
import Foundation
import SQLiteStore
import WebDAV

struct Arguments {
    var data = ""
    var user = "bench"
    var method = "GET"
    var path = "/"
    var depth: String?
    var body: [UInt8] = []
    var requests = 1

    init(_ arguments: [String]) throws {
        var iterator = arguments.dropFirst().makeIterator()
        while let flag = iterator.next() {
            guard let value = iterator.next() else { throw Failure("\(flag) needs a value") }
            switch flag {
            case "--data": data = value
            case "--user": user = value
            case "--method": method = value
            case "--path": path = value
            case "--depth": depth = value
            case "--body": body = Array(try Data(contentsOf: URL(fileURLWithPath: value)))
            case "--requests": requests = Int(value) ?? 1
            default: throw Failure("unknown option \(flag)")
            }
        }
    }
}

struct Failure: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}

func run(_ arguments: Arguments) async throws {
    let store = try SQLiteStore(path: (arguments.data as NSString).appendingPathComponent("almanac.sqlite"))
    defer { store.close() }
    guard let user = try await store.user(named: arguments.user) else { throw Failure("no user \(arguments.user)") }
    let service = CalDAVService(store: store)
    var headers = DAVHeaders([("Content-Type", "application/xml; charset=utf-8")])
    if let depth = arguments.depth { headers.set("Depth", depth) }
    let request = DAVRequest(method: arguments.method, path: arguments.path.split(separator: "/").map(String.init),
                             trailingSlash: arguments.path.hasSuffix("/"), headers: headers, body: arguments.body,
                             principal: DAVPrincipal(userID: user.id, userName: user.name))
    var bytes = 0
    for _ in 0...arguments.requests {  // one warm-up, then the counted ones
        let response = try await service.handle(request).collected()
        guard (200..<300).contains(response.status) else {
            throw Failure("status \(response.status): \(String(decoding: response.body.prefix(300), as: UTF8.self))")
        }
        bytes = response.body.count
    }
    print("\(arguments.method) \(arguments.path): \(bytes) bytes")
}

/// The task's error, handed to the main thread; the semaphore orders the write before the read.
final class Outcome: @unchecked Sendable {
    var failure: (any Error)?
}

let outcome = Outcome()
let done = DispatchSemaphore(value: 0)
Task.detached {  // detached: top-level code is on the main actor, which the semaphore blocks
    do { try await run(try Arguments(CommandLine.arguments)) } catch { outcome.failure = error }
    done.signal()
}
done.wait()
if let failure = outcome.failure {
    FileHandle.standardError.write(Data("dav-instructions: \(failure)\n".utf8))
    exit(1)
}
