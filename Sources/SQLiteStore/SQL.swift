/// An SQL statement whose interpolations become bind parameters, never spliced text:
/// `"SELECT name FROM users WHERE id = \(id)"` is `SELECT name FROM users WHERE id = ?` with `id` bound.
struct SQL: ExpressibleByStringInterpolation, Sendable, CustomStringConvertible {
    private(set) var text: String
    private(set) var bindings: [SQLiteValue]

    init(stringLiteral value: String) {
        self.text = value
        self.bindings = []
    }

    init(stringInterpolation: StringInterpolation) {
        self.text = stringInterpolation.text
        self.bindings = stringInterpolation.bindings
    }

    /// Joins statement fragments, keeping each fragment's parameters in order.
    static func + (lhs: SQL, rhs: SQL) -> SQL {
        var result = lhs
        result.text += rhs.text
        result.bindings += rhs.bindings
        return result
    }

    static func += (lhs: inout SQL, rhs: SQL) { lhs = lhs + rhs }

    var description: String { text }

    struct StringInterpolation: StringInterpolationProtocol {
        fileprivate var text = ""
        fileprivate var bindings: [SQLiteValue] = []

        init(literalCapacity: Int, interpolationCount: Int) {
            text.reserveCapacity(literalCapacity + interpolationCount)
        }

        mutating func appendLiteral(_ literal: String) { text += literal }

        /// One bind parameter.
        mutating func appendInterpolation(_ value: some SQLiteBindable) {
            text += "?"
            bindings.append(value.sqliteValue)
        }

        /// One bind parameter, NULL when the value is nil. (A separate overload, so an optional is meant, not
        /// printed by accident.)
        mutating func appendInterpolation<Value: SQLiteBindable>(_ value: Value?) {
            text += "?"
            bindings.append(value.sqliteValue)
        }

        /// A parameter list for `IN (...)`: one placeholder per value (`NULL` for none, which matches nothing).
        mutating func appendInterpolation(list values: [some SQLiteBindable]) {
            guard !values.isEmpty else {
                text += "NULL"
                return
            }
            text += Array(repeating: "?", count: values.count).joined(separator: ", ")
            bindings += values.map(\.sqliteValue)
        }

        /// A nested fragment with its own parameters.
        mutating func appendInterpolation(fragment: SQL) {
            text += fragment.text
            bindings += fragment.bindings
        }
    }
}
