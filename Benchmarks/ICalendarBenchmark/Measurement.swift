import Foundation

/// Median-of-runs wall-clock timing for the benchmark (monotonic clock).
enum Measurement {
    static func median<T>(runs: Int, _ body: () throws -> T) rethrows -> (seconds: Double, result: T) {
        var samples: [Double] = []
        var last: T?
        for _ in 0..<max(1, runs) {
            let start = DispatchTime.now().uptimeNanoseconds
            last = try body()
            samples.append(Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9)
        }
        samples.sort()
        return (samples[samples.count / 2], last!)
    }

    static func format(_ seconds: Double) -> String {
        if seconds < 1e-3 { return String(format: "%.1f µs", seconds * 1e6) }
        if seconds < 1 { return String(format: "%.2f ms", seconds * 1e3) }
        return String(format: "%.2f s", seconds)
    }
}
