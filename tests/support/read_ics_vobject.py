"""Reads an iCalendar file with Python's `vobject` package (a second
parser nobody here wrote) and prints what it read as JSON, in the shape
read_ics.py prints.

Usage: python3 read_ics_vobject.py FILE
"""

import json
import sys

import vobject


def value(component, name):
    lines = component.contents.get(name.lower())
    return None if not lines else lines[0].value


def param(line, name, default):
    values = line.params.get(name.upper())
    return values[0] if values else default


def main(path):
    with open(path, encoding="utf-8", newline="") as file:
        calendar = vobject.readOne(file.read())
    events = []
    for event in calendar.contents.get("vevent", []):
        alarms = []
        for alarm in event.contents.get("valarm", []):
            trigger = alarm.contents["trigger"][0]
            alarms.append(
                {
                    "action": value(alarm, "ACTION"),
                    "trigger_seconds": int(trigger.value.total_seconds()),
                    "related": param(trigger, "RELATED", "START"),
                    "description": value(alarm, "DESCRIPTION"),
                }
            )
        start = event.contents["dtstart"][0]
        end = event.contents.get("dtend")
        events.append(
            {
                "uid": value(event, "UID"),
                "summary": value(event, "SUMMARY"),
                "description": value(event, "DESCRIPTION"),
                "start": start.value.isoformat(),
                "start_is_date": param(start, "VALUE", "DATE-TIME") == "DATE",
                "end": None if not end else end[0].value.isoformat(),
                "has_dtstamp": value(event, "DTSTAMP") is not None,
                "alarms": alarms,
            }
        )
    print(
        json.dumps(
            {
                "version": value(calendar, "VERSION"),
                "prodid": value(calendar, "PRODID"),
                "events": events,
            }
        )
    )


if __name__ == "__main__":
    main(sys.argv[1])
