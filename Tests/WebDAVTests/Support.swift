import DAVXML
@testable import WebDAV

func bytes(_ text: String) -> [UInt8] { Array(text.utf8) }

func element(_ text: String) throws -> XMLElement {
    try XMLDocumentParser.parse(Array(text.utf8))
}

/// The DAVError a throwing parser call produced, or nil when it succeeded.
func davError<T>(_ body: () throws(DAVError) -> T) -> DAVError? {
    do {
        _ = try body()
        return nil
    } catch {
        return error
    }
}
