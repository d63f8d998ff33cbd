import PostgresNIO

/// A piece of SQL with its parameters, written as a string with interpolations: each interpolated value becomes a
/// bound parameter (`$n`), never text; `\(fragment:)` splices another piece, `\(raw:)` trusted SQL text (names of
/// this module, never input). Pieces compose with `+`, numbering parameters as they go: postgres-nio's
/// `PostgresQuery` numbers its own and cannot be joined.
struct SQL: ExpressibleByStringInterpolation, Sendable {
    enum Part: Sendable {
        case text(String)
        case value(@Sendable (inout PostgresBindings) -> Void)
    }

    var parts: [Part]

    init(stringLiteral value: String) { parts = [.text(value)] }

    init(stringInterpolation: Interpolation) { parts = stringInterpolation.parts }

    struct Interpolation: StringInterpolationProtocol {
        var parts: [Part] = []

        init(literalCapacity: Int, interpolationCount: Int) {}

        mutating func appendLiteral(_ literal: String) { parts.append(.text(literal)) }

        mutating func appendInterpolation<Value: PostgresDynamicTypeEncodable & Sendable>(_ value: Value) {
            parts.append(.value { $0.append(value) })
        }

        mutating func appendInterpolation<Value: PostgresDynamicTypeEncodable & Sendable>(_ value: Value?) {
            parts.append(.value { $0.append(value) })
        }

        mutating func appendInterpolation(fragment: SQL) { parts.append(contentsOf: fragment.parts) }

        mutating func appendInterpolation(raw: String) { parts.append(.text(raw)) }
    }

    static func + (lhs: SQL, rhs: SQL) -> SQL {
        var joined = lhs
        joined.parts.append(contentsOf: rhs.parts)
        return joined
    }

    static func += (lhs: inout SQL, rhs: SQL) { lhs.parts.append(contentsOf: rhs.parts) }

    /// The statement for postgres-nio, with parameters numbered in order.
    var query: PostgresQuery {
        var sql = ""
        var binds = PostgresBindings()
        for part in parts {
            switch part {
            case .text(let text): sql += text
            case .value(let bind):
                bind(&binds)
                sql += "$\(binds.count)"
            }
        }
        return PostgresQuery(unsafeSQL: sql, binds: binds)
    }
}
