// What the pages share: calls of the public API, times in a zone, the API's problems in words that
// say what to do, and the calendar file.

/** Calls the public API; answers { status, body } (body: the JSON, or null). */
export async function api(method, path, body, headers = {}) {
  const sent = { Accept: 'application/json', ...headers };
  if (body !== undefined && body !== null) sent['Content-Type'] = 'application/json';
  // a signed-in browser's session needs its CSRF token for changes (see the bff README)
  const xsrf = document.cookie.split('; ').find((c) => c.startsWith('XSRF-TOKEN='));
  if (xsrf && method !== 'GET') sent['X-XSRF-TOKEN'] = decodeURIComponent(xsrf.slice(11));
  try {
    const response = await fetch(path, {
      method,
      headers: sent,
      body: body === undefined || body === null ? undefined : JSON.stringify(body),
      credentials: 'same-origin',
    });
    const text = await response.text();
    return { status: response.status, body: text ? JSON.parse(text) : null };
  } catch (e) {
    return { status: 0, body: { code: 'OFFLINE' } };
  }
}

/** The browser's IANA zone. */
export function browserZone() {
  return Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
}

const lang = document.documentElement.lang || 'en';

/** "16:00": the instant's wall-clock time in zone (24 h, as the server writes it). */
export function time(instant, zone) {
  return new Intl.DateTimeFormat(lang, {
    timeZone: zone, hour: '2-digit', minute: '2-digit', hourCycle: 'h23',
  }).format(new Date(instant));
}

/** "Sunday 28 March 2027": the instant's date in zone. */
export function day(instant, zone) {
  const parts = new Intl.DateTimeFormat('en-GB', {
    timeZone: zone, weekday: 'long', day: 'numeric', month: 'long', year: 'numeric',
  }).formatToParts(new Date(instant));
  const part = (type) => parts.find((p) => p.type === type).value;
  return `${part('weekday')} ${part('day')} ${part('month')} ${part('year')}`;
}

/** "2027-03-28": the instant's local date in zone. */
export function isoDate(instant, zone) {
  return new Intl.DateTimeFormat('en-CA', {
    timeZone: zone, year: 'numeric', month: '2-digit', day: '2-digit',
  }).format(new Date(instant));
}

/** Fills a zone select with every zone the browser knows, keeping the selected one. */
export function fillZones(select) {
  if (!Intl.supportedValuesOf) return;
  const current = select.value;
  const zones = new Set([...Intl.supportedValuesOf('timeZone'), 'UTC', current]);
  select.replaceChildren(...[...zones].sort().map((z) => new Option(z, z, false, z === current)));
}

const FIELDS = {
  'customer.name': 'Name', 'customer.email': 'Email', 'customer.phone': 'Phone', start: 'Time',
  reason: 'Reason',
};

/** The problem the API answered, in words that say what to do. */
export function problemText(problem) {
  switch (problem && problem.code) {
    case 'SLOT_TAKEN':
      return 'Someone else has just booked this time. Please pick another time.';
    case 'NOT_A_SLOT': case 'INSIDE_MINIMUM_NOTICE': case 'BEYOND_BOOKING_HORIZON': case 'IN_THE_PAST':
      return 'This time can no longer be booked. Please pick another time.';
    case 'CANCELLATION_WINDOW_CLOSED':
      return 'It is now too close to the appointment to move or cancel it online.'
        + ' Please contact the provider directly.';
    case 'INVALID_STATE':
      return 'This booking has been changed in the meantime (' + problem.detail + '). Reload the page to see it as it is now.';
    case 'VALIDATION_FAILED':
      return (problem.errors || []).map((e) => `${FIELDS[e.field] || e.field}: ${e.message}.`).join(' ')
        + ' Please correct it and try again.';
    case 'TOO_MANY_REQUESTS':
      return 'Too many attempts from your network. Please wait a minute and try again.';
    case 'SERVICE_UNAVAILABLE': case 'OFFLINE':
      return 'The booking service cannot be reached just now. Please try again in a few seconds.';
    case 'FORBIDDEN': case 'NOT_FOUND':
      return 'This link does not open a booking. Copy the whole link from your confirmation email.';
    default:
      return 'Something went wrong' + (problem && problem.detail ? ` (${problem.detail})` : '')
        + '. Please try again.';
  }
}

function icsText(text) {
  return String(text).replace(/[\\;,]/g, (c) => '\\' + c).replace(/\r?\n/g, '\\n');
}

function icsInstant(instant) {
  return new Date(instant).toISOString().replace(/[-:]/g, '').replace(/\.\d{3}/, '');
}

/** An "add to calendar" link: an iCalendar file of the booking (UID its id, times in UTC). */
export function calendarLink(booking, summary, manageUrl) {
  const lines = [
    'BEGIN:VCALENDAR', 'VERSION:2.0', 'PRODID:-//Calisera//Booking page//EN', 'CALSCALE:GREGORIAN',
    'BEGIN:VEVENT', `UID:${booking.bookingId}`, `DTSTAMP:${icsInstant(Date.now())}`,
    `DTSTART:${icsInstant(booking.start)}`, `DTEND:${icsInstant(booking.end)}`,
    `SUMMARY:${icsText(summary)}`,
  ];
  if (manageUrl) lines.push(`URL:${manageUrl}`, `DESCRIPTION:${icsText('Manage: ' + manageUrl)}`);
  lines.push('END:VEVENT', 'END:VCALENDAR', '');
  const link = document.createElement('a');
  link.className = 'button';
  link.download = 'calisera-booking.ics';
  const folded = lines.map((l) => l.replace(/(.{73})(?=.)/g, '$1\r\n '));
  link.href = URL.createObjectURL(new Blob([folded.join('\r\n')], { type: 'text/calendar' }));
  link.textContent = 'Add to calendar (.ics)';
  return link;
}

/** An element with text (never HTML) and attributes. */
export function el(tag, attributes = {}, ...children) {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (value !== undefined && value !== null && value !== false) element.setAttribute(name, value);
  }
  element.append(...children.filter((c) => c !== undefined && c !== null));
  return element;
}

