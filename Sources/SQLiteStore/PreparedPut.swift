import CalendarStore

/// A put checked and encoded before it reaches the writer: validation, the SHA-256 ETag and the instance blob cost
/// CPU, not the database, so they run on the caller's task and the single writer only does SQL.
struct PreparedPut: Sendable {
    let name: String
    let data: [UInt8]
    let etag: ETag
    let index: ObjectIndex
    let instanceBlob: [UInt8]
    let precondition: WritePrecondition

    init(name: String, data: [UInt8], index: ObjectIndex, precondition: WritePrecondition) throws(StoreError) {
        try index.validate(name: name)
        self.name = name
        self.data = data
        self.etag = ETag(of: data)
        self.index = index
        self.instanceBlob = InstanceBlob.encode(index.instances)
        self.precondition = precondition
    }
}
