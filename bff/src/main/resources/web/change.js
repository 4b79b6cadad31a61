// Changing a booking, as the manage page (with the link's capability) and My bookings (with the
// browser's session) both do: what its status means, whether it may still be changed online, and
// the forms that move it to another free time and cancel it.
import { api, time, isoDate, problemText, el } from './common.js';

/** What a booking's status means to its customer. */
export const STATUS = {
  CONFIRMED: 'Confirmed', PENDING: 'Waiting for the provider to confirm', CANCELLED: 'Cancelled',
  DECLINED: 'Declined by the provider', COMPLETED: 'Completed', NO_SHOW: 'Missed',
};

function duration(minutes) {
  if (minutes % 1440 === 0) return minutes === 1440 ? '1 day' : `${minutes / 1440} days`;
  if (minutes % 60 === 0) return minutes === 60 ? '1 hour' : `${minutes / 60} hours`;
  return `${minutes} minutes`;
}

/**
 * Whether its customer may still move or cancel an upcoming booking online: 'open', 'closed'
 * (inside the service's cancellation notice) or 'over' (started, past, cancelled...).
 */
export function changeable(booking, service) {
  const startsAt = Date.parse(booking.start);
  if (!['PENDING', 'CONFIRMED'].includes(booking.status) || startsAt <= Date.now()) return 'over';
  const notice = service ? service.cancellationNoticeMinutes : 0;
  return Date.now() >= startsAt - notice * 60000 ? 'closed' : 'open';
}

/** What a customer is told inside the cancellation notice, instead of buttons. */
export function windowClosed(service, providerName, id) {
  return el('p', { class: 'news', id },
    `It is less than ${duration(service ? service.cancellationNoticeMinutes : 0)} before the`
      + ` appointment, so it can no longer be moved or cancelled online. Please contact ${providerName}`
      + ' directly.');
}

/**
 * The form that moves a booking to another free time of its service: a date, that day's free
 * times in zone (GET .../slots), the move. move(start) asks the API to reschedule (with the link's
 * capability, or the browser's session) and answers api()'s { status, body }; moved(booking) gets
 * the moved booking. A time taken meanwhile is named and the day's list asked again. Every id
 * starts with prefix, unique on the page; heading is the level of its heading ('h2').
 */
export function moveForm({ booking, zone, prefix, heading = 'h2', move, moved }) {
  const enc = encodeURIComponent;
  const news = el('p', { class: 'news', role: 'alert', id: `${prefix}-news` });
  const slotsBox = el('div', { id: `${prefix}-slots` });
  const dateInput = el('input', {
    type: 'date', id: `${prefix}-date`, name: 'date', required: true,
    min: isoDate(Date.now(), zone), value: isoDate(booking.start, zone),
  });
  const showButton = el('button', { type: 'button', class: 'secondary' }, 'Show free times');
  const moveButton = el('button', { type: 'submit', id: `${prefix}-button` }, 'Move booking');
  const form = el('form', { class: 'manage', id: prefix, novalidate: true },
    el(heading, {}, 'Move to another time'),
    el('p', {}, el('label', { for: `${prefix}-date` }, 'Date'), dateInput),
    el('p', {}, showButton),
    el('fieldset', {},
      el('legend', {}, 'Free times ', el('span', { class: 'zone' }, `(${zone} time)`)), slotsBox),
    news, moveButton);
  async function showSlots(keepNews) {
    if (!keepNews) news.textContent = '';
    const date = dateInput.value;
    if (!/^\d{4}-\d{2}-\d{2}$/.test(date)) {
      news.textContent = 'Please pick a date first.';
      return;
    }
    const answer = await api('GET', `/api/v1/providers/${enc(booking.providerId)}/services/`
      + `${enc(booking.serviceId)}/slots?from=${date}&to=${date}&timeZone=${enc(zone)}`);
    if (answer.status !== 200) {
      news.textContent = answer.body && answer.body.code === 'VALIDATION_FAILED'
        ? 'This date cannot be booked. Please pick another date, from today on.'
        : problemText(answer.body);
      slotsBox.replaceChildren();
      return;
    }
    const slots = answer.body.slots;
    if (slots.length === 0) {
      slotsBox.replaceChildren(
        el('p', { class: 'empty' }, 'No free times on this day. Please pick another date.'));
      return;
    }
    slotsBox.replaceChildren(el('ul', { class: 'slots' }, ...slots.map((slot, i) => el('li', {},
      el('input', { type: 'radio', name: 'start', id: `${prefix}-slot-${i}`, value: slot.start }),
      el('label', { for: `${prefix}-slot-${i}` }, time(slot.start, zone))))));
  }
  showButton.addEventListener('click', () => showSlots(false));
  dateInput.addEventListener('change', () => showSlots(false));
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const picked = form.querySelector('input[name=start]:checked');
    if (!picked) {
      news.textContent = 'Please pick a new time first.';
      return;
    }
    moveButton.disabled = true;
    const answer = await move(picked.value);
    moveButton.disabled = false;
    if (answer.status === 200) {
      moved(answer.body);
    } else if (answer.body && answer.body.code === 'SLOT_TAKEN') {
      news.textContent = `Sorry, ${time(picked.value, zone)} has just been booked by someone else.`
        + ' Please pick another time.';
      showSlots(true);
    } else {
      news.textContent = problemText(answer.body);
    }
  });
  return form;
}

/**
 * The form that cancels a booking with an optional reason (the provider sees it): cancel(reason)
 * asks the API (with the link's capability, or the browser's session) and answers api()'s
 * { status, body }; cancelled(booking) gets the cancelled booking. Ids as moveForm's.
 */
export function cancelForm({ prefix, heading = 'h2', cancel, cancelled }) {
  const news = el('p', { class: 'news', role: 'alert', id: `${prefix}-news` });
  const reason = el('textarea', {
    id: `${prefix}-reason`, name: 'reason', maxlength: '1000', rows: '3',
  });
  const button = el('button', { type: 'submit', class: 'secondary', id: `${prefix}-button` },
    'Cancel booking');
  const form = el('form', { class: 'manage', id: prefix },
    el(heading, {}, 'Cancel'),
    el('p', {}, el('label', { for: `${prefix}-reason` }, 'Reason (optional, the provider sees it)'),
      reason),
    news, button);
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    news.textContent = '';
    button.disabled = true;
    const text = reason.value.trim();
    const answer = await cancel(text ? { reason: text } : {});
    button.disabled = false;
    if (answer.status === 200) {
      cancelled(answer.body);
    } else {
      news.textContent = problemText(answer.body);
    }
  });
  return form;
}
