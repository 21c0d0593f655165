// Reads an iCalendar file with Mozilla's ical.js (a parser nobody here
// wrote, the one Thunderbird uses) and prints what it read as JSON, in the
// shape read_ics.py prints.
//
// Usage: node read_ics.mjs PATH/TO/ical.js/dist/ical.js FILE

import { readFileSync } from "node:fs";
import { pathToFileURL } from "node:url";

const [libraryPath, filePath] = process.argv.slice(2);
const { default: ICAL } = await import(pathToFileURL(libraryPath).href);

// ical.js writes a year below 1000 with fewer than four digits; the other
// readers, and so the tests, write dates as ISO 8601 does.
function iso(time) {
  if (!time.isDate) {
    return time.toString();
  }
  const pad = (number, width) => String(number).padStart(width, "0");
  return `${pad(time.year, 4)}-${pad(time.month, 2)}-${pad(time.day, 2)}`;
}

const calendar = new ICAL.Component(ICAL.parse(readFileSync(filePath, "utf8")));
const events = calendar.getAllSubcomponents("vevent").map((vevent) => {
  const start = vevent.getFirstProperty("dtstart");
  const end = vevent.getFirstPropertyValue("dtend");
  const alarms = vevent.getAllSubcomponents("valarm").map((valarm) => {
    const trigger = valarm.getFirstProperty("trigger");
    return {
      action: valarm.getFirstPropertyValue("action"),
      trigger_seconds: trigger.getFirstValue().toSeconds(),
      related: trigger.getParameter("related") ?? "START",
      description: valarm.getFirstPropertyValue("description"),
    };
  });
  return {
    uid: vevent.getFirstPropertyValue("uid"),
    summary: vevent.getFirstPropertyValue("summary"),
    description: vevent.getFirstPropertyValue("description"),
    start: iso(start.getFirstValue()),
    start_is_date: start.type === "date",
    end: end === null ? null : iso(end),
    has_dtstamp: vevent.hasProperty("dtstamp"),
    alarms,
  };
});
console.log(
  JSON.stringify({
    version: calendar.getFirstPropertyValue("version"),
    prodid: calendar.getFirstPropertyValue("prodid"),
    events,
  }),
);
