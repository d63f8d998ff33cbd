/// One calendar object resource cut from an imported .ics file, ready for validation and a PUT-like store.
public struct ImportedObject: Sendable, Hashable {
    public var uid: String
    /// `VEVENT`, `VTODO`, ... (upper case).
    public var componentType: String
    /// A VCALENDAR with the object's components and the VTIMEZONEs they reference.
    public var data: [UInt8]
    /// A resource name safe in a URL path segment (see `CalendarImporter.resourceName(forUID:)`).
    public var name: String
    /// What `ImportRepairs` changed in the object.
    public var repairs: [ImportRepair]

    public init(uid: String, componentType: String, data: [UInt8], name: String, repairs: [ImportRepair] = []) {
        self.uid = uid
        self.componentType = componentType
        self.data = data
        self.name = name
        self.repairs = repairs
    }
}
