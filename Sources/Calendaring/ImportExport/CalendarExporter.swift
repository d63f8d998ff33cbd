/// Joins the objects of a calendar into one .ics file, the form calendar applications import: the in-memory form
/// of `CalendarExportWriter` for callers that hold the objects already.
///
/// Spec: RFC 5545 §3.4, §3.6.5 (see `CalendarExportWriter`).
public enum CalendarExporter {
    public static func export(objects: [[UInt8]], name: String?) -> [UInt8] {
        var writer = CalendarExportWriter()
        return CalendarExportWriter.header(name: name) + writer.page(objects) + CalendarExportWriter.footer
    }
}
