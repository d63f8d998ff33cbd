import Foundation
import CalDAV
import DAVXML
import ICalendar
import Testing
import WebDAV

/// PUT/GET/DELETE/MOVE/COPY of calendar objects with the RFC 4791 §5.3.2 preconditions and conditional headers.
struct ServiceObjectTests {
    let path = "/calendars/alice/calendar/meeting.ics"

    @Test func putStoresBytesExactlyWithStrongETag() async throws {
        let h = try await ServiceHarness()
        let ics = ICS.event(uid: "meeting-1", extra: "X-CUSTOM;X-P=1:kept as is\r\n")
        let put = await h.put(path, ics)
        #expect(put.status == 201)
        let etag = try #require(put.headers["ETag"])
        #expect(etag.hasPrefix("\"") && !etag.hasPrefix("W/"))
        let get = await h.send("GET", path)
        #expect(get.status == 200)
        #expect(get.text == ics)
        #expect(get.headers["ETag"] == etag)
        #expect(get.headers["Content-Type"]?.hasPrefix("text/calendar") == true)
        let head = await h.send("HEAD", path)
        #expect(head.status == 200 && head.body.isEmpty && head.headers["ETag"] == etag)
        let notModified = await h.send("GET", path, headers: [("If-None-Match", etag)])
        #expect(notModified.status == 304)
        let replace = await h.put(path, ICS.event(uid: "meeting-1", summary: "Moved"))
        #expect(replace.status == 204)
        #expect(replace.headers["ETag"] != etag)
    }

    @Test func conditionalPuts() async throws {
        let h = try await ServiceHarness()
        let created = await h.put(path, ICS.event(uid: "m"), headers: [("If-None-Match", "*")])
        #expect(created.status == 201)
        let again = await h.put(path, ICS.event(uid: "m"), headers: [("If-None-Match", "*")])
        #expect(again.status == 412)
        let stale = await h.put(path, ICS.event(uid: "m", summary: "x"), headers: [("If-Match", "\"nope\"")])
        #expect(stale.status == 412)
        let etag = try #require(created.headers["ETag"])
        let fresh = await h.put(path, ICS.event(uid: "m", summary: "y"), headers: [("If-Match", etag)])
        #expect(fresh.status == 204)
        let missing = await h.put("/calendars/alice/calendar/none.ics", ICS.event(uid: "n"), headers: [("If-Match", "*")])
        #expect(missing.status == 412)
    }

    @Test func invalidObjectsAreRefusedWithPreconditions() async throws {
        let h = try await ServiceHarness()
        let garbage = await h.put(path, "this is not a calendar")
        #expect(garbage.status == 403 || garbage.status == 400)
        #expect(try garbage.condition() == .calDAV.validCalendarData)

        let method = ICS.event(uid: "m").replacingOccurrences(of: "VERSION:2.0\r\n", with: "VERSION:2.0\r\nMETHOD:REQUEST\r\n")
        let withMethod = await h.put(path, method)
        #expect(withMethod.status == 403)
        #expect(try withMethod.condition() == .calDAV.validCalendarObjectResource)

        let journal = await h.put("/calendars/alice/calendar/j.ics", """
            BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//x//EN\r\nBEGIN:VJOURNAL\r\nUID:j1\r\nDTSTAMP:20250101T000000Z\r\nEND:VJOURNAL\r\nEND:VCALENDAR\r\n
            """)
        #expect(journal.status == 403)
        #expect(try journal.condition() == .calDAV.supportedCalendarComponent)

        let wrongType = await h.send("PUT", path, headers: [("Content-Type", "application/json")], body: ICS.event(uid: "z"))
        #expect(try wrongType.condition() == .calDAV.supportedCalendarData)

        let big = ICS.event(uid: "big", extra: "DESCRIPTION:" + String(repeating: "a", count: 120_000) + "\r\n")
        let tooBig = await h.put(path, big)
        #expect(try tooBig.condition() == .calDAV.maxResourceSize)
        #expect(await h.send("GET", path).status == 404)
    }

