extension SharedCalendar {
    /// The listing of `calendar` for a user whom grants of these roles and states reach (directly or through their
    /// groups); nil when none does. One rule for every store: an accepted grant wins over a pending invitation,
    /// which wins over a declined one, and the role is the highest among the grants of the winning state.
    public init?(calendar: CalendarRecord, reaching grants: [(role: CalendarRole, state: ShareState)],
                 presentation: ShareePresentation?) {
        guard let state = [ShareState.accepted, .invited, .declined].first(where: { state in
                  grants.contains { $0.state == state }
              }),
              let role = grants.filter({ $0.state == state }).map(\.role).max() else { return nil }
        self.init(calendar: calendar, role: role, state: state, presentation: presentation)
    }
}
