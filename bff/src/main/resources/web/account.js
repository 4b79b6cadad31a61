// My bookings (/account): the signed-in customer's bookings through GET /api/v1/me/bookings with
// the browser's session, upcoming first, each cancellable; times in the browser's zone.
import { api, browserZone, time, day, problemText, el } from './common.js';

const box = document.getElementById('bookings');
const zone = browserZone();
const enc = encodeURIComponent;
const STATUS = {
  CONFIRMED: 'Confirmed', PENDING: 'Waiting for the provider to confirm', CANCELLED: 'Cancelled',
  DECLINED: 'Declined by the provider', COMPLETED: 'Completed', NO_SHOW: 'Missed',
};

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
  if (news) parts.push(el('p', { class: 'news', role: 'status' }, news));
  if (items.length === 0) parts.push(el('p', {}, 'You have no bookings yet. ', el('a', { href: '/' }, 'Find a provider')));
  if (upcoming.length) parts.push(el('h2', {}, 'Upcoming'), list(upcoming, providers, true));
  if (rest.length) parts.push(el('h2', {}, 'Past and cancelled'), list(rest, providers, false));
  box.replaceChildren(...parts);
}

function list(bookings, providers, cancellable) {
  return el('ul', { class: 'bookings' }, ...bookings.map((b) => {
    const provider = providers.get(b.providerId);
    const service = provider && provider.services.find((s) => s.serviceId === b.serviceId);
    const title = `${service ? service.name : 'Appointment'} with ${provider ? provider.displayName : 'a provider'}`;
    const item = el('li', { class: 'card', id: `booking-${b.bookingId}` },
      el('h3', {}, title),
      el('p', {}, `${day(b.start, zone)}, ${time(b.start, zone)}–${time(b.end, zone)}`,
        el('span', { class: 'zone' }, ` (${zone} time)`)),
      el('p', { class: 'status' }, STATUS[b.status] || b.status));
    if (cancellable) {
      const news = el('p', { class: 'news', role: 'alert' });
      const button = el('button', { type: 'button', class: 'secondary' }, 'Cancel booking');
      button.setAttribute('aria-label', `Cancel booking: ${title} on ${day(b.start, zone)} at ${time(b.start, zone)}`);
      button.addEventListener('click', async () => {
        button.disabled = true;
        const answer = await api('POST', `/api/v1/bookings/${enc(b.bookingId)}/cancel`, {});
        button.disabled = false;
        if (answer.status === 200) {
          load(`Cancelled: ${title} on ${day(b.start, zone)}.`);
        } else {
          news.textContent = problemText(answer.body);
        }
      });
      item.append(news, button);
    }
    return item;
  }));
}
