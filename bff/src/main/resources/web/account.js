// My bookings (/account): the signed-in customer's bookings through GET /api/v1/me/bookings with
// the browser's session, upcoming first, each movable to another free time and cancellable with a
// reason (the manage page's forms) through the API with the session and its CSRF header, and each
// with its calendar file; times in the browser's zone.
import { api, browserZone, time, day, problemText, calendarLink, el } from './common.js';
import { STATUS, changeable, windowClosed, moveForm, cancelForm } from './change.js';

const box = document.getElementById('bookings');
const zone = browserZone();
const enc = encodeURIComponent;

document.getElementById('sign-out').addEventListener('click', async () => {
  await api('POST', '/api/v1/auth/logout', {});
  location.assign('/account');
});

load();

async function load(news) {
  const answer = await api('GET', `/api/v1/me/bookings?size=100&timeZone=${enc(zone)}`);
  if (answer.status !== 200) {
    box.replaceChildren(el('p', { class: 'news' }, answer.status === 401
      ? 'Your session has ended. Please sign in again.' : problemText(answer.body)));
    return;
  }
  const now = Date.now();
  const open = (b) => ['PENDING', 'CONFIRMED'].includes(b.status) && Date.parse(b.start) > now;
  const items = answer.body.items;
  const upcoming = items.filter(open).sort((a, b) => Date.parse(a.start) - Date.parse(b.start));
  const rest = items.filter((b) => !open(b)).sort((a, b) => Date.parse(b.start) - Date.parse(a.start));
  const providers = new Map();
  await Promise.all([...new Set(items.map((b) => b.providerId))].map(async (id) => {
    const found = await api('GET', `/api/v1/providers/${enc(id)}`);
    if (found.status === 200) providers.set(id, found.body);
  }));
  const parts = [];
  if (news) parts.push(el('p', { class: 'news', role: 'status', id: 'account-news', tabindex: '-1' }, news));
  if (items.length === 0) parts.push(el('p', {}, 'You have no bookings yet. ', el('a', { href: '/' }, 'Find a provider')));
  if (upcoming.length) parts.push(el('h2', {}, 'Upcoming'), list(upcoming, providers, true));
  if (rest.length) parts.push(el('h2', {}, 'Past and cancelled'), list(rest, providers, false));
  box.replaceChildren(...parts);
  if (news) document.getElementById('account-news').focus();
}

function list(bookings, providers, upcoming) {
  return el('ul', { class: 'bookings' }, ...bookings.map((b) => {
    const provider = providers.get(b.providerId);
    const service = provider && provider.services.find((s) => s.serviceId === b.serviceId);
    const providerName = provider ? provider.displayName : 'the provider';
    const title = `${service ? service.name : 'Appointment'} with ${provider ? provider.displayName : 'a provider'}`;
    const when = `${day(b.start, zone)} at ${time(b.start, zone)}`;
    const item = el('li', { class: 'card', id: `booking-${b.bookingId}` },
      el('h3', {}, title),
      el('p', {}, `${day(b.start, zone)}, ${time(b.start, zone)}–${time(b.end, zone)}`,
        el('span', { class: 'zone' }, ` (${zone} time)`)),
      el('p', { class: 'status' }, STATUS[b.status] || b.status));
    if (!upcoming) return item;
    const calendar = calendarLink(b, title);
    calendar.classList.add('secondary');
    calendar.setAttribute('aria-label', `Add to calendar: ${title} on ${when}`);
    const state = changeable(b, service);
    if (state === 'closed') {
      item.append(windowClosed(service, providerName, `closed-${b.bookingId}`),
        el('div', { class: 'actions' }, calendar));
      return item;
    }
    const moveButton = el('button', {
      type: 'button', class: 'secondary', 'aria-expanded': 'false',
      'aria-label': `Move booking: ${title} on ${when}`,
    }, 'Move');
    const cancelButton = el('button', {
      type: 'button', class: 'secondary', 'aria-expanded': 'false',
      'aria-label': `Cancel booking: ${title} on ${when}`,
    }, 'Cancel');
    const path = `/api/v1/bookings/${enc(b.bookingId)}`;
    let open = null; // the button whose form is open
    let form = null;
    function toggle(button, make) {
      if (form) form.remove();
      if (open) open.setAttribute('aria-expanded', 'false');
      if (open === button) {
        open = null;
        form = null;
        return;
      }
      open = button;
      form = make();
      button.setAttribute('aria-expanded', 'true');
      item.append(form);
      form.querySelector('input, textarea').focus();
    }
    moveButton.addEventListener('click', () => toggle(moveButton, () => moveForm({
      booking: b,
      zone,
      prefix: `move-${b.bookingId}`,
      heading: 'h4',
      move: (start) => api('POST', `${path}/reschedule`, { start }),
      moved: (moved) => load(`Moved: ${title} to ${day(moved.start, zone)}, ${time(moved.start, zone)}.`),
    })));
    cancelButton.addEventListener('click', () => toggle(cancelButton, () => cancelForm({
      prefix: `cancel-${b.bookingId}`,
      heading: 'h4',
      cancel: (body) => api('POST', `${path}/cancel`, body),
      cancelled: () => load(`Cancelled: ${title} on ${day(b.start, zone)}.`),
    })));
    item.append(el('div', { class: 'actions' }, moveButton, cancelButton, calendar));
    return item;
  }));
}
