// The manage page (/manage/{capability}): one booking, viewed, moved or cancelled through the
// public API with the capability of the link (header Booking-Capability), in the browser's zone.
import { api, browserZone, fillZones, time, day, isoDate, problemText, calendarLink, el } from './common.js';

const box = document.getElementById('booking');
const capability = decodeURIComponent(location.pathname.split('/').pop());
const bookingId = capability.slice(0, capability.lastIndexOf('.'));
const withCapability = { 'Booking-Capability': capability };
const enc = encodeURIComponent;
let zone = browserZone();
let booking;
let provider;
let service;

load();

async function load(news) {
  const answer = await api('GET', `/api/v1/bookings/${enc(bookingId)}`, null, withCapability);
  if (answer.status !== 200) {
    box.replaceChildren(el('p', { class: 'news' }, problemText(answer.body)));
    return;
  }
  booking = answer.body;
  const found = await api('GET', `/api/v1/providers/${enc(booking.providerId)}`);
  provider = found.status === 200 ? found.body : null;
  service = provider && provider.services.find((s) => s.serviceId === booking.serviceId);
  show(news);
}

const STATUS = {
  CONFIRMED: 'Confirmed', PENDING: 'Waiting for the provider to confirm', CANCELLED: 'Cancelled',
  DECLINED: 'Declined by the provider', COMPLETED: 'Completed', NO_SHOW: 'Missed',
};

function show(news) {
  const serviceName = service ? service.name : 'Appointment';
  const providerName = provider ? provider.displayName : 'the provider';
  const zoneSelect = el('select', { id: 'zone', name: 'zone' }, new Option(zone, zone, true, true));
  fillZones(zoneSelect);
  zoneSelect.addEventListener('change', () => { zone = zoneSelect.value; show(); });
  const card = el('div', { class: 'card' },
    el('dl', {},
      el('dt', {}, 'What'), el('dd', {}, serviceName),
      el('dt', {}, 'With'), el('dd', {},
        provider ? el('a', { href: `/p/${enc(provider.slug)}` }, providerName) : providerName),
      el('dt', {}, 'When'),
      el('dd', { id: 'when' },
        `${day(booking.start, zone)}, ${time(booking.start, zone)}–${time(booking.end, zone)}`,
        el('span', { class: 'zone' }, ` (${zone} time)`)),
      el('dt', {}, 'Status'), el('dd', { id: 'status' }, STATUS[booking.status] || booking.status),
      el('dt', {}, 'Booking number'), el('dd', {}, booking.bookingId)),
    el('p', {}, el('label', { for: 'zone' }, 'Show times in'), zoneSelect));
  const parts = [];
  if (news) parts.push(el('p', { class: 'news', role: 'status', id: 'manage-news', tabindex: '-1' }, news));
  parts.push(card);
  const open = ['PENDING', 'CONFIRMED'].includes(booking.status);
  const startsAt = Date.parse(booking.start);
  if (open) {
    parts.push(el('div', { class: 'actions' },
      calendarLink(booking, `${serviceName} with ${providerName}`, location.href)));
  }
  const notice = service ? service.cancellationNoticeMinutes : 0;
  if (open && startsAt > Date.now() && Date.now() >= startsAt - notice * 60000) {
    parts.push(el('p', { class: 'news', id: 'window-closed' },
      `It is less than ${hours(notice)} before the appointment, so it can no longer be moved or`
        + ` cancelled online. Please contact ${providerName} directly.`));
  } else if (open && startsAt > Date.now()) {
    parts.push(moveForm(), cancelForm());
  }
  box.replaceChildren(...parts);
}

function hours(minutes) {
  if (minutes % 1440 === 0) return minutes === 1440 ? '1 day' : `${minutes / 1440} days`;
  if (minutes % 60 === 0) return minutes === 60 ? '1 hour' : `${minutes / 60} hours`;
  return `${minutes} minutes`;
}

