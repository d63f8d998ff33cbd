import DAVXML

/// A principal-property-search REPORT body: find principals whose properties match strings.
/// Spec: RFC 3744 §9.4 `<!ELEMENT principal-property-search ((property-search+), prop?,
/// apply-to-principal-collection-set?)>`; the `test` attribute and the `match-type` attribute of `match` are
/// CalendarServer extensions that clients such as macOS Calendar send.
public struct PrincipalPropertySearchRequest: Sendable, Hashable {
    /// How several searches combine. RFC 3744 §9.4 ANDs them, so `allof` is the default.
    public enum Test: Sendable, Hashable {
        case allof, anyof
    }

    public struct Search: Sendable, Hashable {
        /// The properties to search; a principal matches when any of them matches.
        public var properties: [XMLName]
        /// The string to look for (RFC 3744: a case-insensitive substring match by default).
        public var match: String
        /// `starts-with`, `contains`, `equals`... when the client names one.
        public var matchType: String?

        public init(properties: [XMLName], match: String, matchType: String? = nil) {
            self.properties = properties
            self.match = match
            self.matchType = matchType
        }
    }

    public var searches: [Search]
    public var test: Test
    /// The properties to return for each matching principal.
    public var properties: [XMLName]
    /// Search the principal collections of the request URL rather than the collection itself.
    public var applyToPrincipalCollectionSet: Bool

    public init(searches: [Search], test: Test = .allof, properties: [XMLName] = [],
                applyToPrincipalCollectionSet: Bool = false) {
        self.searches = searches
        self.test = test
        self.properties = properties
        self.applyToPrincipalCollectionSet = applyToPrincipalCollectionSet
    }

    /// The children of `<D:prop>`, plus property elements placed directly in the root: python-caldav (3.x) writes
    /// `<D:prop/><C:calendar-home-set/><D:displayname/>` as siblings, and answering what it meant costs nothing.
    static func requestedProperties(_ root: XMLElement) -> [XMLName] {
        let structural: Set<XMLName> = [.dav.propertySearch, .dav.prop, .dav.applyToPrincipalCollectionSet]
        let stray = root.elements.map(\.name).filter { !structural.contains($0) }
        return (root.first(.dav.prop)?.elements.map(\.name) ?? []) + stray
    }

    public static func parse(_ root: XMLElement) throws(DAVError) -> PrincipalPropertySearchRequest {
        try DAVRequestBody.requireRoot(root, .dav.principalPropertySearch)
        var searches: [Search] = []
        for search in root.all(.dav.propertySearch) {
            guard let prop = search.first(.dav.prop), let match = search.first(.dav.match) else {
                throw .badRequest("Each property-search element must contain a prop and a match element.")
            }
            searches.append(Search(properties: prop.elements.map(\.name), match: match.text.trimmingXMLWhitespace(),
                                   matchType: match.attribute("match-type")))
        }
        // RFC 3744 asks for at least one property-search; python-caldav sends none to list every principal, so
        // an empty list means "no condition" rather than a 400.
        let test: Test
        switch root.attribute("test") {
        case nil, "allof": test = .allof
        case "anyof": test = .anyof
        case let other?: throw .badRequest("The test attribute must be allof or anyof, not \"\(other)\".")
        }
        return PrincipalPropertySearchRequest(
            searches: searches, test: test,
            properties: requestedProperties(root),
            applyToPrincipalCollectionSet: root.first(.dav.applyToPrincipalCollectionSet) != nil
        )
    }
}