    /// Issue 11.1: what is not iCalendar is never stored, and an object already stored survives a broken overwrite;
    /// issue 11.2: the refusal says why, after the precondition element (RFC 4918 §16), and in the log note.
    @Test func brokenDataIsRefusedAndSaysWhy() async throws {
        let h = try await ServiceHarness()
        let good = ICS.event(uid: "m", summary: "Kept")
        #expect(await h.put(path, good).status == 201)
        let unclosed = good.replacingOccurrences(of: "END:VEVENT\r\n", with: "")
        let mismatched = good.replacingOccurrences(of: "END:VEVENT", with: "END:VTODO")
        let noCalendarEnd = good.replacingOccurrences(of: "END:VCALENDAR\r\n", with: "")
        func summary(_ bytes: [UInt8]) -> [UInt8] {
            var body = Array(good.utf8)
            body.replaceSubrange(body.firstRange(of: Array("Kept".utf8))!, with: bytes)
            return body
        }
        let badUTF8 = summary([0xFF, 0xFE]), overlong = summary([0xC1, 0xBE])  // 0xC1 0xBE: '~' in two bytes
        for body in [Array(unclosed.utf8), Array(mismatched.utf8), Array(noCalendarEnd.utf8), badUTF8, overlong] {
            let refused = await h.send("PUT", path, headers: [("Content-Type", "text/calendar")], bytes: body)
            #expect(refused.status == 403)
            let error = try refused.xml()
            #expect(error.elements.first?.name == .calDAV.validCalendarData)
            let why = try #require(error.first(.dav.responsedescription)?.text)
            #expect(why.hasPrefix("line "), "\(why)")
            #expect(refused.logNote == why)
        }
        let get = await h.send("GET", path)
        #expect(get.text == good)
    }

    /// Issue 11.1: quirks with one obvious meaning are repaired; the stored object parses strictly, and the PUT
    /// answers without an ETag because the stored bytes are not the ones sent (RFC 4791 §5.3.4).
    @Test func quirkyDataIsStoredRepairedWithoutETag() async throws {
        let h = try await ServiceHarness()
        let quirky = "\u{FEFF}BEGIN:VCALENDAR\nBEGIN:VEVENT\nuid:q\nDTSTART:20250301T090000Z\nSUMMARY:Quirky\n\nEND:VEVENT\nEND:VCALENDAR\n"
        let put = await h.put(path, quirky)
        #expect(put.status == 201)
        #expect(put.headers["ETag"] == nil)
        #expect(put.logNote?.hasPrefix("stored repaired: ") == true)
        let get = await h.send("GET", path)
        let stored = try ICalendarParser(options: .strict).parse(get.body).components
        #expect(stored.first?.property(.version)?.value == "2.0" && stored.first?.property(.prodid) != nil)
        #expect(get.text.contains("UID:q\r\n") && !get.text.contains("\u{FEFF}"))
        // Sent again as stored, it is stored as sent, with its ETag.
        let again = await h.put(path, get.text)
        #expect(again.status == 204 && again.headers["ETag"] != nil)
    }

    @Test func uidConflictNamesTheOtherResource() async throws {
        let h = try await ServiceHarness()
        #expect(await h.put(path, ICS.event(uid: "same")).status == 201)
        let clash = await h.put("/calendars/alice/calendar/other.ics", ICS.event(uid: "same"))
        #expect(clash.status == 403)
        let error = try clash.xml()
        #expect(error.first(.calDAV.noUIDConflict)?.first(.dav.href)?.text == path)
    }

    @Test func putIntoMissingCalendarIsConflict() async throws {
        let h = try await ServiceHarness()
        #expect(await h.put("/calendars/alice/nothere/a.ics", ICS.event(uid: "a")).status == 409)
    }

    @Test func deleteHonoursIfMatch() async throws {
        let h = try await ServiceHarness()
        let put = await h.put(path, ICS.event(uid: "d"))
        #expect(await h.send("DELETE", path, headers: [("If-Match", "\"wrong\"")]).status == 412)
        #expect(await h.send("DELETE", path, headers: [("If-Match", put.headers["ETag"]!)]).status == 204)
        #expect(await h.send("GET", path).status == 404)
        #expect(await h.send("DELETE", path).status == 404)
    }

    @Test func todosAreStored() async throws {
        let h = try await ServiceHarness()
        let todo = ICS.todo(uid: "t1")
        #expect(await h.put("/calendars/alice/calendar/t1.ics", todo).status == 201)
        #expect(await h.send("GET", "/calendars/alice/calendar/t1.ics").text == todo)
    }

