/// One HTTP response produced by the DAV layer; the server adapter turns it into its own response type.
public struct DAVResponse: Sendable {
    public var status: Int
    public var headers: DAVHeaders
    public var body: [UInt8]

    public init(status: Int, headers: DAVHeaders = DAVHeaders(), body: [UInt8] = []) {
        self.status = status
        self.headers = headers
        self.body = body
    }
}
