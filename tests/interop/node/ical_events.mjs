// Reads {calendars: [ics text]} on stdin and parses each with ical.js (RFC 5545), using only the VTIMEZONE
// components in the file for local times. Prints, per calendar, its METHOD and its first VEVENT's UID, SEQUENCE,
// ORGANIZER, ATTENDEEs and start/end as UTC ISO strings.
import {readFileSync} from 'node:fs';
import {join} from 'node:path';
import {pathToFileURL} from 'node:url';

const modules = process.env.PSA_NODE_MODULES;
const {default: ICAL} = await import(pathToFileURL(join(modules, 'ical.js/dist/ical.js')).href);

const {calendars} = JSON.parse(readFileSync(0, 'utf8'));
const out = [];
for(const text of calendars) {
  const calendar = new ICAL.Component(ICAL.parse(text));
  ICAL.TimezoneService.reset();
  for(const zone of calendar.getAllSubcomponents('vtimezone')) {
    ICAL.TimezoneService.register(zone);
  }
  const vevent = calendar.getFirstSubcomponent('vevent');
  const event = new ICAL.Event(vevent);
  const utc = time => time.toJSDate().toISOString().replace('.000Z', 'Z');
  out.push({
    method: calendar.getFirstPropertyValue('method'),
    uid: event.uid,
    sequence: event.sequence,
    organizer: vevent.getFirstPropertyValue('organizer'),
    attendees: event.attendees.map(attendee => attendee.getFirstValue()),
    start: utc(event.startDate),
    end: utc(event.endDate),
    tzid: event.startDate.zone ? event.startDate.zone.tzid : null,
  });
}
process.stdout.write(JSON.stringify(out));
