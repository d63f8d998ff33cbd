// swift-tools-version: 6.1
import PackageDescription

let package = Package(
    name: "Almanac",
    platforms: [.macOS(.v15)],
    products: [
        .library(name: "ICalendar", targets: ["ICalendar"]),
        .library(name: "ICalendarRecurrence", targets: ["ICalendarRecurrence"]),
    ],
    targets: [
        // RFC 5545 / 7986 / 7265 model and codec. Foundation only.
        .target(name: "ICalendar"),
        // Recurrence expansion, RFC 4791 §9.9 time ranges and free/busy on top of the model.
        .target(name: "ICalendarRecurrence", dependencies: ["ICalendar"]),

        .executableTarget(
            name: "icalendar-bench",
            dependencies: ["ICalendar", "ICalendarRecurrence"],
            path: "Benchmarks/ICalendarBenchmark"
        ),

        .testTarget(name: "ICalendarTests", dependencies: ["ICalendar"]),
        .testTarget(name: "ICalendarRecurrenceTests", dependencies: ["ICalendar", "ICalendarRecurrence"]),
    ]
)
