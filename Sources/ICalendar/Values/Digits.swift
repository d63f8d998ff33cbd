/// Fixed-width decimal formatting and parsing on UTF-8 bytes, shared by the value codecs.
enum Digits {
    static func pad(_ value: Int, _ width: Int) -> String {
        String(unsafeUninitializedCapacity: max(width, 20) + 1) { write(value, width, into: $0, at: 0) }
    }

    /// Writes `value` in decimal, zero-padded to `width` digits (more when it needs them), after a '-' when negative,
    /// at `start`; returns the index after the last digit. Value formatting runs for every date-time a response
    /// re-serialises, so it writes bytes rather than concatenating strings.
    static func write(_ value: Int, _ width: Int, into buffer: UnsafeMutableBufferPointer<UInt8>, at start: Int) -> Int {
        var magnitude = value.magnitude
        var digits = 1
        var rest = magnitude
        while rest >= 10 { rest /= 10; digits += 1 }
        var index = start
        if value < 0 { buffer[index] = UInt8(ascii: "-"); index += 1 }
        let end = index + max(width, digits)
        var position = end
        while position > index {
            position -= 1
            buffer[position] = 0x30 + UInt8(magnitude % 10)
            magnitude /= 10
        }
        return end
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
