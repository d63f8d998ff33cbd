/// A put checked and encoded before a store's transaction: validation, the SHA-256 ETag and the instance blob cost
/// CPU, not the database, so stores run them on the caller's task and keep their writers (SQLite's single writer, a
/// PostgreSQL transaction holding a calendar's row lock) for SQL.
public struct PreparedPut: Sendable {
    public let name: String
    public let data: [UInt8]
    public let etag: ETag
    public let index: ObjectIndex
    public let instanceBlob: [UInt8]
    public let precondition: WritePrecondition

    public init(name: String, data: [UInt8], index: ObjectIndex, precondition: WritePrecondition) throws(StoreError) {
        try index.validate(name: name)
        self.name = name
        self.data = data
        self.etag = ETag(of: data)
        self.index = index
        self.instanceBlob = InstanceBlob.encode(index.instances)
        self.precondition = precondition
    }

    /// Each write of a batch prepared on its own: an invalid one fails alone (`CalendarStore.putObjects`).
    public static func batch(_ writes: [ObjectWrite]) -> [Result<PreparedPut, StoreError>] {
        writes.map { write in
            Result { () throws(StoreError) in
                try PreparedPut(name: write.name, data: write.data, index: write.index,
                                precondition: write.precondition)
            }
        }
    }
}
