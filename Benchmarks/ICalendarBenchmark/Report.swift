import Foundation

/// Collects figures and prints them as two aligned tables: our own timings, then the side-by-side with the peer.
struct Report {
    private var rows: [String] = []
    private var peers: [String] = []
    var mismatches: [(String, Int, Int)] = []

    mutating func row(_ name: String, _ seconds: Double, throughput: Double? = nil, count: Int? = nil) {
        var line = name.padding(toLength: 40, withPad: " ", startingAt: 0) + Measurement.format(seconds).leftPad(12)
        if let throughput { line += String(format: "  %8.1f MB/s", throughput) }
        if let count {
            line += String(format: "  %8d instances  %12.0f instances/s", count, Double(count) / seconds)
        }
        rows.append(line)
    }

    mutating func peer(_ name: String, almanac: Double, peer: Double, peerThroughput: Double? = nil, note: String = "") {
        var line = name.padding(toLength: 30, withPad: " ", startingAt: 0)
        line += Measurement.format(almanac).leftPad(12) + Measurement.format(peer).leftPad(12)
        line += String(format: "  %8.1fx", peer / almanac)
        if let peerThroughput { line += String(format: "  (python %.2f MB/s)", peerThroughput) }
        if !note.isEmpty { line += "  " + note }
        peers.append(line)
    }

    func print() {
        Swift.print("\nAlmanac ICalendar (release build, median of runs)")
        for row in rows { Swift.print("  " + row) }
        guard !peers.isEmpty else { return }
        Swift.print("\nSide by side".padding(toLength: 33, withPad: " ", startingAt: 0) + "almanac".leftPad(12) + "python".leftPad(12) + "  speed-up")
        for line in peers { Swift.print("  " + line) }
    }
}

extension String {
    func leftPad(_ width: Int) -> String {
        count >= width ? self : String(repeating: " ", count: width - count) + self
    }
}
