import CalDAV
