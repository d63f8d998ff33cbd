import DAVXML

/// The WebDAV access-control privileges and their aggregation.
/// Spec: RFC 3744 §3 (privileges), §3.12 (aggregation), §5.3 (supported-privilege-set), §5.4
/// (current-user-privilege-set).
public enum Privilege: String, Sendable, Hashable, CaseIterable {
    case read
    case write
    case writeProperties = "write-properties"
    case writeContent = "write-content"
    case unlock
    case readAcl = "read-acl"
    case readCurrentUserPrivilegeSet = "read-current-user-privilege-set"
    case writeAcl = "write-acl"
    case bind
    case unbind
    case all

    public var name: XMLName { XMLName(XMLNamespace.dav, rawValue) }

    /// The privileges this one aggregates directly (RFC 3744 §3.12; bind and unbind under write as §3.2 requires
    /// for collections).
    public var contained: [Privilege] {
        switch self {
        case .all: [.read, .write, .unlock, .readAcl, .readCurrentUserPrivilegeSet, .writeAcl]
        case .write: [.writeProperties, .writeContent, .bind, .unbind]
        default: []
        }
    }

    /// True when holding `self` grants `other`: itself or anything it aggregates, transitively.
    public func includes(_ other: Privilege) -> Bool {
        self == other || contained.contains { $0.includes(other) }
    }

    /// `<D:current-user-privilege-set>` listing `privileges` (RFC 3744 §5.4), each as `<D:privilege><D:x/>`.
    public static func currentUserPrivilegeSet(_ privileges: [Privilege]) -> XMLElement {
        XMLElement(.dav.currentUserPrivilegeSet, elements: privileges.map(\.privilegeElement))
    }

    /// `<D:supported-privilege-set>` with the aggregation tree rooted at `all` (RFC 3744 §5.3); `underRead` adds
    /// privileges of other specifications that DAV:read aggregates (name and description), such as CalDAV's
    /// read-free-busy on calendars (RFC 4791 §6.1.1).
    public static func supportedPrivilegeSet(underRead: [(XMLName, String)] = []) -> XMLElement {
        XMLElement(.dav.supportedPrivilegeSet, elements: [Privilege.all.supportedPrivilege(underRead: underRead)])
    }

    /// `<D:privilege><D:x/></D:privilege>`.
    public var privilegeElement: XMLElement {
        XMLElement(.dav.privilege, elements: [XMLElement(name)])
    }

    private func supportedPrivilege(underRead: [(XMLName, String)]) -> XMLElement {
        var children = [privilegeElement, Self.description(description)]
        children += contained.map { $0.supportedPrivilege(underRead: underRead) }
        if self == .read {
            children += underRead.map { name, text in
                XMLElement(XMLName(XMLNamespace.dav, "supported-privilege"), elements: [
                    XMLElement(.dav.privilege, elements: [XMLElement(name)]), Self.description(text),
                ])
            }
        }
        return XMLElement(XMLName(XMLNamespace.dav, "supported-privilege"), elements: children)
    }

    private static func description(_ text: String) -> XMLElement {
        let lang = XMLAttribute(XMLName("http://www.w3.org/XML/1998/namespace", "lang"), "en")
        return XMLElement(.dav.description, attributes: [lang], text: text)
    }

    private var description: String {
        switch self {
        case .read: "Read any object"
        case .write: "Write any object"
        case .writeProperties: "Write properties"
        case .writeContent: "Write resource content"
        case .unlock: "Unlock resource"
        case .readAcl: "Read ACL"
        case .readCurrentUserPrivilegeSet: "Read current user privilege set property"
        case .writeAcl: "Write ACL"
        case .bind: "Add a member to a collection"
        case .unbind: "Remove a member from a collection"
        case .all: "Any operation"
        }
    }
}
