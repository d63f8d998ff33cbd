import CalendarStore

/// How one user reaches one calendar: as its owner, through grants (to them or their groups), or not at all. Decided
/// once per request (`AccessResolver`) and obeyed by every door.
public enum CalendarAccess: Sendable, Hashable {
    case owner
    /// A delegate of the owner (calendar-proxy), with the role of any grant that reaches them as well.
    case delegate(Delegation.Mode, grant: CalendarRole?)
    case shared(CalendarRole)
    case none

    public var privileges: CalendarPrivileges {
        switch self {
        case .owner: .all
        case .delegate(let mode, let grant):
            Self.delegatePrivileges(mode).union(grant.map(CalendarPrivileges.init) ?? [])
        case .shared(let role): CalendarPrivileges(role)
        case .none: []
        }
    }

    /// A read delegate reads every calendar; a write delegate runs them: events, the calendars' own properties,
    /// and invitations (never sharing them on, or deleting them).
    static func delegatePrivileges(_ mode: Delegation.Mode) -> CalendarPrivileges {
        switch mode {
        case .read: [.readFreeBusy, .read]
        case .write: [.readFreeBusy, .read, .writeContent, .writeProperties]
        }
    }

    public func allows(_ privileges: CalendarPrivileges) -> Bool {
        self.privileges.isSuperset(of: privileges)
    }

    /// Whether the user sees private and confidential events in full (the owner, and a write delegate, who acts for
    /// them); everyone else who may read sees them as `ClassifiedView` shows them.
    public var seesEveryDetail: Bool {
        switch self {
        case .owner, .delegate(.write, _): true
        default: false
        }
    }
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

    /// As `CalendarAccess.seesEveryDetail`. A person an event was shared with on its own sees it as its class
    /// allows, like any sharee.
    public var seesEveryDetail: Bool {
        if case .calendar(let access) = self { return access.seesEveryDetail }
        return false
    }
}
