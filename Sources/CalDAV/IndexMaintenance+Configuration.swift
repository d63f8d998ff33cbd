import Calendaring
import CalendarStore
import ICalendar

extension IndexMaintenance {
    /// Index maintenance with the horizon and margin the server configuration decides.
    public init(store: any CalendarStore, configuration: CalDAVConfiguration, timeZones: TimeZoneDatabase,
                pageSize: Int = defaultPageSize, limit: Int = defaultLimit) {
        self.init(store: store, indexHorizon: configuration.indexHorizon,
                  indexHorizonMargin: configuration.indexHorizonMargin, timeZones: timeZones, pageSize: pageSize,
                  limit: limit)
    }
}
