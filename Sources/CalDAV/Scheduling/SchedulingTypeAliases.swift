import Calendaring

// `PropertyReader.swift` names these two Calendaring types without importing Calendaring: it is being optimised on
// another branch at the same time, so it is left untouched here. The aliases make the names visible in every CalDAV
// file; they go once PropertyReader.swift imports Calendaring.
typealias SchedulingCollections = Calendaring.SchedulingCollections
typealias SchedulingMailboxes = Calendaring.SchedulingMailboxes
