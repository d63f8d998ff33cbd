import CalendarStore
import Calendaring
import DAVXML
import WebDAV

/// PROPPATCH of DAV:group-member-set on a user's calendar-proxy-read or calendar-proxy-write principal: the user
/// names their delegates of that kind, replacing the ones before (a delegate moved from one list to the other
/// changes kind). Only the user themselves sets it; delegates are users, named by principal URL or address.
///
/// Spec: caldav-proxy (Apple), RFC 3744 §4.3 (DAV:group-member-set), RFC 4918 §9.2 (all or nothing).
struct DelegatesPatch {
    let context: MethodContext

    func run(_ request: ProppatchRequest, owner: User, mode: Delegation.Mode, href: String)
        async throws(DAVError) -> DAVResponse {
        guard owner.id == context.request.principal.userID else {
            throw SharedResourceRule.refusal(href, privilege: .dav.writeProperties)
        }
        var members: [String]?
        var failures: [(XMLName, DAVError)] = []
        for operation in request.operations {
            switch operation {
            case .set(let element) where element.name == .dav.groupMemberSet:
                members = element.all(.dav.href).map(\.text)
            case .remove(let name) where name == .dav.groupMemberSet:
                members = []
            case .set(let element):
                failures.append((element.name, .forbidden("Only DAV:group-member-set can be changed here.",
                                                          condition: .dav.cannotModifyProtectedProperty)))
            case .remove(let name):
                failures.append((name, .forbidden("Only DAV:group-member-set can be changed here.",
                                                  condition: .dav.cannotModifyProtectedProperty)))
            }
        }
        var delegateIDs: [Int64] = []
        let addresses = SharingAddress(store: context.store, hrefs: context.hrefs)
        for member in members ?? [] {
            let user = try await context.store { store throws(StoreError) -> User? in
                guard let name = try await addresses.principalName(member) else { return nil }
                return try await store.user(named: name)
            }
            guard let user, user.id != owner.id else {
                failures.append((.dav.groupMemberSet, .forbidden("'\(member)' is not another user of this server.",
                                                                 condition: .dav.recognizedPrincipal)))
                break
            }
            delegateIDs.append(user.id)
        }
        let names = request.operations.map { operation -> XMLName in
            switch operation {
            case .set(let element): element.name
            case .remove(let name): name
            }
        }
        if !failures.isEmpty {
            let propstats = names.map { name in
                let error = failures.first { $0.0 == name }?.1
                return Propstat(status: error?.status ?? 424, properties: [XMLElement(name)], error: error?.errorElement)
            }
            return Multistatus(responses: [MultistatusResponse(href: href, propstats: propstats)]).response()
        }
        if members != nil {
            try await context.store { store throws(StoreError) in
                for current in try await store.delegates(ownerID: owner.id)
                where current.mode == mode && !delegateIDs.contains(current.delegateID) {
                    try await store.setDelegation(ownerID: owner.id, delegateID: current.delegateID, mode: nil)
                }
                for id in delegateIDs { try await store.setDelegation(ownerID: owner.id, delegateID: id, mode: mode) }
            }
        }
        let propstat = Propstat(status: 200, properties: names.map { XMLElement($0) })
        return Multistatus(responses: [MultistatusResponse(href: href, propstats: [propstat])]).response()
    }
}
