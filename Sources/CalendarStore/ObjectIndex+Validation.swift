extension ObjectIndex {
    /// The limits every store enforces before writing an object under `name`, so stores refuse the same input.
    /// Throws `invalidArgument` for an empty name or UID, or an instance that ends before it starts.
    public func validate(name: String) throws(StoreError) {
        guard !name.isEmpty else { throw .invalidArgument("empty object name") }
        guard !uid.isEmpty else { throw .invalidArgument("empty UID") }
        guard instances.allSatisfy({ $0.start <= $0.end }) else {
            throw .invalidArgument("an instance ends before it starts")
        }
    }
}
