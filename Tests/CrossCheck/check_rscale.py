#!/usr/bin/env python3
"""Cross-checks Fixtures/rscale/*.json (RFC 7529 RSCALE rules) against convertdate, independently of the Swift engine
and of Foundation's calendars.

Each case is a VALUE=DATE DTSTART and a YEARLY or MONTHLY rule with BYMONTH (leap months as 5L), BYMONTHDAY, SKIP,
INTERVAL and COUNT. This script expands it the RFC 7529 §3.1 way with convertdate's Hebrew and arithmetical Islamic
calendars (the one Foundation calls islamicCivil) and must produce 'expected', the dates the Swift tests require of
Almanac (RScaleExpansionTests.crossCheckCases in Tests/ICalendarRecurrenceTests). Scales convertdate lacks (CHINESE) are skipped
with a note: their cases carry dates taken from published holiday tables instead.

Usage: .venv/bin/python Tests/CrossCheck/check_rscale.py [fixture.json ...]
       .venv/bin/python Tests/CrossCheck/check_rscale.py --print ID   (this script's expansion of one case)
The last line reads 'N passed, M failed, K skipped (D dates compared)'; the exit status is non-zero on a failure.
"""
import datetime
import json
import pathlib
import sys

from convertdate import hebrew, islamic

FIXTURES = pathlib.Path(__file__).resolve().parents[2] / "Fixtures" / "rscale"

# RFC 7529 numbers Hebrew months from Tishri (1) to Elul (12), with Adar I as the leap month 5L and Adar (Adar II in
# a leap year) as 6. convertdate numbers them from Nisan (1), with Adar I as 12 and Adar II as 13 in leap years.
HEBREW_FROM_RFC = {1: 7, 2: 8, 3: 9, 4: 10, 5: 11, 7: 1, 8: 2, 9: 3, 10: 4, 11: 5, 12: 6}


class Hebrew:
    @staticmethod
    def months(year):
        """(number, leap) codes of a year in order, RFC 7529 style."""
        codes = [(n, False) for n in range(1, 6)]
        if hebrew.leap(year):
            codes.append((5, True))
        return codes + [(n, False) for n in range(6, 13)]

    @staticmethod
    def _native(year, code):
        number, leap = code
        if leap:
            return 12
        if number == 6:
            return 13 if hebrew.leap(year) else 12
        return HEBREW_FROM_RFC[number]

    @classmethod
    def month_length(cls, year, code):
        return hebrew.month_length(year, cls._native(year, code))

    @classmethod
    def to_date(cls, year, code, day):
        return datetime.date(*hebrew.to_gregorian(year, cls._native(year, code), day))

    @staticmethod
    def from_date(date):
        year, month, day = hebrew.from_gregorian(date.year, date.month, date.day)
        if month == 12 and hebrew.leap(year):
            code = (5, True)
        elif month in (12, 13):
            code = (6, False)
        else:
            code = next((rfc, False) for rfc, native in HEBREW_FROM_RFC.items() if native == month)
        return year, code, day


class IslamicCivil:
    @staticmethod
    def months(year):
        return [(n, False) for n in range(1, 13)]

    @staticmethod
    def month_length(year, code):
        return islamic.month_length(year, code[0])

    @staticmethod
    def to_date(year, code, day):
        return datetime.date(*islamic.to_gregorian(year, code[0], day))

    @staticmethod
    def from_date(date):
        year, month, day = islamic.from_gregorian(date.year, date.month, date.day)
        return year, (month, False), day


SCALES = {"HEBREW": Hebrew, "ISLAMIC-CIVIL": IslamicCivil}


def parse_rule(text):
    parts = dict(part.split("=", 1) for part in text.upper().split(";"))
    months = []
    for item in filter(None, parts.get("BYMONTH", "").split(",")):
        months.append((int(item[:-1]), True) if item.endswith("L") else (int(item), False))
    return {
        "scale": parts["RSCALE"],
        "freq": parts["FREQ"],
        "interval": int(parts.get("INTERVAL", "1")),
        "count": int(parts["COUNT"]),
        "months": months,
        "monthdays": [int(d) for d in filter(None, parts.get("BYMONTHDAY", "").split(","))],
        "skip": parts.get("SKIP", "OMIT"),
    }


