"""Reads an iCalendar file with Python's `icalendar` package (a parser
nobody here wrote) and prints what it read as JSON, for the calendar tests
of `tips`. The other readers beside this one print the same shape.

Usage: python3 read_ics.py FILE
"""

import json
import sys

import icalendar


def text(component, name):
    value = component.get(name)
    return None if value is None else str(value)


def main(path):
    with open(path, "rb") as file:
        calendar = icalendar.Calendar.from_ical(file.read())
    events = []
    for event in calendar.walk("VEVENT"):
        alarms = []
        for alarm in event.walk("VALARM"):
            trigger = alarm.get("TRIGGER")
            alarms.append(
                {
                    "action": text(alarm, "ACTION"),
                    "trigger_seconds": int(trigger.dt.total_seconds()),
                    "related": trigger.params.get("RELATED", "START"),
                    "description": text(alarm, "DESCRIPTION"),
                }
            )
        start = event.get("DTSTART")
        end = event.get("DTEND")
        events.append(
            {
                "uid": text(event, "UID"),
                "summary": text(event, "SUMMARY"),
                "description": text(event, "DESCRIPTION"),
                "start": start.dt.isoformat(),
                "start_is_date": start.params.get("VALUE") == "DATE",
                # None where the file gives no end: one day, by RFC 5545.
                "end": None if end is None else end.dt.isoformat(),
                "has_dtstamp": event.get("DTSTAMP") is not None,
                "alarms": alarms,
            }
        )
    print(
        json.dumps(
            {
                "version": text(calendar, "VERSION"),
                "prodid": text(calendar, "PRODID"),
                "events": events,
            }
        )
    )


if __name__ == "__main__":
    main(sys.argv[1])
