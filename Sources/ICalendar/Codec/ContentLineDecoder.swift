/// Splits a byte stream into logical content lines: line ends are CRLF (or a bare LF), and a line that begins with
/// a space or tab continues the one before (RFC 5545 §3.1 unfolding). Works on bytes, so a fold that falls inside a
/// multi-byte UTF-8 sequence is joined before anything is decoded, and input may arrive in chunks of any size.
///
/// Lines that need no unfolding are handed out as slices of the caller's buffer, without a copy.
public struct ContentLineDecoder: Sendable {
    /// Facts about the raw input seen so far, for the lenient-mode warnings.
    public struct Observations: Sendable, Hashable {
        public var sawByteOrderMark = false
        /// The first physical line that ended in LF without CR.
        public var firstBareLineFeed: Int?
    }

    public private(set) var observations = Observations()
    private var partialPhysical: [UInt8] = []
    private var pending: [UInt8] = []
    private var hasPending = false
    private var pendingLine = 0
    private var physicalLine = 0
    private var atStart = true

    public init() {}

    /// Feeds the next chunk; `emit` receives each logical line that is now complete with the physical line number
    /// it started on. A line is complete only when the next line's first byte shows it is not folded.
    public mutating func feed<E: Error>(_ chunk: UnsafeBufferPointer<UInt8>, emit: (UnsafeBufferPointer<UInt8>, Int) throws(E) -> Void) throws(E) {
        var start = 0
        let count = chunk.count
        if atStart, count > 0 {
            atStart = false
            // A UTF-8 byte order mark may arrive split across chunks only in pathological cases; handle it whole.
            if count >= 3, chunk[0] == 0xEF, chunk[1] == 0xBB, chunk[2] == 0xBF {
                observations.sawByteOrderMark = true
                start = 3
            }
        }
        // A logical line that still lives in `chunk` (not yet copied), as a range.
        var borrowed: Range<Int>?
        var i = start
        while i < count {
            guard let lf = Self.findLineFeed(chunk, from: i) else {
                partialPhysical.append(contentsOf: UnsafeBufferPointer(rebasing: chunk[i..<count]))
                break
            }
            physicalLine += 1
            var end = lf
            let physicalStart: Int
            let useOwned = !partialPhysical.isEmpty
            if useOwned {
                partialPhysical.append(contentsOf: UnsafeBufferPointer(rebasing: chunk[i..<lf]))
                physicalStart = 0
                end = partialPhysical.count
            } else {
                physicalStart = i
            }
            // Strip the CR of CRLF (it may be the last byte of the previous chunk, now in partialPhysical).
            let crPresent: Bool
            if useOwned {
                crPresent = end > 0 && partialPhysical[end - 1] == 0x0D
                if crPresent { partialPhysical.removeLast() ; end -= 1 }
            } else {
                crPresent = end > i && chunk[end - 1] == 0x0D
                if crPresent { end -= 1 }
            }
            if !crPresent, observations.firstBareLineFeed == nil { observations.firstBareLineFeed = physicalLine }

            let first: UInt8? = useOwned ? partialPhysical.first : (end > physicalStart ? chunk[physicalStart] : nil)
            let isContinuation = (first == 0x20 || first == 0x09) && (hasPending || borrowed != nil)
            if isContinuation {
                if let range = borrowed {
                    pending.removeAll(keepingCapacity: true)
                    pending.append(contentsOf: UnsafeBufferPointer(rebasing: chunk[range]))
                    borrowed = nil
                    hasPending = true
                }
                if useOwned {
                    pending.append(contentsOf: partialPhysical[1...])
                } else {
                    pending.append(contentsOf: UnsafeBufferPointer(rebasing: chunk[(physicalStart + 1)..<end]))
                }
            } else {
                try flush(chunk, &borrowed, emit)
                if useOwned {
                    pending.removeAll(keepingCapacity: true)
                    pending.append(contentsOf: partialPhysical)
                    hasPending = true
                } else {
                    borrowed = physicalStart..<end
                }
                pendingLine = physicalLine
            }
            partialPhysical.removeAll(keepingCapacity: true)
            i = lf + 1
        }
        // Anything still borrowed must be copied before the caller's buffer goes away.
        if let range = borrowed {
            pending.removeAll(keepingCapacity: true)
            pending.append(contentsOf: UnsafeBufferPointer(rebasing: chunk[range]))
            hasPending = true
        }
    }

    /// Ends the input: emits the last logical line, including a final line with no line break.
    public mutating func finish<E: Error>(emit: (UnsafeBufferPointer<UInt8>, Int) throws(E) -> Void) throws(E) {
        if !partialPhysical.isEmpty {
            physicalLine += 1
            if partialPhysical.last == 0x0D { partialPhysical.removeLast() }
            let first = partialPhysical.first
            if (first == 0x20 || first == 0x09) && hasPending {
                pending.append(contentsOf: partialPhysical.dropFirst())
            } else {
                try emitPending(emit)
                pending = partialPhysical
                hasPending = true
                pendingLine = physicalLine
            }
            partialPhysical.removeAll()
        }
        try emitPending(emit)
    }

    private mutating func flush<E: Error>(_ chunk: UnsafeBufferPointer<UInt8>, _ borrowed: inout Range<Int>?, _ emit: (UnsafeBufferPointer<UInt8>, Int) throws(E) -> Void) throws(E) {
        if let range = borrowed {
            try emit(UnsafeBufferPointer(rebasing: chunk[range]), pendingLine)
            borrowed = nil
        } else {
            try emitPending(emit)
        }
    }

    private mutating func emitPending<E: Error>(_ emit: (UnsafeBufferPointer<UInt8>, Int) throws(E) -> Void) throws(E) {
        guard hasPending else { return }
        hasPending = false
        let line = pendingLine
        try pending.withUnsafeBufferPointer { (buffer) throws(E) in try emit(buffer, line) }
        pending.removeAll(keepingCapacity: true)
    }

    @inline(__always)
    private static func findLineFeed(_ chunk: UnsafeBufferPointer<UInt8>, from start: Int) -> Int? {
        guard start < chunk.count, let base = chunk.baseAddress else { return nil }
        guard let hit = memchr(base + start, 0x0A, chunk.count - start) else { return nil }
        return base.distance(to: hit.assumingMemoryBound(to: UInt8.self))
    }
}

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif
