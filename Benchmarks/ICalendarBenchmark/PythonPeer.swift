import Foundation

/// Runs `Benchmarks/peers/icalendar_peer.py` with the given interpreter and reads its JSON figures.
struct PythonPeer {
    struct Figures: Decodable {
        let parseSeconds: Double
        let monthSeconds: Double
        let monthInstances: Int
        let yearSeconds: Double
        let yearInstances: Int
        let daily5ySeconds: Double
        let daily5yInstances: Int

        enum CodingKeys: String, CodingKey {
            case parseSeconds = "parse_seconds", monthSeconds = "month_seconds", monthInstances = "month_instances"
            case yearSeconds = "year_seconds", yearInstances = "year_instances"
            case daily5ySeconds = "daily5y_seconds", daily5yInstances = "daily5y_instances"
        }
    }

    struct Failure: Error, CustomStringConvertible {
        let description: String
    }

    let python: String
    let script: String

    func run(path: String, runs: Int) throws -> Figures {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: python)
        process.arguments = [script, path, String(runs)]
        let output = Pipe()
        process.standardOutput = output
        try process.run()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            throw Failure(description: "\(python) \(script) exited with \(process.terminationStatus)")
        }
        return try JSONDecoder().decode(Figures.self, from: data)
    }
}
