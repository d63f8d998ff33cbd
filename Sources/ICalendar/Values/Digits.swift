/// Fixed-width decimal formatting and parsing on UTF-8 bytes, shared by the value codecs.
enum Digits {
    static func pad(_ value: Int, _ width: Int) -> String {
        let s = String(abs(value))
        let body = s.count >= width ? s : String(repeating: "0", count: width - s.count) + s
        return value < 0 ? "-" + body : body
    }

    /// The number written by `count` ASCII digits at `start`, or nil if any is not a digit.
    @inline(__always)
    static func read<C: RandomAccessCollection<UInt8>>(_ bytes: C, _ offset: Int, _ count: Int) -> Int? where C.Index == Int {
        let start = bytes.startIndex + offset
        guard start >= bytes.startIndex, start + count <= bytes.endIndex else { return nil }
        var value = 0
        for i in start..<(start + count) {
            let b = bytes[i]
            guard b >= 0x30, b <= 0x39 else { return nil }
            value = value * 10 + Int(b - 0x30)
        }
        return value
    }
}