function failure(where, answer) {
  where.textContent = problemText(answer.body);
  if (answer.body && answer.body.code === 'CANCELLATION_WINDOW_CLOSED') {
    where.textContent = 'It is now too close to the appointment to move or cancel it online.'
      + ' Please contact the provider directly.';
  }
}

function moveForm() {
  const news = el('p', { class: 'news', role: 'alert', id: 'move-news' });
  const slotsBox = el('div', { id: 'move-slots' });
  const dateInput = el('input', {
    type: 'date', id: 'move-date', name: 'date', required: true,
    min: isoDate(Date.now(), zone), value: isoDate(booking.start, zone),
  });
  const showButton = el('button', { type: 'button', class: 'secondary' }, 'Show free times');
  const moveButton = el('button', { type: 'submit', id: 'move-button' }, 'Move booking');
  const form = el('form', { class: 'manage', id: 'move', novalidate: true },
    el('h2', {}, 'Move to another time'),
    el('p', {}, el('label', { for: 'move-date' }, 'Date'), dateInput),
    el('p', {}, showButton),
    el('fieldset', {}, el('legend', {}, 'Free times ', el('span', { class: 'zone' }, `(${zone} time)`)), slotsBox),
    news, moveButton);
  async function showSlots() {
    news.textContent = '';
    const date = dateInput.value;
    if (!date) {
      news.textContent = 'Please pick a date first.';
      return;
    }
    const answer = await api('GET', `/api/v1/providers/${enc(booking.providerId)}/services/`
      + `${enc(booking.serviceId)}/slots?from=${date}&to=${date}&timeZone=${enc(zone)}`);
    if (answer.status !== 200) {
      failure(news, answer);
      return;
    }
    const slots = answer.body.slots;
    if (slots.length === 0) {
      slotsBox.replaceChildren(el('p', { class: 'empty' }, 'No free times on this day. Please pick another date.'));
      return;
    }
    slotsBox.replaceChildren(el('ul', { class: 'slots' }, ...slots.map((slot, i) => el('li', {},
      el('input', { type: 'radio', name: 'start', id: `move-${i}`, value: slot.start }),
      el('label', { for: `move-${i}` }, time(slot.start, zone))))));
  }
  showButton.addEventListener('click', showSlots);
  dateInput.addEventListener('change', showSlots);
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const picked = form.querySelector('input[name=start]:checked');
    if (!picked) {
      news.textContent = 'Please pick a new time first.';
      return;
    }
    moveButton.disabled = true;
    const answer = await api('POST', `/api/v1/bookings/${enc(bookingId)}/reschedule`,
      { start: picked.value }, withCapability);
    moveButton.disabled = false;
    if (answer.status === 200) {
      booking = answer.body;
      show(`Moved to ${day(booking.start, zone)}, ${time(booking.start, zone)}.`);
      document.getElementById('manage-news').focus();
    } else {
      failure(news, answer);
      if (answer.body && answer.body.code === 'SLOT_TAKEN') showSlots();
    }
  });
  return form;
}

function cancelForm() {
  const news = el('p', { class: 'news', role: 'alert', id: 'cancel-news' });
  const reason = el('textarea', { id: 'reason', name: 'reason', maxlength: '1000', rows: '3' });
  const button = el('button', { type: 'submit', class: 'secondary', id: 'cancel-button' }, 'Cancel booking');
  const form = el('form', { class: 'manage', id: 'cancel' },
    el('h2', {}, 'Cancel'),
    el('p', {}, el('label', { for: 'reason' }, 'Reason (optional, the provider sees it)'), reason),
    news, button);
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    button.disabled = true;
    const text = reason.value.trim();
    const answer = await api('POST', `/api/v1/bookings/${enc(bookingId)}/cancel`,
      text ? { reason: text } : {}, withCapability);
    button.disabled = false;
    if (answer.status === 200) {
      booking = answer.body;
      show('Your booking is cancelled. The time is free again for others.');
      if (provider) {
        box.append(el('p', {}, el('a', { href: `/p/${enc(provider.slug)}` }, `Book again with ${provider.displayName}`)));
      }
    } else {
      failure(news, answer);
    }
  });
  return form;
}
