import ICalendar

/// `ClassifiedView` on stored bytes: the bytes themselves when nothing in the object is classified (the usual case:
/// nothing is parsed twice or re-serialised), otherwise the reduced object serialised.
public enum ClassifiedBytes {
    public static func view(of data: [UInt8]) -> [UInt8] {
        // CLASS is rare; an object without the word cannot hold a classified component.
        guard mentionsClass(data),
              let calendar = try? ICalendarParser(options: .storedObject).parse(data).components.first else { return data }
        let view = ClassifiedView.view(of: calendar)
        return view == calendar ? data : ICalendarSerializer().serialize(view)
    }

    /// Whether "CLASS" appears in the data, in any case.
    private static func mentionsClass(_ data: [UInt8]) -> Bool {
        let word = Array("class".utf8)
        guard data.count >= word.count else { return false }
        return data.withUnsafeBufferPointer { bytes in
            for start in 0...(bytes.count - word.count) where bytes[start] | 0x20 == word[0] {
                if (1..<word.count).allSatisfy({ bytes[start + $0] | 0x20 == word[$0] }) { return true }
            }
            return false
        }
    }
}
