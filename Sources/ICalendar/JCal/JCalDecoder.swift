import Foundation

/// Reads jCal into a component tree, strictly: anything that is not jCal, or whose iCalendar form the strict parser
/// would refuse, is a `JCalError` with a path such as `vcalendar/vevent[0]/dtstart` and a message saying what to fix.
///
/// A VCALENDAR must have VERSION and PRODID, as RFC 5545 §3.6 and the strict parser require.
///
/// Values become iCalendar text (TEXT escaped, dates compacted, RECUR objects turned into rule text); a VALUE
/// parameter is added where the jCal type is not the property's default, and never for `unknown`, whose text is
/// copied as it is. Names may come in any case; jCal writes them in lowercase and so does `JCalEncoder`.
///
/// Spec: RFC 7265 §4 (jCal → iCalendar: §4.1 components, §4.2 properties, §4.3 parameters and VALUE), §5.2 (unknown
/// properties and types), §3.2 (an array of components is a stream).
public struct JCalDecoder: Sendable {
    /// Deepest component nesting accepted (VCALENDAR > VEVENT > VALARM is 3), as `ParseOptions.maxDepth`.
    public var maxDepth: Int

    public init(maxDepth: Int = 16) {
        self.maxDepth = maxDepth
    }

    /// One component, normally a VCALENDAR: `["vcalendar", [...], [...]]`.
    public func decode(_ bytes: [UInt8]) throws(JCalError) -> Component {
        let json = try JSONReader.parse(bytes)
        var walk = Walk(top: [json], isStream: false)
        return try component(json, depth: 1, &walk)
    }

    public func decode(_ text: String) throws(JCalError) -> Component { try decode(Array(text.utf8)) }

    public func decode(_ data: Data) throws(JCalError) -> Component { try decode([UInt8](data)) }

    /// An array of components (RFC 7265 §3.2); a single component is accepted too and gives one element.
    public func decodeStream(_ bytes: [UInt8]) throws(JCalError) -> [Component] {
        let json = try JSONReader.parse(bytes)
        guard case .array(let items) = json else {
            throw JCalError(.invalidStructure, message: "jCal must be an array: a component, or an array of components; found \(json.kind)")
        }
        // An array whose first element is an array is a stream; anything else is read as one component, so a
        // malformed one is reported as such.
        if let first = items.first, !(first.isArray) {
            var walk = Walk(top: [json], isStream: false)
            return [try component(json, depth: 1, &walk)]
        }
        var walk = Walk(top: items, isStream: true)
        var result: [Component] = []
        result.reserveCapacity(items.count)
        for index in items.indices {
            walk.trail = [index]
            result.append(try component(items[index], depth: 1, &walk))
        }
        return result
    }

    public func decodeStream(_ text: String) throws(JCalError) -> [Component] { try decodeStream(Array(text.utf8)) }

    // MARK: Components (§4.1)

    private struct Walk {
        let top: [JSONValue]
        let isStream: Bool
        var trail: [Int] = [0]

        func path(property: Int? = nil) -> String {
            JCalPath.describe(top: top, isStream: isStream, trail: trail, property: property)
        }
    }

    private func component(_ json: JSONValue, depth: Int, _ walk: inout Walk) throws(JCalError) -> Component {
        guard case .array(let parts) = json, parts.count == 3 else {
            let found = if case .array(let parts) = json { "an array of \(parts.count) elements" } else { json.kind }
            throw JCalError(.invalidStructure, path: walk.path(), message: "a component must be [name, [properties], [components]]; found \(found)")
        }
        guard case .string(let rawName) = parts[0], JCalNames.isValid(rawName) else {
            throw JCalError(.invalidName, path: walk.path(), message: "a component name must be a string of letters, digits and '-', like \"vevent\"")
        }
        guard depth <= maxDepth else {
            throw JCalError(.tooDeep, path: walk.path(), message: "components nest deeper than \(maxDepth) levels")
        }
        guard case .array(let propertyItems) = parts[1] else {
            throw JCalError(.invalidStructure, path: walk.path(), message: "the second element of a component must be an array of properties, not \(parts[1].kind)")
        }
        guard case .array(let componentItems) = parts[2] else {
            throw JCalError(.invalidStructure, path: walk.path(), message: "the third element of a component must be an array of components, not \(parts[2].kind)")
        }
        var result = Component(name: ComponentName(rawValue: rawName))
        result.properties.reserveCapacity(propertyItems.count)
        for index in propertyItems.indices {
            do {
                result.properties.append(try property(propertyItems[index]))
            } catch {
                throw error.located(walk.path(property: index))
            }
        }
        result.components.reserveCapacity(componentItems.count)
        for index in componentItems.indices {
            walk.trail.append(index)
            result.components.append(try component(componentItems[index], depth: depth + 1, &walk))
            walk.trail.removeLast()
        }
        if result.name == .vcalendar {
            for required in [PropertyName.version, .prodid] where result.property(required) == nil {
                throw JCalError(.missingRequiredProperty, path: walk.path(), message: "a vcalendar must have a \"\(required.rawValue.lowercased())\" property")
            }
        }
        return result
    }

