/// Windows (Exchange, Outlook) time zone IDs and their display names, mapped to IANA identifiers.
///
/// Spec: Unicode CLDR `common/supplemental/windowsZones.xml`, the `territory="001"` (golden zone) row of every
/// Windows ID; the display names are the ones CLDR records beside them. The IANA names are CLDR's, which are
/// sometimes the older spelling (`Asia/Calcutta`); the tz database keeps those as links.
public enum WindowsTimeZoneNames {
    public struct Entry: Hashable, Sendable {
        /// The registry key name Exchange writes as a TZID (`Eastern Standard Time`).
        public var windowsID: String
        /// The text Outlook shows after the `(UTC-05:00) ` prefix.
        public var displayName: String
        public var ianaIdentifier: String
    }

    /// The IANA identifier for a Windows ID (`W. Europe Standard Time`), ignoring case and runs of spaces.
    public static func ianaIdentifier(forWindowsID id: String) -> String? {
        byWindowsID[normalized(id)]
    }

    /// The IANA identifier for an Outlook display name, with or without its `(UTC+01:00) ` or `(GMT+01:00) ` prefix.
    public static func ianaIdentifier(forDisplayName name: String) -> String? {
        var text = Substring(name.trimmingSpaces)
        if text.hasPrefix("("), let close = text.firstIndex(of: ")") {
            let inside = text[text.index(after: text.startIndex)..<close].uppercased()
            if inside.hasPrefix("UTC") || inside.hasPrefix("GMT") { text = text[text.index(after: close)...] }
        }
        return byDisplayName[normalized(String(text))]
    }

    /// Lowercased, trimmed, inner whitespace collapsed to one space.
    static func normalized(_ text: String) -> String {
        text.lowercased().split(whereSeparator: { $0 == " " || $0 == "\t" }).joined(separator: " ")
    }

    static let byWindowsID: [String: String] = {
        var map: [String: String] = [:]
        for entry in entries { map[normalized(entry.windowsID)] = entry.ianaIdentifier }
        for (id, iana) in legacyIDs { map[normalized(id)] = iana }
        return map
    }()

    static let byDisplayName: [String: String] = {
        var map: [String: String] = [:]
        for entry in entries { map[normalized(entry.displayName)] = entry.ianaIdentifier }
        return map
    }()

    /// IDs Windows has retired but old Exchange data still carries.
    static let legacyIDs: [(String, String)] = [
        ("Mid-Atlantic Standard Time", "Etc/GMT+2"),
        ("Kamchatka Standard Time", "Asia/Kamchatka"),
        ("Mexico Standard Time", "America/Mexico_City"),
        ("Mexico Standard Time 2", "America/Chihuahua"),
        ("Armenian Standard Time", "Asia/Yerevan"),
    ]

    private static func e(_ id: String, _ display: String, _ iana: String) -> Entry {
        Entry(windowsID: id, displayName: display, ianaIdentifier: iana)
    }