def resolve_month(scale, year, code, skip):
    """The (year, month) a BYMONTH code names, or its SKIP stand-in; None when omitted."""
    codes = scale.months(year)
    if code in codes:
        return year, code
    if skip == "BACKWARD":
        earlier = [c for c in codes if c[0] < code[0] or (c[0] == code[0] and code[1])]
        return (year, earlier[-1]) if earlier else None
    if skip == "FORWARD":
        later = [c for c in codes if c[0] > code[0]]
        return (year, later[0]) if later else (year + 1, scale.months(year + 1)[0])
    return None


def month_day(scale, year, code, value, skip):
    """BYMONTHDAY value in a month as a Gregorian date, with SKIP for a month too short; None when omitted."""
    length = scale.month_length(year, code)
    position = value if value > 0 else length + 1 + value
    first = scale.to_date(year, code, 1)
    if 1 <= position <= length:
        return first + datetime.timedelta(days=position - 1)
    if skip == "BACKWARD":
        return first + datetime.timedelta(days=length - 1 if position > length else -1)
    if skip == "FORWARD":
        return first + datetime.timedelta(days=length if position > length else 0)
    return None


def expand(case):
    rule = parse_rule(case["rrule"])
    scale = SCALES[rule["scale"]]
    start = datetime.datetime.strptime(case["dtstart"], "%Y%m%d").date()
    start_year, start_code, start_day = scale.from_date(start)
    monthdays = rule["monthdays"] or [start_day]
    produced = []

    def add(days):
        for day in sorted(set(d for d in days if d is not None)):
            if day >= start and (not produced or day > produced[-1]) and len(produced) < rule["count"]:
                produced.append(day)

    if rule["freq"] == "YEARLY":
        codes = rule["months"] or [start_code]
        year = start_year
        while len(produced) < rule["count"]:
            days = []
            for code in codes:
                resolved = resolve_month(scale, year, code, rule["skip"])
                if resolved:
                    days += [month_day(scale, *resolved, value, rule["skip"]) for value in monthdays]
            add(days)
            year += rule["interval"]
    elif rule["freq"] == "MONTHLY":
        year, index = start_year, scale.months(start_year).index(start_code)
        while len(produced) < rule["count"]:
            codes = scale.months(year)
            code = codes[index]
            allowed = not rule["months"] or any(
                resolve_month(scale, year, wanted, rule["skip"]) == (year, code) for wanted in rule["months"])
            if allowed:
                add([month_day(scale, year, code, value, rule["skip"]) for value in monthdays])
            index += rule["interval"]
            while index >= len(scale.months(year)):
                index -= len(scale.months(year))
                year += 1
    else:
        raise ValueError(f"FREQ={rule['freq']} is not covered by this cross-check")
    return [day.strftime("%Y%m%d") for day in produced]


def cases(paths):
    files = [pathlib.Path(p) for p in paths] or sorted(FIXTURES.glob("*.json"))
    for path in files:
        for case in json.loads(path.read_text())["cases"]:
            yield path, case


def main(args):
    if args[:1] == ["--print"]:
        for _, case in cases([]):
            if case["id"] == args[1]:
                print(json.dumps(expand(case)))
        return 0
    passed = failed = skipped = compared = 0
    for path, case in cases(args):
        scale = parse_rule(case["rrule"])["scale"]
        if scale not in SCALES:
            skipped += 1
            print(f"skip  {case['id']}: convertdate has no {scale} calendar ({case.get('source', 'no source')})")
            continue
        try:
            produced = expand(case)
        except Exception as error:  # a case this script cannot expand is a failure, not a crash
            produced = [f"error: {error}"]
        if produced == case["expected"]:
            passed += 1
            compared += len(produced)
        else:
            failed += 1
            print(f"FAIL  {path.name} {case['id']}: {case['description']}")
            print(f"      expected   {case['expected']}")
            print(f"      convertdate {produced}")
    print(f"{passed} passed, {failed} failed, {skipped} skipped ({compared} dates compared)")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
