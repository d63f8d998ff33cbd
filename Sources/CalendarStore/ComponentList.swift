/// How stores keep `CalendarRecord.supportedComponents` in one text column: component names are upper-case tokens
/// without commas, so a comma-separated list is lossless.
public enum ComponentList {
    public static func encode(_ components: [String]) -> String { components.joined(separator: ",") }

    public static func decode(_ text: String) -> [String] { text.split(separator: ",").map(String.init) }
}
