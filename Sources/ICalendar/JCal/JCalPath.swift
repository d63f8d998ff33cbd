/// Builds the `vcalendar/vevent[0]/dtstart` paths of `JCalError`.
///
/// The encoder and decoder only keep the positions they walked through (cheap to push and pop); the readable path is
/// built from those positions when an error is actually thrown. Components are numbered among siblings of the same
/// name, a property gets an index only when its component has several of that name, and an element whose name cannot
/// be read (malformed jCal) appears by position as `[3]`; an unreadable root gives an empty path.
enum JCalPath {
    /// - Parameters:
    ///   - top: the top-level components (one, or the members of a stream).
    ///   - isStream: whether `top` came from an array of components, so the first segment needs an index too.
    ///   - trail: positions from `top` down to the component in question (the first is the index into `top`).
    ///   - property: the position of the property in that component, if the error is in a property.
    static func describe<Node: JCalPathNode>(top: [Node], isStream: Bool, trail: [Int], property: Int?) -> String {
        var segments: [String] = []
        var siblings = top
        var current: Node?
        for (depth, position) in trail.enumerated() {
            guard position < siblings.count else { break }
            let node = siblings[position]
            if let name = node.pathName {
                if depth == 0 && !isStream {
                    segments.append(name)
                } else {
                    let index = siblings[..<position].lazy.filter { $0.pathName == name }.count
                    segments.append("\(name)[\(index)]")
                }
            } else if depth > 0 || isStream {
                segments.append("[\(position)]")
            }
            current = node
            siblings = node.pathChildren
        }
        if let property, let current {
            let names = current.pathPropertyNames
            if property < names.count, let name = names[property] {
                if names.lazy.filter({ $0 == name }).count > 1 {
                    segments.append("\(name)[\(names[..<property].lazy.filter { $0 == name }.count)]")
                } else {
                    segments.append(name)
                }
            } else {
                segments.append("[\(property)]")
            }
        }
        return segments.joined(separator: "/")
    }
}

/// What `JCalPath` needs to know about a component, from the tree or from not-yet-checked JSON.
protocol JCalPathNode {
    /// The lowercase name, or nil when it cannot be read.
    var pathName: String? { get }
    var pathChildren: [Self] { get }
    /// Lowercase property names in order, nil where a name cannot be read.
    var pathPropertyNames: [String?] { get }
}

extension Component: JCalPathNode {
    var pathName: String? { name.rawValue.lowercased() }
    var pathChildren: [Component] { components }
    var pathPropertyNames: [String?] { properties.map { $0.name.rawValue.lowercased() } }
}

extension JSONValue: JCalPathNode {
    private var parts: [JSONValue] {
        if case .array(let parts) = self { return parts }
        return []
    }

    var pathName: String? {
        if let first = parts.first, case .string(let name) = first { return name.lowercased() }
        return nil
    }

    var pathChildren: [JSONValue] { parts.count > 2 ? parts[2].parts : [] }

    var pathPropertyNames: [String?] {
        guard parts.count > 1 else { return [] }
        return parts[1].parts.map { $0.pathName }
    }
}