    /// Every Windows ID with its golden IANA zone, in CLDR's order (by UTC offset).
    public static let entries: [Entry] = [
        e("Dateline Standard Time", "International Date Line West", "Etc/GMT+12"),
        e("UTC-11", "Coordinated Universal Time-11", "Etc/GMT+11"),
        e("Aleutian Standard Time", "Aleutian Islands", "America/Adak"),
        e("Hawaiian Standard Time", "Hawaii", "Pacific/Honolulu"),
        e("Marquesas Standard Time", "Marquesas Islands", "Pacific/Marquesas"),
        e("Alaskan Standard Time", "Alaska", "America/Anchorage"),
        e("UTC-09", "Coordinated Universal Time-09", "Etc/GMT+9"),
        e("Pacific Standard Time (Mexico)", "Baja California", "America/Tijuana"),
        e("UTC-08", "Coordinated Universal Time-08", "Etc/GMT+8"),
        e("Pacific Standard Time", "Pacific Time (US & Canada)", "America/Los_Angeles"),
        e("US Mountain Standard Time", "Arizona", "America/Phoenix"),
        e("Mountain Standard Time (Mexico)", "Chihuahua, La Paz, Mazatlan", "America/Mazatlan"),
        e("Mountain Standard Time", "Mountain Time (US & Canada)", "America/Denver"),
        e("Yukon Standard Time", "Yukon", "America/Whitehorse"),
        e("Central America Standard Time", "Central America", "America/Guatemala"),
        e("Central Standard Time", "Central Time (US & Canada)", "America/Chicago"),
        e("Easter Island Standard Time", "Easter Island", "Pacific/Easter"),
        e("Central Standard Time (Mexico)", "Guadalajara, Mexico City, Monterrey", "America/Mexico_City"),
        e("Canada Central Standard Time", "Saskatchewan", "America/Regina"),
        e("SA Pacific Standard Time", "Bogota, Lima, Quito, Rio Branco", "America/Bogota"),
        e("Eastern Standard Time (Mexico)", "Chetumal", "America/Cancun"),
        e("Eastern Standard Time", "Eastern Time (US & Canada)", "America/New_York"),
        e("Haiti Standard Time", "Haiti", "America/Port-au-Prince"),
        e("Cuba Standard Time", "Havana", "America/Havana"),
        e("US Eastern Standard Time", "Indiana (East)", "America/Indianapolis"),
        e("Turks And Caicos Standard Time", "Turks and Caicos", "America/Grand_Turk"),
        e("Paraguay Standard Time", "Asuncion", "America/Asuncion"),
        e("Atlantic Standard Time", "Atlantic Time (Canada)", "America/Halifax"),
        e("Venezuela Standard Time", "Caracas", "America/Caracas"),
        e("Central Brazilian Standard Time", "Cuiaba", "America/Cuiaba"),
        e("SA Western Standard Time", "Georgetown, La Paz, Manaus, San Juan", "America/La_Paz"),
        e("Pacific SA Standard Time", "Santiago", "America/Santiago"),
        e("Newfoundland Standard Time", "Newfoundland", "America/St_Johns"),
        e("Tocantins Standard Time", "Araguaina", "America/Araguaina"),
        e("E. South America Standard Time", "Brasilia", "America/Sao_Paulo"),
        e("SA Eastern Standard Time", "Cayenne, Fortaleza", "America/Cayenne"),
        e("Argentina Standard Time", "City of Buenos Aires", "America/Buenos_Aires"),
        e("Greenland Standard Time", "Greenland", "America/Godthab"),
        e("Montevideo Standard Time", "Montevideo", "America/Montevideo"),
        e("Magallanes Standard Time", "Punta Arenas", "America/Punta_Arenas"),
        e("Saint Pierre Standard Time", "Saint Pierre and Miquelon", "America/Miquelon"),
        e("Bahia Standard Time", "Salvador", "America/Bahia"),
        e("UTC-02", "Coordinated Universal Time-02", "Etc/GMT+2"),
        e("Azores Standard Time", "Azores", "Atlantic/Azores"),
        e("Cape Verde Standard Time", "Cabo Verde Is.", "Atlantic/Cape_Verde"),
        e("UTC", "Coordinated Universal Time", "Etc/UTC"),
        e("GMT Standard Time", "Dublin, Edinburgh, Lisbon, London", "Europe/London"),
        e("Greenwich Standard Time", "Monrovia, Reykjavik", "Atlantic/Reykjavik"),
        e("Sao Tome Standard Time", "Sao Tome", "Africa/Sao_Tome"),
        e("Morocco Standard Time", "Casablanca", "Africa/Casablanca"),
        e("W. Europe Standard Time", "Amsterdam, Berlin, Bern, Rome, Stockholm, Vienna", "Europe/Berlin"),
        e("Central Europe Standard Time", "Belgrade, Bratislava, Budapest, Ljubljana, Prague", "Europe/Budapest"),
        e("Romance Standard Time", "Brussels, Copenhagen, Madrid, Paris", "Europe/Paris"),
        e("Central European Standard Time", "Sarajevo, Skopje, Warsaw, Zagreb", "Europe/Warsaw"),
        e("W. Central Africa Standard Time", "West Central Africa", "Africa/Lagos"),
        e("Jordan Standard Time", "Amman", "Asia/Amman"),
        e("GTB Standard Time", "Athens, Bucharest", "Europe/Bucharest"),
        e("Middle East Standard Time", "Beirut", "Asia/Beirut"),
        e("Egypt Standard Time", "Cairo", "Africa/Cairo"),
        e("E. Europe Standard Time", "Chisinau", "Europe/Chisinau"),
        e("Syria Standard Time", "Damascus", "Asia/Damascus"),
        e("West Bank Standard Time", "Gaza, Hebron", "Asia/Hebron"),
        e("South Africa Standard Time", "Harare, Pretoria", "Africa/Johannesburg"),
        e("FLE Standard Time", "Helsinki, Kyiv, Riga, Sofia, Tallinn, Vilnius", "Europe/Kiev"),
        e("Israel Standard Time", "Jerusalem", "Asia/Jerusalem"),
        e("South Sudan Standard Time", "Juba", "Africa/Juba"),
        e("Kaliningrad Standard Time", "Kaliningrad", "Europe/Kaliningrad"),
        e("Sudan Standard Time", "Khartoum", "Africa/Khartoum"),
        e("Libya Standard Time", "Tripoli", "Africa/Tripoli"),
        e("Namibia Standard Time", "Windhoek", "Africa/Windhoek"),
        e("Arabic Standard Time", "Baghdad", "Asia/Baghdad"),
        e("Turkey Standard Time", "Istanbul", "Europe/Istanbul"),
        e("Arab Standard Time", "Kuwait, Riyadh", "Asia/Riyadh"),
        e("Belarus Standard Time", "Minsk", "Europe/Minsk"),
        e("Russian Standard Time", "Moscow, St. Petersburg", "Europe/Moscow"),
        e("E. Africa Standard Time", "Nairobi", "Africa/Nairobi"),
        e("Iran Standard Time", "Tehran", "Asia/Tehran"),
        e("Arabian Standard Time", "Abu Dhabi, Muscat", "Asia/Dubai"),
        e("Astrakhan Standard Time", "Astrakhan, Ulyanovsk", "Europe/Astrakhan"),
        e("Azerbaijan Standard Time", "Baku", "Asia/Baku"),
        e("Russia Time Zone 3", "Izhevsk, Samara", "Europe/Samara"),
        e("Mauritius Standard Time", "Port Louis", "Indian/Mauritius"),
        e("Saratov Standard Time", "Saratov", "Europe/Saratov"),
        e("Georgian Standard Time", "Tbilisi", "Asia/Tbilisi"),
        e("Volgograd Standard Time", "Volgograd", "Europe/Volgograd"),
        e("Caucasus Standard Time", "Yerevan", "Asia/Yerevan"),
        e("Afghanistan Standard Time", "Kabul", "Asia/Kabul"),
        e("West Asia Standard Time", "Ashgabat, Tashkent", "Asia/Tashkent"),
        e("Ekaterinburg Standard Time", "Ekaterinburg", "Asia/Yekaterinburg"),
        e("Pakistan Standard Time", "Islamabad, Karachi", "Asia/Karachi"),
        e("Qyzylorda Standard Time", "Qyzylorda", "Asia/Qyzylorda"),
        e("India Standard Time", "Chennai, Kolkata, Mumbai, New Delhi", "Asia/Calcutta"),
        e("Sri Lanka Standard Time", "Sri Jayawardenepura", "Asia/Colombo"),
        e("Nepal Standard Time", "Kathmandu", "Asia/Katmandu"),
        e("Central Asia Standard Time", "Astana", "Asia/Bishkek"),
        e("Bangladesh Standard Time", "Dhaka", "Asia/Dhaka"),
        e("Omsk Standard Time", "Omsk", "Asia/Omsk"),
        e("Myanmar Standard Time", "Yangon (Rangoon)", "Asia/Rangoon"),
        e("SE Asia Standard Time", "Bangkok, Hanoi, Jakarta", "Asia/Bangkok"),
        e("Altai Standard Time", "Barnaul, Gorno-Altaysk", "Asia/Barnaul"),
        e("W. Mongolia Standard Time", "Hovd", "Asia/Hovd"),
        e("North Asia Standard Time", "Krasnoyarsk", "Asia/Krasnoyarsk"),
        e("N. Central Asia Standard Time", "Novosibirsk", "Asia/Novosibirsk"),
        e("Tomsk Standard Time", "Tomsk", "Asia/Tomsk"),
        e("China Standard Time", "Beijing, Chongqing, Hong Kong, Urumqi", "Asia/Shanghai"),
        e("North Asia East Standard Time", "Irkutsk", "Asia/Irkutsk"),
        e("Singapore Standard Time", "Kuala Lumpur, Singapore", "Asia/Singapore"),
        e("W. Australia Standard Time", "Perth", "Australia/Perth"),
        e("Taipei Standard Time", "Taipei", "Asia/Taipei"),
        e("Ulaanbaatar Standard Time", "Ulaanbaatar", "Asia/Ulaanbaatar"),
        e("Aus Central W. Standard Time", "Eucla", "Australia/Eucla"),
        e("Transbaikal Standard Time", "Chita", "Asia/Chita"),
        e("Tokyo Standard Time", "Osaka, Sapporo, Tokyo", "Asia/Tokyo"),
        e("North Korea Standard Time", "Pyongyang", "Asia/Pyongyang"),
        e("Korea Standard Time", "Seoul", "Asia/Seoul"),
        e("Yakutsk Standard Time", "Yakutsk", "Asia/Yakutsk"),
        e("Cen. Australia Standard Time", "Adelaide", "Australia/Adelaide"),
        e("AUS Central Standard Time", "Darwin", "Australia/Darwin"),
        e("E. Australia Standard Time", "Brisbane", "Australia/Brisbane"),
        e("AUS Eastern Standard Time", "Canberra, Melbourne, Sydney", "Australia/Sydney"),
        e("West Pacific Standard Time", "Guam, Port Moresby", "Pacific/Port_Moresby"),
        e("Tasmania Standard Time", "Hobart", "Australia/Hobart"),
        e("Vladivostok Standard Time", "Vladivostok", "Asia/Vladivostok"),
        e("Lord Howe Standard Time", "Lord Howe Island", "Australia/Lord_Howe"),
        e("Bougainville Standard Time", "Bougainville Island", "Pacific/Bougainville"),
        e("Russia Time Zone 10", "Chokurdakh", "Asia/Srednekolymsk"),
        e("Magadan Standard Time", "Magadan", "Asia/Magadan"),
        e("Norfolk Standard Time", "Norfolk Island", "Pacific/Norfolk"),
        e("Sakhalin Standard Time", "Sakhalin", "Asia/Sakhalin"),
        e("Central Pacific Standard Time", "Solomon Is., New Caledonia", "Pacific/Guadalcanal"),
        e("Russia Time Zone 11", "Anadyr, Petropavlovsk-Kamchatsky", "Asia/Kamchatka"),
        e("New Zealand Standard Time", "Auckland, Wellington", "Pacific/Auckland"),
        e("UTC+12", "Coordinated Universal Time+12", "Etc/GMT-12"),
        e("Fiji Standard Time", "Fiji", "Pacific/Fiji"),
        e("Chatham Islands Standard Time", "Chatham Islands", "Pacific/Chatham"),
        e("UTC+13", "Coordinated Universal Time+13", "Etc/GMT-13"),
        e("Tonga Standard Time", "Nuku'alofa", "Pacific/Tongatapu"),
        e("Samoa Standard Time", "Samoa", "Pacific/Apia"),
        e("Line Islands Standard Time", "Kiritimati Island", "Pacific/Kiritimati"),
    ]
}

extension String {
    /// Without leading and trailing spaces, tabs and line breaks (Foundation-free so it stays cheap).
    var trimmingSpaces: Substring {
        let isSpace: (Character) -> Bool = { $0 == " " || $0 == "\t" || $0 == "\r" || $0 == "\n" }
        guard let first = firstIndex(where: { !isSpace($0) }), let last = lastIndex(where: { !isSpace($0) }) else {
            return Substring()
        }
        return self[first...last]
    }
}
