/// Command-line options, parsed by hand: the benchmark depends on nothing but the library it measures.
struct BenchmarkOptions {
    var events = 10_000
    var python: String?
    var runs = 5
    var output = "Benchmarks/out"

    static let usage = """
        usage: icalendar-bench [--events N] [--runs N] [--python PATH] [--output DIR]
          --events N     events in the generated calendar (default 10000)
          --runs N       repetitions per measurement; the median is reported (default 5)
          --python PATH  python with icalendar and recurring-ical-events, measured on the same input
          --output DIR   where the generated calendar is written (default Benchmarks/out)
        """

    init(arguments: [String]) throws(UsageError) {
        var i = 0
        func value() throws(UsageError) -> String {
            i += 1
            guard i < arguments.count else { throw UsageError(message: "\(arguments[i - 1]) needs a value") }
            return arguments[i]
        }
        while i < arguments.count {
            switch arguments[i] {
            case "--events": events = try Self.number(value())
            case "--runs": runs = try Self.number(value())
            case "--python": python = try value()
            case "--output": output = try value()
            case "-h", "--help": throw UsageError(message: nil)
            default: throw UsageError(message: "unknown option \(arguments[i])")
            }
            i += 1
        }
    }

    private static func number(_ text: String) throws(UsageError) -> Int {
        guard let n = Int(text), n > 0 else { throw UsageError(message: "'\(text)' is not a positive number") }
        return n
    }

    struct UsageError: Error {
        let message: String?
    }
}
