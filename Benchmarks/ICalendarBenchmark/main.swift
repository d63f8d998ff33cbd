import Foundation
import ICalendar

// icalendar-bench: Almanac's iCalendar engine beside python icalendar + recurring-ical-events, on the same
// generated calendar, in one run. Prints figures; it asserts nothing about time (see Benchmarks/RESULTS.md).

let options: BenchmarkOptions
do {
    options = try BenchmarkOptions(arguments: Array(CommandLine.arguments.dropFirst()))
} catch {
    if let message = error.message { FileHandle.standardError.write(Data("icalendar-bench: \(message)\n".utf8)) }
    print(BenchmarkOptions.usage)
    exit(error.message == nil ? 0 : 64)
}

try FileManager.default.createDirectory(atPath: options.output, withIntermediateDirectories: true)
let path = "\(options.output)/generated-\(options.events).ics"
let text = CalendarGenerator(count: options.events).generate()
try text.write(toFile: path, atomically: true, encoding: .utf8)
let bytes = Array(text.utf8)
let megabytes = Double(bytes.count) / 1_000_000
print("Generated \(options.events) events (\(String(format: "%.2f", megabytes)) MB) at \(path)")

let parse = try Measurement.median(runs: options.runs) { try ICalendarParser(options: .strict).parseCalendar(bytes) }
let calendar = parse.result
let serialize = Measurement.median(runs: options.runs) { ICalendarSerializer().serialize(calendar) }
let lenient = try Measurement.median(runs: options.runs) { try ICalendarParser(options: .lenient).parse(bytes) }

var report = Report()
report.row("parse (strict, with value checks)", parse.seconds, throughput: megabytes / parse.seconds)
report.row("parse (lenient)", lenient.seconds, throughput: megabytes / lenient.seconds)
report.row("serialize", serialize.seconds, throughput: megabytes / serialize.seconds)

let expansion = try ExpansionBenchmark(calendar: calendar, runs: options.runs).run()
for row in expansion.rows { report.row(row.name, row.seconds, count: row.count) }

if let python = options.python {
    let peer = try PythonPeer(python: python, script: "Benchmarks/peers/icalendar_peer.py").run(path: path, runs: max(1, options.runs / 2))
    report.peer("parse", almanac: parse.seconds, peer: peer.parseSeconds, peerThroughput: megabytes / peer.parseSeconds)
    report.peer("month expansion (2025-03)", almanac: expansion.monthSeconds, peer: peer.monthSeconds,
                note: "instances: almanac \(expansion.monthInstances), python \(peer.monthInstances)")
    report.peer("year expansion (2025)", almanac: expansion.yearSeconds, peer: peer.yearSeconds,
                note: "instances: almanac \(expansion.yearInstances), python \(peer.yearInstances)")
    report.peer("daily rule, 5 years", almanac: expansion.dailySeconds, peer: peer.daily5ySeconds,
                note: "instances: almanac \(expansion.dailyInstances), python \(peer.daily5yInstances)")
    report.mismatches = [
        ("month", expansion.monthInstances, peer.monthInstances),
        ("year", expansion.yearInstances, peer.yearInstances),
        ("daily 5 years", expansion.dailyInstances, peer.daily5yInstances),
    ].filter { $0.1 != $0.2 }
}
report.print()
if !report.mismatches.isEmpty {
    FileHandle.standardError.write(Data("icalendar-bench: instance counts differ from the python peer: \(report.mismatches)\n".utf8))
    exit(1)
}
