import DAVXML

/// The DAV:supported-report-set property value.
/// Spec: RFC 3253 §3.1.5 `<!ELEMENT supported-report-set (supported-report*)>`,
/// `<!ELEMENT supported-report (report)>`, `<!ELEMENT report ANY>`.
public enum SupportedReportSet {
    public static func element(_ reports: [XMLName]) -> XMLElement {
        XMLElement(.dav.supportedReportSet, elements: reports.map { report in
            XMLElement(.dav.supportedReport, elements: [XMLElement(.dav.report, elements: [XMLElement(report)])])
        })
    }
}