    // MARK: Properties (§4.2) and parameters (§4.3)

    private func property(_ json: JSONValue) throws(JCalError) -> Property {
        guard case .array(let parts) = json else {
            throw JCalError(.invalidStructure, message: "a property must be an array [name, {parameters}, type, value, ...], not \(json.kind)")
        }
        guard parts.count >= 4 else {
            throw JCalError(.invalidStructure, message: "a property must be [name, {parameters}, type, value, ...] with at least four elements; this one has \(parts.count)")
        }
        guard case .string(let rawName) = parts[0], JCalNames.isValid(rawName) else {
            throw JCalError(.invalidName, message: "a property name must be a string of letters, digits and '-', like \"dtstart\"")
        }
        let name = PropertyName(rawValue: rawName)
        guard case .object(let members) = parts[1] else {
            throw JCalError(.invalidStructure, message: "the second element of a property must be an object of parameters, not \(parts[1].kind)")
        }
        var parameters = try self.parameters(members)
        guard case .string(let typeName) = parts[2], JCalNames.isValid(typeName) else {
            throw JCalError(.invalidType, message: "the third element of a property must be its value type as a string, like \"text\" or \"date-time\"")
        }
        let type = JCalPropertyTypes.type(named: typeName)
        let known = JCalPropertyTypes.default(for: name)
        let values = parts[3...]
        guard values.count == 1 || ValueType.isList(name) || known == nil else {
            throw JCalError(.invalidType, message: "\(rawName) takes one value, found \(values.count); only CATEGORIES, RESOURCES, EXDATE, RDATE, FREEBUSY and unrecognised properties take several")
        }

        var text = ""
        for (k, value) in values.enumerated() {
            if k > 0 { text += "," }
            do {
                try JCalValueCodec.appendICal(value, as: type, property: name, to: &text)
            } catch {
                guard values.count > 1 else { throw error }
                var numbered = error
                numbered.message = "value \(k + 1): " + error.message
                throw numbered
            }
        }
        if let type, type != known { parameters.insert(Parameter(.value, type.name), at: 0) }
        let result = Property(name: name, parameters: parameters, value: text)
        do {
            try PropertyValueValidator.validate(result)
        } catch {
            throw JCalError(.invalidValue, message: error.message)
        }
        return result
    }

    private func parameters(_ members: [JSONMember]) throws(JCalError) -> [Parameter] {
        var result: [Parameter] = []
        result.reserveCapacity(members.count)
        for member in members {
            guard JCalNames.isValid(member.key) else {
                throw JCalError(.invalidName, message: "'\(member.key)' is not a parameter name (letters, digits and '-')")
            }
            let name = ParameterName(rawValue: member.key)
            guard name != .value else {
                throw JCalError(.invalidParameter, message: "\"value\" must not be a parameter: jCal gives the value type as the third element of the property")
            }
            guard !result.contains(where: { $0.name == name }) else {
                throw JCalError(.invalidParameter, message: "parameter \"\(member.key)\" appears twice")
            }
            var values: [String]
            switch member.value {
            case .string(let s):
                values = [s]
            case .array(let items) where !items.isEmpty:
                values = []
                values.reserveCapacity(items.count)
                for item in items {
                    guard case .string(let s) = item else {
                        throw JCalError(.invalidParameter, message: "parameter \"\(member.key)\" must hold strings, not \(item.kind)")
                    }
                    values.append(s)
                }
            default:
                throw JCalError(.invalidParameter, message: "parameter \"\(member.key)\" must be a string or a non-empty array of strings, not \(member.value.kind)")
            }
            for value in values {
                // LF is carried as ^n (RFC 6868); other control characters have no encoding in a parameter.
                if let bad = JCalNames.forbiddenControl(in: value, allowing: .lineFeed) {
                    throw JCalError(.invalidParameter, message: "parameter \"\(member.key)\" contains a \(JCalNames.describeControl(bad)), which iCalendar cannot carry")
                }
            }
            result.append(Parameter(name: name, values: values))
        }
        return result
    }
}
