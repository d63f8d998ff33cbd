import CalDAV
import CalendarStore
import DAVXML
import Testing
import WebDAV

/// sync-collection over more changes than one page (500): streamed, every change once, the right token, the client
/// limit as before, and nothing lost to writes made while the body is being read.
/// Spec: RFC 6578 §3.2–3.6.
@Suite struct SyncCollectionPagingTests {
    /// 1,200 creations with a deletion after every 20th, so tombstones sit inside every page of the log.
    private func seedWithTombstones(_ h: ServiceHarness, upTo end: Int = 1_200, from start: Int = 0) async -> Set<Int> {
        var deleted: Set<Int> = []
        for number in start..<end {
            await Listing.put(h, number)
            if number % 20 == 19 {
                await Listing.delete(h, number - 7)
                deleted.insert(number - 7)
            }
        }
        return deleted
    }

    @Test func initialSyncListsEveryMemberAndNoDeletion() async throws {
        let h = try await ServiceHarness()
        let deleted = await seedWithTombstones(h)
        let response = await Listing.raw(h, "REPORT", Listing.calendar, headers: [("Depth", "0")],
                                         body: Listing.syncBody(""))
        #expect(response.status == 207 && response.stream != nil)
        let answer = try SyncAnswer(try await response.collected().body)
        #expect(answer.entries.allSatisfy { $0.etag != nil })
        #expect(answer.entries.count == 1_200 - deleted.count)
        #expect(answer.applied(to: [:]) == (try await Listing.stored(h)))
        let calendar = try await Listing.calendarRecord(h)
        #expect(answer.token == "http://almanac.invalid/ns/sync/\(calendar.id)-\(calendar.revision)")
        #expect(try await Listing.sync(h, answer.token).hrefs().isEmpty)
    }

    @Test func incrementalSyncAcrossPagesReportsChangesAndDeletions() async throws {
        let h = try await ServiceHarness()
        _ = await seedWithTombstones(h, upTo: 300)
        let first = try SyncAnswer(await Listing.sync(h, "").body)
        // 900 creations, 45 deletions of new objects, 30 rewrites and 10 deletions of objects the client has.
        _ = await seedWithTombstones(h, upTo: 1_200, from: 300)
        for number in stride(from: 0, to: 300, by: 10) {
            await Listing.put(h, number, summary: "Changed")
        }
        for number in stride(from: 5, to: 300, by: 30) { await Listing.delete(h, number) }

        let response = await Listing.raw(h, "REPORT", Listing.calendar, headers: [("Depth", "0")],
                                         body: Listing.syncBody(first.token))
        #expect(response.stream != nil)
        let second = try SyncAnswer(try await response.collected().body)
        #expect(second.entries.count > 500)
        #expect(second.entries.contains { $0.href == Listing.href(Listing.name(5)) && $0.etag == nil })
        #expect(Set(second.entries.map(\.href)).count == second.entries.count)
        #expect(second.applied(to: first.applied(to: [:])) == (try await Listing.stored(h)))
        #expect(try await Listing.sync(h, second.token).hrefs().isEmpty)
    }

    /// A client limit gives one store call's worth, as before: the first `limit` changes, 507 with
    /// number-of-matches-within-limits on the collection, and the token of the last change reported.
    @Test func clientLimitKeepsOnePageWithTruncationMarker() async throws {
        let h = try await ServiceHarness()
        _ = await seedWithTombstones(h, upTo: 700)
        let calendar = try await Listing.calendarRecord(h)
        let expected = try await h.store.changes(calendarID: calendar.id, since: nil, limit: 600)

        let limited = await Listing.sync(h, "", limit: 600)
        let root = try limited.xml()
        let answer = try SyncAnswer(limited.body)
        #expect(answer.truncated)
        #expect(answer.entries.map(\.href) == expected.changes.map { Listing.href($0.name) })
        #expect(answer.token == "http://almanac.invalid/ns/sync/\(calendar.id)-\(expected.revision)")
        let marker = root.all(.dav.response).last
        #expect(marker?.first(.dav.href)?.text == Listing.calendar)
        #expect(marker?.first(.dav.error)?.first(.dav.numberOfMatchesWithinLimits) != nil)

        // Following the token with the same limit reaches the end without another marker.
        let rest = try SyncAnswer(await Listing.sync(h, answer.token, limit: 600).body)
        #expect(!rest.truncated)
        #expect(rest.applied(to: answer.applied(to: [:])) == (try await Listing.stored(h)))
    }

    /// Writes between two pages of a streamed sync: whatever the stream reports plus the next sync from its token
    /// leave the client with exactly what the store holds, and no member is listed twice in one initial answer.
    @Test(arguments: [false, true]) func writesDuringTheStreamAreNeverLost(incremental: Bool) async throws {
        let h = try await ServiceHarness()
        var start = ""
        var copy: [String: String] = [:]
        if incremental {
            await Listing.seed(h, 0..<50)
            let first = try SyncAnswer(await Listing.sync(h, "").body)
            (start, copy) = (first.token, first.applied(to: [:]))
        }
        await Listing.seed(h, (incremental ? 50 : 0)..<1_200)

        let response = await Listing.raw(h, "REPORT", Listing.calendar, headers: [("Depth", "0")],
                                         body: Listing.syncBody(start))
        var chunks = try #require(response.stream).makeAsyncIterator()
        var body = try #require(try await chunks.next())
        // The first page (names e0000… by revision) is out; now others write.
        await Listing.put(h, 1, summary: "Changed")        // listed already
        await Listing.delete(h, 2)                         // listed already
        await Listing.put(h, 900, summary: "Changed")      // not listed yet
        await Listing.delete(h, 950)                       // not listed yet
        await Listing.put(h, 5_000)                        // new
        while let chunk = try await chunks.next() { body += chunk }

        let during = try SyncAnswer(body)
        if !incremental { #expect(Set(during.entries.map(\.href)).count == during.entries.count) }
        let after = try SyncAnswer(await Listing.sync(h, during.token).body)
        #expect(after.applied(to: during.applied(to: copy)) == (try await Listing.stored(h)))
        #expect(try await Listing.sync(h, after.token).hrefs().isEmpty)
    }

    /// A token the store refuses (newer than the calendar) is still a 403 valid-sync-token, not a broken stream:
    /// the first page is read before the response exists.
    @Test func aTokenTheStoreRefusesIsAnErrorStatus() async throws {
        let h = try await ServiceHarness()
        await Listing.seed(h, 0..<2)
        let calendar = try await Listing.calendarRecord(h)
        let future = await Listing.sync(h, "http://almanac.invalid/ns/sync/\(calendar.id)-\(calendar.revision + 10)")
        #expect(future.status == 403)
        #expect(try future.condition() == .dav.validSyncToken)
    }
}
