import CalendarStore

/// How one user reaches one calendar: as its owner, through grants (to them or their groups), or not at all. Decided
/// once per request (`AccessResolver`) and obeyed by every door.
public enum CalendarAccess: Sendable, Hashable {
    case owner
    case shared(CalendarRole)
    case none

    public var privileges: CalendarPrivileges {
        switch self {
        case .owner: .all
        case .shared(let role): CalendarPrivileges(role)
        case .none: []
        }
    }

    public func allows(_ privileges: CalendarPrivileges) -> Bool {
        self.privileges.isSuperset(of: privileges)
    }

    /// Whether the user sees private and confidential events in full; everyone else who may read sees them as
    /// `ClassifiedView` shows them.
    public var seesEveryDetail: Bool { self == .owner }
}

/// How one user reaches one object: through its calendar, or through a grant of that object alone (a single event
/// shared without its calendar).
public enum ObjectAccess: Sendable, Hashable {
    case calendar(CalendarAccess)
    case object(CalendarRole)
    case none

    /// What the user may do with this object; the calendar-level privileges (sharing, the calendar's properties)
    /// never come with a grant of one object.
    public var privileges: CalendarPrivileges {
        switch self {
        case .calendar(let access): access.privileges
        case .object(let role): CalendarPrivileges(role).intersection([.readFreeBusy, .read, .writeContent])
        case .none: []
        }
    }

    public func allows(_ privileges: CalendarPrivileges) -> Bool {
        self.privileges.isSuperset(of: privileges)
    }

    /// As `CalendarAccess.seesEveryDetail`: the owner only. A person an event was shared with on its own sees it
    /// as its class allows, like any sharee.
    public var seesEveryDetail: Bool { self == .calendar(.owner) }
}
