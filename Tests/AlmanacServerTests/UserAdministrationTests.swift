@testable import AlmanacServer
import CalendarStore
import CalendarStoreTesting
import Testing

@Suite struct UserAdministrationTests {
    let store = AccountStoreFake()
    var administration: UserAdministration { UserAdministration(store: store, bcryptCost: 4) }

    @Test func addUserHashesThePasswordAndProvisionsTheDefaultCalendar() async throws {
        let user = try await administration.addUser(name: "alice", password: "s3cret-pass", email: "alice@example.com",
                                                    displayName: "Alice")
        #expect(user.passwordHash.hasPrefix("$2"))
        #expect(user.passwordHash != "s3cret-pass")
        #expect(await PasswordHasher(cost: 4).verify("s3cret-pass", hash: user.passwordHash))
        #expect(try await store.calendars(ownerID: user.id).map(\.slug).sorted() == ["calendar", "inbox"])
        await #expect(throws: AdministrationError.userExists("alice")) {
            try await administration.addUser(name: "alice", password: "another-pass")
        }
    }

    @Test(arguments: ["", "a/b", "a:b", "a b", "..", String(repeating: "x", count: 65)])
    func refusesUnusableUserNames(_ name: String) async {
        await #expect(throws: AdministrationError.self) { try await administration.addUser(name: name, password: "long enough") }
    }

    @Test func refusesShortAndOverlongPasswords() async {
        await #expect(throws: AdministrationError.self) { try await administration.addUser(name: "a", password: "short") }
        let tooLong = String(repeating: "é", count: 37) // 74 bytes: bcrypt would ignore the end
        await #expect(throws: AdministrationError.self) { try await administration.addUser(name: "a", password: tooLong) }
    }

    @Test func changePasswordReplacesTheHash() async throws {
        let user = try await administration.addUser(name: "alice", password: "old-password")
        try await administration.changePassword(userName: "alice", to: "new-password")
        let stored = try #require(try await store.user(id: user.id))
        #expect(await PasswordHasher(cost: 4).verify("new-password", hash: stored.passwordHash))
        #expect(!(await PasswordHasher(cost: 4).verify("old-password", hash: stored.passwordHash)))
        await #expect(throws: AdministrationError.userNotFound("bob")) {
            try await administration.changePassword(userName: "bob", to: "whatever-pass")
        }
    }

    @Test func appPasswordsAreListedAndRevoked() async throws {
        _ = try await administration.addUser(name: "alice", password: "password-1")
        let phone = try await administration.addAppPassword(userName: "alice", label: "  Phone ")
        let laptop = try await administration.addAppPassword(userName: "alice", label: "Laptop")
        #expect(phone.record.label == "Phone")
        #expect(phone.secret != laptop.secret)
        #expect(await PasswordHasher(cost: 4).verify(phone.secret, hash: phone.record.passwordHash))
        #expect(try await administration.appPasswords(userName: "alice").map(\.label) == ["Phone", "Laptop"])
        try await administration.revokeAppPassword(userName: "alice", id: phone.record.id)
        #expect(try await administration.appPasswords(userName: "alice").map(\.label) == ["Laptop"])
        await #expect(throws: AdministrationError.appPasswordNotFound(user: "alice", id: phone.record.id)) {
            try await administration.revokeAppPassword(userName: "alice", id: phone.record.id)
        }
        await #expect(throws: AdministrationError.self) { try await administration.addAppPassword(userName: "alice", label: " ") }
    }

    @Test func deleteUserRemovesTheAccount() async throws {
        // Deletion tells the account's correspondents first (its meetings are read), so it runs on a whole store.
        let administration = UserAdministration(store: InMemoryStore(), bcryptCost: 4)
        _ = try await administration.addUser(name: "alice", password: "password-1")
        #expect(try await administration.deleteUser(named: "alice"))
        #expect(try await administration.users().isEmpty)
        await #expect(throws: AdministrationError.userNotFound("alice")) { try await administration.deleteUser(named: "alice") }
    }

    @Test func bootstrapCreatesTheAdministratorOnlyOnAnEmptyStore() async throws {
        let password = try #require(try await administration.bootstrapAdministrator())
        #expect(password.count >= 20)
        let admin = try #require(try await store.user(named: "admin"))
        #expect(admin.isAdmin)
        #expect(await PasswordHasher(cost: 4).verify(password, hash: admin.passwordHash))
        #expect(try await administration.bootstrapAdministrator() == nil)
    }

    @Test func generatedPasswordsDiffer() {
        let passwords = Set((0..<50).map { _ in PasswordGenerator.password() })
        #expect(passwords.count == 50)
        #expect(passwords.allSatisfy { $0.count == 24 })
    }
}
