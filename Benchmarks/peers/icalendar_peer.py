"""Measures python icalendar (parse) and recurring-ical-events (expansion) on the same inputs as Almanac's
icalendar-bench, and prints one JSON object. Run by the benchmark itself; not a test."""
import json
import statistics
import sys
import time
from datetime import datetime, timezone

import icalendar
import recurring_ical_events


def utc(year, month, day):
    # Aware bounds, so floating and all-day events are read in UTC exactly as the Swift side reads them.
    return datetime(year, month, day, tzinfo=timezone.utc)


def timed(fn, repeat):
    samples = []
    result = None
    for _ in range(repeat):
        start = time.perf_counter()
        result = fn()
        samples.append(time.perf_counter() - start)
    return statistics.median(samples), result


def main():
    path, repeat = sys.argv[1], int(sys.argv[2])
    data = open(path, "rb").read()
    parse_s, cal = timed(lambda: icalendar.Calendar.from_ical(data), repeat)

    month_s, month = timed(lambda: recurring_ical_events.of(cal).between(utc(2025, 3, 1), utc(2025, 4, 1)), repeat)
    year_s, year = timed(lambda: recurring_ical_events.of(cal).between(utc(2025, 1, 1), utc(2026, 1, 1)), 1)

    daily = icalendar.Calendar.from_ical(
        "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//x//y//EN\r\nBEGIN:VEVENT\r\nUID:d\r\nDTSTAMP:20240101T000000Z\r\n"
        "DTSTART:20240101T090000Z\r\nDTEND:20240101T093000Z\r\nRRULE:FREQ=DAILY\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n")
    daily_s, daily_instances = timed(
        lambda: recurring_ical_events.of(daily).between(utc(2024, 1, 1), utc(2029, 1, 1)), 5)

    print(json.dumps({
        "icalendar": icalendar.__version__,
        "bytes": len(data),
        "parse_seconds": parse_s,
        "month_seconds": month_s,
        "month_instances": len(month),
        "year_seconds": year_s,
        "year_instances": len(year),
        "daily5y_seconds": daily_s,
        "daily5y_instances": len(daily_instances),
    }))


if __name__ == "__main__":
    main()
