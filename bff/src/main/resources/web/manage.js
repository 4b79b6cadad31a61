// The manage page (/manage/{capability}): one booking, viewed, moved or cancelled through the
// public API with the capability of the link (header Booking-Capability), in the browser's zone.
import { api, browserZone, fillZones, time, day, problemText, calendarLink, el } from './common.js';
import { STATUS, changeable, windowClosed, moveForm, cancelForm } from './change.js';

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
  if (open) {
    parts.push(el('div', { class: 'actions' },
      calendarLink(booking, `${serviceName} with ${providerName}`, location.href)));
  }
  const state = changeable(booking, service);
  if (state === 'closed') {
    parts.push(windowClosed(service, providerName, 'window-closed'));
  } else if (state === 'open') {
    parts.push(moveForm({
      booking,
      zone,
      prefix: 'move',
      move: (start) => api('POST', `/api/v1/bookings/${enc(bookingId)}/reschedule`, { start },
        withCapability),
      moved: (changed) => {
        booking = changed;
        show(`Moved to ${day(booking.start, zone)}, ${time(booking.start, zone)}.`);
        document.getElementById('manage-news').focus();
      },
    }), cancelForm({
      prefix: 'cancel',
      cancel: (body) => api('POST', `/api/v1/bookings/${enc(bookingId)}/cancel`, body,
        withCapability),
      cancelled: (changed) => {
        booking = changed;
        show('Your booking is cancelled. The time is free again for others.');
        if (provider) {
          box.append(el('p', {}, el('a', { href: `/p/${enc(provider.slug)}` },
            `Book again with ${provider.displayName}`)));
        }
      },
    }));
  }
  box.replaceChildren(...parts);
}
