// The booking page (/p/{slug}): the server has rendered the day's free slots in the zone the page
// names; this switches to the browser's zone, keeps the slots live (the live-slots stream), and
// books through the public API.
import { api, browserZone, fillZones, time, day, problemText, calendarLink, el } from './common.js';

const form = document.getElementById('book');
if (form) start();

function start() {
  const data = form.dataset;
  const params = new URLSearchParams(location.search);
  if (!params.has('tz') && browserZone() !== data.zone) {
    // the page names the provider's zone until told another: show the visitor's own
    params.set('tz', browserZone());
    location.replace(`${location.pathname}?${params}`);
    return;
  }
  fillZones(document.getElementById('tz'));
  const slotNews = document.getElementById('slot-news');
  const bookNews = document.getElementById('book-news');
  const button = document.getElementById('book-button');

  const enc = encodeURIComponent;
  const stream = new EventSource(
    `/api/v1/providers/${enc(data.provider)}/services/${enc(data.service)}/slots/stream`
      + `?from=${data.date}&to=${data.date}&timeZone=${enc(data.zone)}`);
  stream.addEventListener('slots', (event) => {
    show(JSON.parse(event.data).slots);
    form.dataset.live = 'on';
  });
  window.addEventListener('pagehide', () => stream.close());

  form.addEventListener('change', (event) => {
    if (event.target.name === 'start') {
      slotNews.textContent = '';
      button.textContent = `Book ${event.target.nextElementSibling.textContent}`;
    }
  });
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    book();
  });

  function picked() {
    const input = form.querySelector('input[name=start]:checked');
    return input ? input.value : null;
  }

  const same = (a, b) => Date.parse(a) === Date.parse(b);

  /** The list as the stream says it is now; a visitor whose pick is gone is told. */
  function show(slots) {
    const pick = picked();
    const focused = document.activeElement && document.activeElement.name === 'start'
      ? document.activeElement.value : null;
    const kept = pick && slots.some((s) => same(s.start, pick));
    if (pick && !kept) taken(pick);
    const box = document.getElementById('slots');
    if (slots.length === 0) {
      box.replaceChildren(el('p', { class: 'empty' }, 'No free times on this day. Please pick another date.'));
      return;
    }
    const list = el('ul', { class: 'slots' });
    slots.forEach((slot, i) => {
      const input = el('input', {
        type: 'radio', name: 'start', id: `slot-${i}`, value: slot.start, required: true,
      });
      input.checked = kept && same(slot.start, pick);
      list.append(el('li', {}, input, el('label', { for: `slot-${i}` }, time(slot.start, data.zone))));
    });
    box.replaceChildren(list);
    if (focused) {
      const again = [...list.querySelectorAll('input')].find((i) => same(i.value, focused));
      (again || list.querySelector('input')).focus();
    }
  }

  function taken(start) {
    slotNews.textContent = `Sorry, ${time(start, data.zone)} has just been booked by someone else.`
      + ' Please pick another time.';
    button.textContent = 'Book';
  }

  function fieldError(name, message) {
    document.getElementById(`${name}-error`).textContent = message;
    document.getElementById(name).setAttribute('aria-invalid', message ? 'true' : 'false');
  }

  async function book() {
    bookNews.textContent = '';
    ['name', 'email', 'phone'].forEach((f) => fieldError(f, ''));
    const start = picked();
    const name = form.elements.name.value.trim();
    const email = form.elements.email.value.trim();
    const phone = form.elements.phone.value.trim();
    let wrong = null;
    if (!start) {
      slotNews.textContent = 'Please pick a time first.';
      wrong = form.querySelector('input[name=start]');
    }
    if (!name) {
      fieldError('name', 'Please enter your name.');
      wrong = wrong || form.elements.name;
    }
    if (!email || !form.elements.email.validity.valid) {
      fieldError('email', 'Please enter your email address, e.g. name@example.com.');
      wrong = wrong || form.elements.email;
    }
    if (wrong) {
      wrong.focus();
      return;
    }
    button.disabled = true;
    const label = button.textContent;
    button.textContent = 'Booking…';
    const answer = await api('POST', '/api/v1/bookings', {
      providerId: data.provider,
      serviceId: data.service,
      start,
      customer: { name, email, phone: phone || undefined, timeZone: data.zone },
    }, { 'Idempotency-Key': crypto.getRandomValues(new Uint32Array(4)).join('-') });
    button.disabled = false;
    button.textContent = label;
    if (answer.status === 201) {
      confirmation(answer.body, name, email);
    } else if (answer.body && answer.body.code === 'SLOT_TAKEN') {
      const input = [...form.querySelectorAll('input[name=start]')].find((i) => same(i.value, start));
      if (input) input.closest('li').remove();
      taken(start);
      slotNews.scrollIntoView({ block: 'center' });
    } else if (answer.body && answer.body.code === 'VALIDATION_FAILED') {
      let marked = true;
      for (const error of answer.body.errors || []) {
        const field = error.field.replace('customer.', '');
        marked = marked && ['name', 'email', 'phone'].includes(field);
        if (['name', 'email', 'phone'].includes(field)) {
          const label = { name: 'The name', email: 'The email address', phone: 'The phone number' }[field];
          fieldError(field, `${label} ${error.message}. `
            + (field === 'phone' ? 'Correct it, or leave it empty.' : 'Please correct it.'));
        }
      }
      bookNews.textContent = marked
        ? 'Please correct what is marked above, then book again.'
        : problemText(answer.body);
    } else {
      bookNews.textContent = problemText(answer.body);
    }
  }

  function confirmation(booking, name, email) {
    stream.close();
    document.querySelectorAll('main > section:not(#done), #book').forEach((e) => { e.hidden = true; });
    const done = document.getElementById('done');
    const pending = booking.status === 'PENDING';
    const summary = `${data.serviceName} with ${data.providerName}`;
    done.replaceChildren(
      el('h2', {}, pending ? 'Requested: waiting for confirmation' : 'Booked'),
      el('p', {}, pending
        ? `${data.providerName} will confirm or decline your request; we will email ${email}.`
        : `Thank you, ${name}. A confirmation goes to ${email}.`),
      el('dl', {},
        el('dt', {}, 'What'), el('dd', {}, summary),
        el('dt', {}, 'When'),
        el('dd', { id: 'done-when' },
          `${day(booking.start, data.zone)}, ${time(booking.start, data.zone)}–${time(booking.end, data.zone)}`,
          el('span', { class: 'zone' }, ` (${data.zone} time)`)),
        el('dt', {}, 'Booking number'), el('dd', {}, booking.bookingId)),
      el('div', { class: 'actions' },
        calendarLink(booking, summary, booking.manageUrl),
        el('a', { class: 'button', href: booking.manageUrl, id: 'manage-link' }, 'View, move or cancel')),
      el('p', {}, 'Keep the link "View, move or cancel" (it is also in your email): it opens this booking without an account.'));
    done.hidden = false;
    done.focus();
    window.scrollTo(0, 0);
  }
}