    @Test func moveAndCopyBetweenCalendars() async throws {
        let h = try await ServiceHarness()
        #expect(await h.send("MKCALENDAR", "/calendars/alice/work/").status == 201)
        #expect(await h.put(path, ICS.event(uid: "mv")).status == 201)
        let copySame = await h.send("COPY", path, headers: [("Destination", "/calendars/alice/calendar/copy.ics")])
        #expect(copySame.status == 403)
        #expect(try copySame.condition() == .calDAV.noUIDConflict)

        let copy = await h.send("COPY", path, headers: [("Destination", "http://localhost:8080/calendars/alice/work/c.ics"),
                                                        ("Host", "localhost:8080")])
        #expect(copy.status == 201)
        let noOverwrite = await h.send("MOVE", path, headers: [("Destination", "/calendars/alice/work/c.ics"), ("Overwrite", "F")])
        #expect(noOverwrite.status == 412)
        #expect(await h.send("DELETE", "/calendars/alice/work/c.ics").status == 204)
        let move = await h.send("MOVE", path, headers: [("Destination", "/calendars/alice/work/moved.ics")])
        #expect(move.status == 201)
        #expect(await h.send("GET", path).status == 404)
        #expect(await h.send("GET", "/calendars/alice/work/moved.ics").text == ICS.event(uid: "mv"))
        let toBob = await h.send("MOVE", "/calendars/alice/work/moved.ics", headers: [("Destination", "/calendars/bob/calendar/x.ics")])
        #expect(toBob.status == 403)
    }

    /// Spec: RFC 4918 §9.8.5, §9.9.4 (502 when the destination is on another server).
    @Test func moveAndCopyToAnotherServerAreRefusedWith502() async throws {
        let h = try await ServiceHarness()
        #expect(await h.put(path, ICS.event(uid: "far")).status == 201)
        let host = ("Host", "cal.example.com")
        for method in ["MOVE", "COPY"] {
            for foreign in ["http://other.example/calendars/alice/calendar/x.ics",
                            "http://cal.example.com:8080/calendars/alice/calendar/x.ics",
                            "ftp://cal.example.com/calendars/alice/calendar/x.ics",
                            "//other.example/calendars/alice/calendar/x.ics"] {
                let response = await h.send(method, path, headers: [("Destination", foreign), host])
                #expect(response.status == 502, "\(method) to \(foreign)")
            }
        }
        // Nothing was created or removed.
        #expect(await h.send("GET", "/calendars/alice/calendar/x.ics").status == 404)
        #expect(await h.send("GET", path).status == 200)
        // Our own Host (any scheme, its default port) and a path are local.
        #expect(await h.send("MKCALENDAR", "/calendars/alice/work/").status == 201)
        let https = await h.send("COPY", path, headers: [("Destination", "https://CAL.example.com/calendars/alice/work/x.ics"), host])
        #expect(https.status == 201)
        // Over the copy just made: 204.
        let networkPath = await h.send("COPY", path, headers: [("Destination", "//cal.example.com/calendars/alice/work/x.ics"), host])
        #expect(networkPath.status == 204)
        let relative = await h.send("COPY", path, headers: [("Destination", "/calendars/alice/calendar/y.ics"), host])
        #expect(relative.status == 403) // same UID in the same calendar: local, refused for the UID, not 502
    }

    /// A proxy may rewrite Host: the configured public URL's origin is ours too, and only with its own scheme.
    @Test func theConfiguredPublicOriginIsLocal() async throws {
        let public_ = HTTPOrigin(url: "https://cal.example.com/")
        let h = try await ServiceHarness(configuration: CalDAVConfiguration(maxResourceSize: 100_000, publicOrigin: public_))
        #expect(await h.put(path, ICS.event(uid: "pub")).status == 201)
        #expect(await h.send("MKCALENDAR", "/calendars/alice/work/").status == 201)
        let inside = ("Host", "127.0.0.1:8080")
        let viaPublic = await h.send("COPY", path, headers: [("Destination", "https://cal.example.com/calendars/alice/work/a.ics"), inside])
        #expect(viaPublic.status == 201)
        let wrongScheme = await h.send("COPY", path, headers: [("Destination", "http://cal.example.com/calendars/alice/work/b.ics"), inside])
        #expect(wrongScheme.status == 502)
    }

    @Test func calendarCollectionExportsAsOneFile() async throws {
        let h = try await ServiceHarness()
        _ = await h.put(path, ICS.event(uid: "e1", summary: "First"))
        _ = await h.put("/calendars/alice/calendar/2.ics", ICS.event(uid: "e2", summary: "Second"))
        let get = await h.send("GET", "/calendars/alice/calendar/")
        #expect(get.status == 200)
        #expect(get.text.contains("SUMMARY:First") && get.text.contains("SUMMARY:Second"))
        #expect(get.text.components(separatedBy: "BEGIN:VCALENDAR").count == 2)
    }
}
