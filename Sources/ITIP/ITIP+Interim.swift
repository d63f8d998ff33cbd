import ICalendar
// INTERIM (deleted when the ITIP helper's implementation is merged).
extension ITIP {
    public static func message(parsing calendar: Component) throws(ITIPError) -> ITIPMessage { fatalError() }
    public static func request(from organizerCopy: Component, to attendee: CalendarUserAddress) throws(ITIPError) -> ITIPMessage? { fatalError() }
    public static func settingScheduleStatus(_ statuses: [CalendarUserAddress: String], on property: PropertyName, in calendar: Component) -> Component { fatalError() }
    public static func acceptingCounter(_ counter: ITIPMessage, organizerCopy: Component) throws(ITIPError) -> Component { fatalError() }
    public static func decliningCounter(_ counter: ITIPMessage, organizerCopy: Component) throws(ITIPError) -> ITIPMessage { fatalError() }
    public static func answeringRefresh(_ refresh: ITIPMessage, organizerCopy: Component) throws(ITIPError) -> ITIPMessage { fatalError() }
    public static func maxAttendeesPerInstance(_ calendar: Component) -> Int { fatalError() }
}
