/// The materialised instances of an object as stores keep them beside it, so a record reads back without touching
/// their instance index: 16 bytes per instance, start then end, each a big-endian Int64.
public enum InstanceBlob {
    public static func encode(_ instances: [InstanceInterval]) -> [UInt8] {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(instances.count * 16)
        for instance in instances {
            append(instance.start, to: &bytes)
            append(instance.end, to: &bytes)
        }
        return bytes
    }

    public static func decode(_ bytes: [UInt8]) -> [InstanceInterval] {
        let count = bytes.count / 16
        return bytes.withUnsafeBytes { raw in
            [InstanceInterval](unsafeUninitializedCapacity: count) { buffer, initialized in
                for index in 0..<count {
                    buffer.initializeElement(at: index, to: InstanceInterval(start: read(raw, at: index * 16),
                                                                             end: read(raw, at: index * 16 + 8)))
                }
                initialized = count
            }
        }
    }

    private static func append(_ value: Int64, to bytes: inout [UInt8]) {
        let bits = UInt64(bitPattern: value)
        for shift in stride(from: 56, through: 0, by: -8) { bytes.append(UInt8(truncatingIfNeeded: bits >> UInt64(shift))) }
    }

    private static func read(_ raw: UnsafeRawBufferPointer, at offset: Int) -> Int64 {
        Int64(bitPattern: UInt64(bigEndian: raw.loadUnaligned(fromByteOffset: offset, as: UInt64.self)))
    }
}
