import CalendarStore
import Testing

/// The stored instance list reads back exactly: big-endian, 16 bytes an instance, negative and extreme instants too.
@Suite struct InstanceBlobTests {
    @Test func instancesRoundTrip() {
        let instances = [
            InstanceInterval(start: 0, end: 1), InstanceInterval(start: -62_135_596_800, end: -62_135_510_400),
            InstanceInterval(start: 1_796_083_200, end: 1_796_086_800), InstanceInterval(start: .min, end: .max),
        ]
        let bytes = InstanceBlob.encode(instances)
        #expect(bytes.count == 64)
        #expect(Array(bytes[8..<16]) == [0, 0, 0, 0, 0, 0, 0, 1])
        #expect(InstanceBlob.decode(bytes) == instances)
        #expect(InstanceBlob.decode([]) == [])
    }

    @Test func aTruncatedTailIsIgnored() {
        let bytes = InstanceBlob.encode([InstanceInterval(start: 5, end: 6)]) + [1, 2, 3]
        #expect(InstanceBlob.decode(bytes) == [InstanceInterval(start: 5, end: 6)])
    }
}
