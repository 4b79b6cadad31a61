// The providers' app (/studio): sign in with the browser's session, set up a booking page from
// nothing (name, zone, first service, weekly hours), share it (link, QR code, the phone's share
// sheet), run the agenda live, edit profile, services, hours and date overrides, read insights.
// Everything goes through the public API with the session's cookie and CSRF header (common.js).
import { api, time, isoDate, fillZones, browserZone, el } from './common.js';

const app = document.getElementById('app');
const tabs = document.getElementById('tabs');
const offline = document.getElementById('offline');
const enc = encodeURIComponent;
const DAYS = ['MONDAY', 'TUESDAY', 'WEDNESDAY', 'THURSDAY', 'FRIDAY', 'SATURDAY', 'SUNDAY'];
const title = (word) => word.charAt(0) + word.slice(1).toLowerCase();
const STATUS = {
  CONFIRMED: 'Confirmed', PENDING: 'Waiting for your answer', CANCELLED: 'Cancelled',
  DECLINED: 'Declined', COMPLETED: 'Completed', NO_SHOW: 'No-show',
};

let provider = null; // GET /api/v1/providers/{id}: profile and active services
let schedule = null; // GET /api/v1/providers/{id}/availability
let streams = []; // the agenda's live-slot streams
let poll; // and its timer
let turn; // the agenda's redraw at the next start or end of a booking

// ------------------------------------------------------------------------- offline, installable

function connectivity() {
  offline.hidden = navigator.onLine;
}
addEventListener('online', () => { connectivity(); start(); });
addEventListener('offline', connectivity);
connectivity();
if ('serviceWorker' in navigator) {
  navigator.serviceWorker.register('/studio/sw.js', { scope: '/studio' }).catch(() => {});
}

start();

// ------------------------------------------------------------------------------ what to show

async function start(news) {
  closeStreams();
  const me = await api('GET', '/api/v1/me');
  if (me.status === 0) return offlineView();
  if (me.status === 401) return signIn();
  if (me.status !== 200) return failed(me);
  const own = await api('GET', '/api/v1/me/providers');
  if (own.status !== 200) return failed(own);
  if (own.body.items.length === 0) return onboardProfile();
  if (!(await load(own.body.items[0].providerId))) return undefined;
  if (provider.services.length === 0) return onboardService();
  if (schedule.weekly.length === 0 && schedule.overrides.length === 0) return onboardHours();
  tabs.hidden = false;
  return show(news);
}

async function load(providerId) {
  const [page, hours] = await Promise.all([
    api('GET', `/api/v1/providers/${enc(providerId)}`),
    api('GET', `/api/v1/providers/${enc(providerId)}/availability`),
  ]);
  if (page.status !== 200 || hours.status !== 200) {
    failed(page.status !== 200 ? page : hours);
    return false;
  }
  provider = page.body;
  schedule = hours.body;
  return true;
}

addEventListener('hashchange', () => { if (provider && !tabs.hidden) show(); });

function show(news) {
  closeStreams();
  const tab = (location.hash || '#agenda').slice(1);
  for (const link of tabs.querySelectorAll('a')) {
    if (link.dataset.tab === tab) link.setAttribute('aria-current', 'page');
    else link.removeAttribute('aria-current');
  }
  const views = { agenda, share, setup, insights };
  (views[tab] || agenda)(news);
}

function screen(heading, ...children) {
  const h1 = el('h1', { tabindex: '-1' }, heading);
  app.replaceChildren(h1, ...children);
  return h1;
}

function offlineView() {
  tabs.hidden = true;
  offline.hidden = false; // the phone may think it is online while Calisera cannot be reached
  screen('You are offline', el('p', { class: 'news', role: 'status' },
    'The studio cannot reach Calisera just now. It will load your agenda again as soon as the'
    + ' phone is back online.'));
}

function failed(answer) {
  screen('Please try again', el('p', { class: 'news', role: 'alert' }, problem(answer.body)));
}

/** The API's problem in words; validation problems name the fields. */
function problem(body) {
  const code = body && body.code;
  if (code === 'OFFLINE' || code === 'SERVICE_UNAVAILABLE') {
    return 'Calisera cannot be reached just now. Please try again in a few seconds.';
  }
  if (code === 'SLUG_TAKEN') return 'This address is taken. Please choose another one.';
  if (code === 'INVALID_STATE') return `This booking has changed in the meantime (${body.detail}).`;
  if (code === 'UNAUTHENTICATED') return 'Your session has ended. Please reload and sign in again.';
  if (code === 'VALIDATION_FAILED' && body.errors) {
    return body.errors.map((e) => `${e.field}: ${e.message}.`).join(' ');
  }
  return 'Something went wrong' + (body && body.detail ? ` (${body.detail})` : '') + '.';
}

// ---------------------------------------------------------------------------------- sign-in

function signIn() {
  tabs.hidden = true;
  const parts = [el('p', {}, 'Sign in to set up your booking page and run your agenda.')];
  const logins = document.getElementById('web-logins');
  if (logins) parts.push(el('p', { class: 'actions' }, logins.content.cloneNode(true)));
  if (app.dataset.devSignIn === 'true') {
    const news = el('p', { class: 'news', role: 'alert' });
    const form = el('form', { class: 'card', novalidate: '' },
      el('h2', {}, 'Dev sign-in'),
      el('p', {}, 'This platform runs for local use: anyone may sign in as anyone here.'),
      field('Your name', input('name', { autocomplete: 'name', required: '' })),
      field('Email', input('email', { type: 'email', autocomplete: 'email', required: '' })),
      news, el('button', { type: 'submit' }, 'Sign in'));
    form.addEventListener('submit', async (event) => {
      event.preventDefault();
      const name = form.elements.name.value.trim();
      const email = form.elements.email.value.trim();
      if (!name || !/^[^@\s]+@[^@\s]+$/.test(email)) {
        news.textContent = 'Please enter your name and a valid email address.';
        return;
      }
      const headers = { 'Content-Type': 'application/x-www-form-urlencoded' };
      const xsrf = document.cookie.split('; ').find((c) => c.startsWith('XSRF-TOKEN='));
      if (xsrf) headers['X-XSRF-TOKEN'] = decodeURIComponent(xsrf.slice(11));
      try {
        await fetch('/account/dev-sign-in', {
          method: 'POST', headers, body: new URLSearchParams({ name, email }), credentials: 'same-origin',
        });
      } catch (e) {
        news.textContent = problem({ code: 'OFFLINE' });
        return;
      }
      start();
    });
    parts.push(form);
  }
  screen('Calisera Studio', ...parts);
}

// ------------------------------------------------------------------------------- onboarding

function steps(current) {
  return el('p', { class: 'steps' }, `Step ${current} of 3`);
}

function onboardProfile() {
  tabs.hidden = true;
  const form = profileForm(null, 'Create my booking page', async (body, news) => {
    const created = await api('POST', '/api/v1/providers', body);
    if (created.status !== 201) return problems(form, news, created.body);
    await load(created.body.providerId);
    return onboardService();
  });
  screen('Your booking page', steps(1),
    el('p', {}, 'Tell your customers who you are. You can change all of this later.'), form);
}

function onboardService() {
  tabs.hidden = true;
  const form = serviceForm(null, 'Add this service', async (body, news) => {
    const added = await api('POST', `/api/v1/providers/${enc(provider.providerId)}/services`, body);
    if (added.status !== 201) return problems(form, news, added.body);
    await load(provider.providerId);
    return onboardHours();
  });
  screen('What can people book?', steps(2),
    el('p', {}, 'Your first service. Add more later under Setup.'), form);
}

function onboardHours() {
  tabs.hidden = true;
  const weekly = DAYS.slice(0, 5).map((day) => ({ day, start: '09:00', end: '17:00' }));
  const form = hoursForm({ weekly, overrides: [] }, 'Publish my booking page', async (body, news) => {
    const saved = await api('PUT', `/api/v1/providers/${enc(provider.providerId)}/availability`, body);
    if (saved.status !== 200) return problems(form, news, saved.body);
    location.hash = '#share';
    return start('Your booking page is live. Share its link or QR code with your customers.');
  });
  screen('When do you work?', steps(3),
    el('p', {}, `Your weekly hours, in your time zone (${provider.timeZone}).`
      + ' People can book inside them.'), form);
}

// ---------------------------------------------------------------------------------- forms

function field(label, control, hint) {
  const id = control.id;
  const error = el('span', { class: 'error', id: `${id}-error` });
  control.setAttribute('aria-describedby', `${hint ? `${id}-hint ` : ''}${id}-error`);
  return el('p', {}, el('label', { for: id }, label),
    hint ? el('span', { class: 'hint', id: `${id}-hint` }, hint) : null, control, error);
}

let ids = 0;
function input(name, attributes = {}) {
  return el('input', { id: `f${++ids}-${name}`, name, type: 'text', ...attributes });
}

/** Shows the API's problem: at the fields it names, and as a whole in news. */
function problems(form, news, body) {
  for (const error of form.querySelectorAll('.error')) error.textContent = '';
  news.textContent = problem(body);
  if (body && body.code === 'SLUG_TAKEN' && form.elements.slug) {
    form.elements.slug.parentNode.querySelector('.error').textContent = 'This address is taken.';
  }
  for (const e of (body && body.errors) || []) {
    const control = form.elements[e.field.split('.')[0]];
    if (control && control.parentNode) control.parentNode.querySelector('.error').textContent = e.message;
  }
}

function submitting(form, submit) {
  const news = el('p', { class: 'news', role: 'alert' });
  form.append(news);
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const button = form.querySelector('button[type=submit]');
    button.disabled = true;
    try {
      await submit(news);
    } finally {
      button.disabled = false;
    }
  });
}

function profileForm(current, label, send) {
  const zone = el('select', { id: `f${++ids}-timeZone`, name: 'timeZone' },
    new Option(current ? current.timeZone : browserZone(), current ? current.timeZone : browserZone(), true, true));
  fillZones(zone);
  const slug = input('slug', { autocomplete: 'off', maxlength: '40', value: current ? current.slug : '',
    pattern: '[a-z0-9-]{3,40}', spellcheck: 'false' });
  const form = el('form', { class: 'card', novalidate: '' },
    field('Business name', input('displayName', { required: '', maxlength: '200', autocomplete: 'organization',
      value: current ? current.displayName : '' })),
    field('Time zone', zone, 'Your hours and your agenda are in this zone.'),
    field('Page address', slug, `${location.origin}/p/… (3 to 40 of a-z, 0-9, -); empty: made from the name`),
    field('Category (optional)', input('category', { maxlength: '100', value: current && current.category || '' })),
    field('City (optional)', input('city', { maxlength: '100', autocomplete: 'address-level2',
      value: current && current.city || '' })));
  if (current) {
    const bio = el('textarea', { id: `f${++ids}-bio`, name: 'bio', maxlength: '4000', rows: '4' });
    bio.value = current.bio || '';
    form.append(field('About you (optional)', bio));
  }
  form.append(el('button', { type: 'submit' }, label));
  slugCheck(slug, current);
  submitting(form, (news) => send({
    displayName: form.elements.displayName.value.trim(),
    slug: slug.value.trim() || (current ? current.slug : undefined),
    timeZone: zone.value,
    category: form.elements.category.value.trim() || undefined,
    city: form.elements.city.value.trim() || undefined,
    bio: form.elements.bio ? form.elements.bio.value.trim() || undefined : (current && current.bio) || undefined,
  }, news));
  return form;
}

/** Says as the provider types whether the page address is free (a public provider lookup). */
function slugCheck(slug, current) {
  let timer;
  slug.addEventListener('input', () => {
    clearTimeout(timer);
    const error = slug.parentNode.querySelector('.error');
    const value = slug.value.trim();
    error.textContent = '';
    if (!value || (current && value === current.slug)) return;
    if (!/^[a-z0-9-]{3,40}$/.test(value)) {
      error.textContent = 'Use 3 to 40 small letters, digits or hyphens.';
      return;
    }
    timer = setTimeout(async () => {
      const found = await api('GET', `/api/v1/providers/${enc(value)}`);
      if (slug.value.trim() !== value) return;
      error.textContent = found.status === 404 ? `${value} is free.` : found.status === 200 ? `${value} is taken.` : '';
      error.className = found.status === 404 ? 'error free' : 'error';
    }, 300);
  });
}

const SETTINGS = [
  ['durationMinutes', 'How long it takes (minutes)', 5, 720, null],
  ['slotIntervalMinutes', 'Start times every … minutes', 5, 720, 'Empty: as long as it takes.'],
  ['bufferBeforeMinutes', 'Break before (minutes)', 0, 240, null],
  ['bufferAfterMinutes', 'Break after (minutes)', 0, 240, 'Time kept free after each booking.'],
  ['minimumNoticeMinutes', 'People must book at least … minutes ahead', 0, 43200, null],
  ['maxDaysInAdvance', 'People can book up to … days ahead', 1, 730, null],
  ['cancellationNoticeMinutes', 'Customers can cancel or move until … minutes before', 0, 43200,
    '0: until it starts. You can always cancel yourself.'],
];

function serviceForm(current, label, send) {
  const number = ([name, text, min, max, hint], more) => field(text, input(name, {
    type: 'number', inputmode: 'numeric', min: String(min), max: String(max), ...more,
    value: current ? String(current[name]) : (name === 'durationMinutes' ? '30' : ''),
  }), hint);
  const confirm = el('input', { type: 'checkbox', id: `f${++ids}-confirm`, name: 'requiresConfirmation',
    checked: current && current.requiresConfirmation ? '' : null });
  const form = el('form', { class: 'card', novalidate: '' },
    field('Name', input('name', { required: '', maxlength: '200', value: current ? current.name : '' })),
    number(SETTINGS[0], { required: '' }),
    el('div', { class: 'pair' },
      field('Price (optional)', input('amount', { inputmode: 'decimal', maxlength: '12',
        value: current && current.price ? current.price.amount : '' })),
      field('Currency', input('currency', { maxlength: '3', autocomplete: 'off',
        value: current && current.price ? current.price.currency : 'EUR' }))),
    el('p', { class: 'check' }, confirm, el('label', { for: confirm.id }, 'I confirm each booking myself')),
    el('details', {}, el('summary', {}, 'More settings'), ...SETTINGS.slice(1).map((s) => number(s))),
    el('button', { type: 'submit' }, label));
  submitting(form, (news) => {
    const body = { name: form.elements.name.value.trim(), requiresConfirmation: confirm.checked };
    for (const [name] of SETTINGS) {
      const value = form.elements[name].value.trim();
      if (value !== '') body[name] = Number(value);
    }
    const amount = form.elements.amount.value.trim();
    if (amount) body.price = { amount, currency: form.elements.currency.value.trim().toUpperCase() };
    if (current) body.reminderMinutes = current.reminderMinutes;
    return send(body, news);
  });
  return form;
}

/** The weekly hours (several ranges a day, overnight allowed) and the date overrides. */
function hoursForm(current, label, send, withOverrides) {
  const form = el('form', { class: 'card hours', novalidate: '' });
  const range = (start, end, dayName) => {
    const from = el('input', { type: 'time', value: start, 'aria-label': `${dayName} from`, required: '' });
    const to = el('input', { type: 'time', value: end === '24:00' ? '00:00' : end, 'aria-label': `${dayName} until`, required: '' });
    const remove = el('button', { type: 'button', class: 'secondary small', 'aria-label': `Remove ${dayName} ${start}` }, '✕');
    const row = el('li', { class: 'range' }, from, el('span', { 'aria-hidden': 'true' }, '–'), to, remove);
    remove.addEventListener('click', () => row.remove());
    return row;
  };
  const dayBox = (key, dayName, intervals, extra) => {
    const list = el('ul', { class: 'ranges' }, ...intervals.map((i) => range(i.start, i.end, dayName)));
    const add = el('button', { type: 'button', class: 'secondary small', 'aria-label': `Add hours on ${dayName}` }, '+ Add hours');
    add.addEventListener('click', () => list.append(range('09:00', '17:00', dayName)));
    return el('fieldset', { class: 'day', 'data-key': key }, el('legend', {}, dayName), ...(extra || []), list, add);
  };
  for (const day of DAYS) {
    form.append(dayBox(day, title(day), current.weekly.filter((w) => w.day === day)));
  }
  const overrides = el('div', { class: 'overrides' });
  const addOverride = (date, intervals) => {
    const box = dayBox(`date:${date}`, `${dayLabel(date)} only`, intervals,
      [el('p', { class: 'hint' }, 'No hours on this date means closed.')]);
    const remove = el('button', { type: 'button', class: 'secondary small' }, `Remove ${dayLabel(date)}`);
    remove.addEventListener('click', () => box.remove());
    box.append(remove);
    overrides.append(box);
  };
  if (withOverrides) {
    const date = input('overrideDate', { type: 'date', min: isoDate(Date.now(), current.timeZone) });
    const add = el('button', { type: 'button', class: 'secondary' }, 'Add a date');
    add.addEventListener('click', () => {
      if (date.value && !form.querySelector(`[data-key="date:${date.value}"]`)) addOverride(date.value, []);
    });
    for (const o of current.overrides) addOverride(o.date, o.intervals);
    form.append(el('h2', {}, 'Dates with other hours'),
      el('p', {}, 'Closed days and special hours replace the weekly hours of that date.'),
      overrides, field('Date', date), el('p', {}, add));
  }
  const intervals = (box) => [...box.querySelectorAll('li.range')].map((row) => {
    const [from, to] = row.querySelectorAll('input');
    return { start: from.value, end: to.value };
  });
  const hours = () => {
    const weekly = [];
    for (const box of form.querySelectorAll('fieldset.day')) {
      if (DAYS.includes(box.dataset.key)) {
        for (const i of intervals(box)) weekly.push({ day: box.dataset.key, ...i });
      }
    }
    const dates = [...overrides.querySelectorAll('fieldset.day')]
      .map((box) => ({ date: box.dataset.key.slice(5), intervals: intervals(box) }));
    return { weekly, overrides: dates };
  };
  if (provider.services.length) form.append(slotPreview(hours));
  form.append(el('button', { type: 'submit' }, label));
  submitting(form, (news) => send(hours(), news));
  return form;
}

/**
 * The free times a service would have in a week with the hours as they are in the form, before
 * they are saved: the API computes them as the slot list would, with the bookings already made.
 */
function slotPreview(hours) {
  const zone = provider.timeZone;
  const service = el('select', { id: `f${++ids}-previewService`, name: 'previewService' },
    ...provider.services.map((s) => new Option(s.name, s.serviceId)));
  const week = input('previewFrom', { type: 'date', value: isoDate(Date.now(), zone), required: '' });
  const button = el('button', { type: 'button', class: 'secondary' }, 'Preview free times');
  const shown = el('div', { id: 'slot-preview', 'aria-live': 'polite' });
  button.addEventListener('click', async () => {
    const from = week.value || isoDate(Date.now(), zone);
    const to = addDays(from, 6);
    button.disabled = true;
    const answer = await api('POST', `/api/v1/providers/${enc(provider.providerId)}/availability/preview`
      + `?serviceId=${enc(service.value)}&from=${from}&to=${to}`, hours());
    button.disabled = false;
    if (answer.status !== 200) {
      shown.replaceChildren(el('p', { class: 'error', role: 'alert' }, problem(answer.body)));
      return;
    }
    const days = new Map();
    for (let d = 0; d < 7; d++) days.set(addDays(from, d), []);
    for (const slot of answer.body.slots) {
      const date = isoDate(slot.start, zone);
      if (days.has(date)) days.get(date).push(slot);
    }
    const name = service.options[service.selectedIndex].text;
    shown.replaceChildren(
      el('p', {}, `${name}: ${answer.body.slots.length} free times with these hours, your bookings`
        + ' taken into account. Nothing is saved yet.'),
      el('ul', { class: 'preview' }, ...[...days].map(([date, slots]) => el('li', { 'data-date': date },
        el('strong', {}, dayLabel(date)),
        slots.length === 0
          ? el('span', { class: 'meta' }, 'No free times')
          : el('span', {}, ...slots.flatMap((slot, i) => [i ? ' ' : null,
            el('time', { datetime: slot.start }, time(slot.start, zone))]))))));
  });
  return el('section', { class: 'preview' },
    el('h2', {}, 'Preview'),
    el('p', {}, 'See the times people could book with these hours before you save them.'),
    field('Service', service), field('Week from', week),
    el('p', {}, button), shown);
}

// ------------------------------------------------------------------------------------ share

function share(news) {
  const url = provider.bookingUrl;
  const qr = `/api/v1/providers/${enc(provider.providerId)}/qr`;
  const link = el('input', { id: 'booking-link', type: 'url', readonly: '', value: url });
  const copy = el('button', { type: 'button', class: 'secondary' }, 'Copy link');
  const said = el('p', { role: 'status', class: 'said' });
  copy.addEventListener('click', async () => {
    try {
      await navigator.clipboard.writeText(url);
      said.textContent = 'Link copied.';
    } catch (e) {
      link.select();
      said.textContent = 'Select the link and copy it.';
    }
  });
  const actions = el('p', { class: 'actions' }, copy, el('a', { class: 'button secondary', href: url }, 'Open my page'));
  if (navigator.share) {
    const button = el('button', { type: 'button', id: 'share-sheet' }, 'Share…');
    button.addEventListener('click', () => navigator.share({
      title: provider.displayName, text: `Book with ${provider.displayName}`, url,
    }).catch(() => {}));
    actions.prepend(button);
  }
  screen('Share your booking page',
    news ? el('p', { class: 'news', role: 'status' }, news) : null,
    el('p', {}, el('label', { for: 'booking-link' }, 'Your booking link'), link), actions, said,
    el('h2', {}, 'QR code'),
    el('p', {}, 'Print it or show it: scanning it opens your booking page.'),
    el('img', { id: 'qr', class: 'qr', src: `${qr}?format=svg`, width: '240', height: '240',
      alt: `QR code of ${url}` }),
    el('p', { class: 'actions' },
      el('a', { class: 'button secondary', href: `${qr}?format=png&size=1024`, download: `${provider.slug}-qr.png` }, 'Download PNG'),
      el('a', { class: 'button secondary', href: `${qr}?format=svg&size=1024`, download: `${provider.slug}-qr.svg` }, 'Download SVG')));
}

// ----------------------------------------------------------------------------------- agenda

let span = 'today';

async function agenda(news) {
  const zone = provider.timeZone;
  const today = isoDate(Date.now(), zone);
  const until = span === 'today' ? today : addDays(today, 6);
  const toggle = (key, text) => {
    const button = el('button', { type: 'button', class: 'secondary', 'aria-pressed': String(span === key) }, text);
    button.addEventListener('click', () => { span = key; show(); });
    return button;
  };
  const list = el('div', { id: 'agenda', 'aria-live': 'polite' }, el('p', {}, 'Loading…'));
  const said = el('p', { class: 'news', role: 'status' }, news || '');
  screen(span === 'today' ? 'Today' : 'This week', el('p', { class: 'actions' },
    toggle('today', 'Today'), toggle('week', 'This week')),
  el('p', { class: 'zone' }, `Times in ${zone}`), said, list);
  // live: redrawn when something changed, unless the provider is moving or cancelling one, also
  // one opened while the bookings were being fetched (the 30-second poll catches up later)
  const busy = () => list.querySelector('form.cancel:not([hidden]), form.move:not([hidden])');
  let refreshed = false;
  // a draw of a view the provider has left (one still fetching, or a timer of it) does nothing: it
  // would re-arm the next start's timer for a list no one sees instead of the one shown
  const gone = () => !list.isConnected;
  const draw = async (live) => {
    if (gone() || (live === true && busy())) return;
    const answer = await api('GET', `/api/v1/providers/${enc(provider.providerId)}/bookings`
      + `?from=${today}&to=${until}&timeZone=${enc(zone)}&size=100`);
    if (gone() || (live === true && busy())) return;
    if (answer.status !== 200) {
      list.replaceChildren(el('p', { class: 'news' }, problem(answer.body)));
      return;
    }
    const bookings = answer.body.items.sort((a, b) => Date.parse(a.start) - Date.parse(b.start));
    // a service added on another phone meanwhile: its name (once a view, as a stopped one has none)
    if (!refreshed && bookings.some((b) => !provider.services.some((s) => s.serviceId === b.serviceId))) {
      refreshed = true;
      await load(provider.providerId);
      if (gone()) return;
    }
    atNextStart(bookings, draw);
    if (bookings.length === 0) {
      list.replaceChildren(el('p', { class: 'empty' },
        span === 'today' ? 'Nothing booked today yet.' : 'Nothing booked this week yet.'));
      return;
    }
    const days = new Map();
    for (const b of bookings) {
      const date = isoDate(b.start, zone);
      if (!days.has(date)) days.set(date, []);
      days.get(date).push(b);
    }
    list.replaceChildren(...[...days].map(([date, items]) => el('section', {},
      el('h2', {}, dayLabel(date, zone)),
      el('ul', { class: 'bookings' }, ...items.map((b) => card(b, zone, draw, said))))));
  };
  await draw();
  live(today, until, draw);
}

/**
 * New bookings appear without a reload. The API has no stream of a provider's bookings, but every
 * booking placed, moved or cancelled changes the live slots of the services it overlaps: the agenda
 * listens to those of the first three services (a browser opens only six connections to a site)
 * and asks again every 30 seconds for what they do not show (a confirmation, a far service).
 */
function live(from, to, draw) {
  let timer;
  poll = setInterval(() => { if (!document.hidden) draw(true); }, 30000);
  for (const service of provider.services.slice(0, 3)) {
    const stream = new EventSource(`/api/v1/providers/${enc(provider.providerId)}/services/`
      + `${enc(service.serviceId)}/slots/stream?from=${from}&to=${to}`);
    let first = true;
    stream.addEventListener('slots', () => {
      if (first) { first = false; return; }
      clearTimeout(timer);
      timer = setTimeout(() => draw(true), 200);
    });
    streams.push(stream);
  }
}

/**
 * What a booking offers changes at its start (confirm and move give way to completed and no-show)
 * and at its end (no more cancelling): the agenda is drawn again then, as it would be by a reload.
 */
function atNextStart(bookings, draw) {
  clearTimeout(turn);
  const now = Date.now();
  const next = Math.min(...bookings.filter((b) => ['PENDING', 'CONFIRMED'].includes(b.status))
    .flatMap((b) => [Date.parse(b.start), Date.parse(b.end)]).filter((t) => t > now));
  // only within a day: the view is of a week at most, and its 30-second poll catches up anyway
  if (next - now < 86400000) turn = setTimeout(() => draw(true), next - now + 250);
}

function closeStreams() {
  for (const stream of streams) stream.close();
  streams = [];
  clearInterval(poll);
  clearTimeout(turn);
}

function card(b, zone, draw, said) {
  const service = provider.services.find((s) => s.serviceId === b.serviceId);
  const what = service ? service.name : 'A service no longer offered';
  const who = b.customer ? b.customer.name : 'A customer';
  const item = el('li', { class: `card booking ${b.status.toLowerCase()}`, id: `booking-${b.bookingId}` },
    el('h3', {}, `${time(b.start, zone)}–${time(b.end, zone)} ${what}`),
    el('p', {}, who, b.customer && b.customer.email ? el('span', { class: 'meta' }, ` · ${b.customer.email}`) : null,
      b.customer && b.customer.phone ? el('span', { class: 'meta' }, ` · ${b.customer.phone}`) : null),
    b.notes ? el('p', { class: 'meta' }, b.notes) : null,
    el('p', { class: 'status' }, STATUS[b.status] || b.status));
  const now = Date.now();
  const act = (path, text, done, body, style) => {
    const button = el('button', { type: 'button', class: style || '', 'aria-label': `${text}: ${who} at ${time(b.start, zone)}` }, text);
    button.addEventListener('click', async () => {
      button.disabled = true;
      const answer = await api('POST', `/api/v1/bookings/${enc(b.bookingId)}/${path}`, body ? body() : {});
      button.disabled = false;
      // the booking as it is now: a moved one names its new time
      const at = answer.status === 200 && answer.body && answer.body.start ? answer.body.start : b.start;
      said.textContent = answer.status === 200 ? `${done}: ${who} at ${time(at, zone)}.` : problem(answer.body);
      if (answer.status === 200) draw();
    });
    return button;
  };
  const actions = el('p', { class: 'actions' });
  if (b.status === 'PENDING' && Date.parse(b.start) > now) {
    actions.append(act('confirm', 'Confirm', 'Confirmed'), act('decline', 'Decline', 'Declined', null, 'secondary'));
  }
  if (b.status === 'CONFIRMED' && Date.parse(b.start) <= now) {
    actions.append(act('complete', 'Completed', 'Marked completed'), act('no-show', 'No-show', 'Marked no-show', null, 'secondary'));
  }
  const forms = [];
  /** A button that opens a form below the actions (and closes it again). */
  const opener = (text, form, opened) => {
    const open = el('button', { type: 'button', class: 'secondary', 'aria-expanded': 'false' }, text);
    open.addEventListener('click', () => {
      form.hidden = !form.hidden;
      open.setAttribute('aria-expanded', String(!form.hidden));
      if (!form.hidden) opened();
    });
    form.addEventListener('submit', (event) => event.preventDefault());
    forms.push(form);
    return open;
  };
  if (['PENDING', 'CONFIRMED'].includes(b.status) && Date.parse(b.start) > now) {
    // move: another free time of the same service (the booking does not block its own time)
    const date = el('input', { type: 'date', id: `move-date-${b.bookingId}`, value: isoDate(b.start, zone),
      min: isoDate(now, zone) });
    const times = el('div', { class: 'move-times', 'aria-live': 'polite' });
    const chosen = () => {
      const picked = times.querySelector('input:checked');
      return picked ? picked.value : undefined;
    };
    const fill = async () => {
      const answer = await api('GET', `/api/v1/providers/${enc(provider.providerId)}/services/`
        + `${enc(b.serviceId)}/slots?from=${date.value}&to=${date.value}&timeZone=${enc(zone)}`);
      if (answer.status !== 200) {
        times.replaceChildren(el('p', { class: 'error' }, problem(answer.body)));
      } else if (answer.body.slots.length === 0) {
        times.replaceChildren(el('p', { class: 'empty' }, 'No free time on this date.'));
      } else {
        times.replaceChildren(el('ul', { class: 'slots' }, ...answer.body.slots.map((slot, i) => {
          const id = `move-${b.bookingId}-${i}`;
          return el('li', {}, el('input', { type: 'radio', name: `move-${b.bookingId}`, id, value: slot.start }),
            el('label', { for: id }, time(slot.start, zone)));
        })));
      }
    };
    date.addEventListener('change', fill);
    const move = el('form', { class: 'move', hidden: '' },
      el('label', { for: date.id }, 'New date'), date, times,
      act('reschedule', 'Move booking', 'Moved', () => ({ start: chosen() })));
    actions.append(opener('Move…', move, fill));
  }
  if (['PENDING', 'CONFIRMED'].includes(b.status) && Date.parse(b.end) > now) {
    const reason = el('input', { id: `reason-${b.bookingId}`, type: 'text', maxlength: '500' });
    const cancel = el('form', { class: 'cancel', hidden: '' },
      el('label', { for: reason.id }, 'Reason (the customer reads it)'), reason,
      act('cancel', 'Cancel booking', 'Cancelled', () => ({ reason: reason.value.trim() || undefined })));
    actions.append(opener('Cancel…', cancel, () => reason.focus()));
  }
  if (actions.childElementCount) item.append(actions, ...forms);
  return item;
}

function addDays(date, days) {
  const d = new Date(`${date}T12:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

function dayLabel(date) {
  return new Intl.DateTimeFormat('en-GB', { weekday: 'long', day: 'numeric', month: 'long', timeZone: 'UTC' })
    .format(new Date(`${date}T12:00:00Z`));
}

// ------------------------------------------------------------------------------------ setup

async function setup(news) {
  // the profile, services and hours as they are now: another phone may have changed them
  if (!(await load(provider.providerId))) return;
  const id = enc(provider.providerId);
  const said = el('p', { class: 'news', role: 'status' }, news || '');
  const done = (text) => { location.hash = '#setup'; start(text); };
  const profile = profileForm(provider, 'Save profile', async (body, problemNews) => {
    const saved = await api('PUT', `/api/v1/providers/${id}`, body);
    if (saved.status !== 200) return problems(profile, problemNews, saved.body);
    return done('Profile saved.');
  });
  const services = el('ul', { class: 'bookings' }, ...provider.services.map((s) => {
    const edit = el('details', {}, el('summary', {}, 'Change'), serviceFormFor(s, done));
    const stop = el('button', { type: 'button', class: 'secondary' }, `Stop offering ${s.name}`);
    stop.addEventListener('click', async () => {
      const answer = await api('DELETE', `/api/v1/providers/${id}/services/${enc(s.serviceId)}`);
      if (answer.status === 204) done(`${s.name} is no longer offered.`);
      else said.textContent = problem(answer.body);
    });
    return el('li', { class: 'card' }, el('h3', {}, s.name), el('p', {}, describe(s)), edit, stop);
  }));
  const added = serviceForm(null, 'Add service', async (body, problemNews) => {
    const answer = await api('POST', `/api/v1/providers/${id}/services`, body);
    if (answer.status !== 201) return problems(added, problemNews, answer.body);
    return done(`${body.name} added.`);
  });
  const hours = hoursForm(schedule, 'Save hours', async (body, problemNews) => {
    const saved = await api('PUT', `/api/v1/providers/${id}/availability`, body);
    if (saved.status !== 200) return problems(hours, problemNews, saved.body);
    return done('Hours saved. Your booking page shows them now.');
  }, true);
  const signOut = el('button', { type: 'button', class: 'secondary' }, 'Sign out');
  signOut.addEventListener('click', async () => {
    await api('POST', '/api/v1/auth/logout', {});
    location.hash = '';
    start();
  });
  screen('Setup', said,
    el('h2', {}, 'Profile'), profile,
    el('h2', {}, 'Services'), services, el('details', { class: 'card' }, el('summary', {}, 'Add a service'), added),
    el('h2', {}, `Weekly hours (${provider.timeZone})`), hours, el('p', {}, signOut));
}

function serviceFormFor(s, done) {
  const form = serviceForm(s, 'Save service', async (body, news) => {
    const answer = await api('PUT', `/api/v1/providers/${enc(provider.providerId)}/services/${enc(s.serviceId)}`, body);
    if (answer.status !== 200) return problems(form, news, answer.body);
    return done(`${body.name} saved.`);
  });
  return form;
}

/** A service's settings in words a provider reads at a glance. */
function describe(s) {
  const parts = [`${s.durationMinutes} min`];
  if (s.price) parts.push(`${s.price.amount} ${s.price.currency}`);
  parts.push(`people can book up to ${s.maxDaysInAdvance} days ahead`);
  if (s.minimumNoticeMinutes) parts.push(`at least ${s.minimumNoticeMinutes} minutes ahead`);
  if (s.requiresConfirmation) parts.push('you confirm each booking');
  if (s.cancellationNoticeMinutes) parts.push(`customers can cancel until ${s.cancellationNoticeMinutes} minutes before`);
  return parts.join(' · ');
}

// --------------------------------------------------------------------------------- insights

async function insights() {
  const zone = provider.timeZone;
  const to = isoDate(Date.now(), zone);
  const from = addDays(to, -29);
  const base = `/api/v1/providers/${enc(provider.providerId)}/insights`;
  const figures = el('div', { 'aria-live': 'polite' }, el('p', {}, 'Loading…'));
  screen('Insights', el('p', {}, `The last 30 days (${from} to ${to}, ${zone}).`), figures);
  const answer = await api('GET', `${base}?from=${from}&to=${to}`);
  if (answer.status !== 200) {
    figures.replaceChildren(el('p', { class: 'news', id: 'insights-problem' },
      answer.body && answer.body.code === 'SERVICE_UNAVAILABLE'
        ? 'Insights cannot be shown just now: the platform\'s analytics do not answer. Your bookings'
          + ' and your booking page are not affected.'
        : problem(answer.body)));
    return;
  }
  const i = answer.body;
  const percent = (x) => `${Math.round(x * 100)} %`;
  const row = (label, value, before) => [el('dt', {}, label),
    el('dd', {}, value, before === undefined ? null : el('span', { class: 'meta' }, ` (before: ${before})`))];
  figures.replaceChildren(
    el('img', { class: 'chart', src: `${base}/chart.svg?from=${from}&to=${to}`, width: '360', height: '240',
      alt: `Bookings per day from ${from} to ${to}` }),
    el('dl', { class: 'figures' },
      ...row('Bookings', String(i.bookings), i.previous && i.previous.bookings),
      ...row('Cancellations', `${i.cancellations} (${percent(i.cancellationRate)})`),
      ...row('No-shows', String(i.noShows)),
      ...row('Booked hours', (i.bookedMinutes / 60).toFixed(1)),
      ...row('Time booked of your hours', percent(i.utilization)),
      ...row('Booked ahead (median)', `${Math.round(i.leadTimeHoursMedian)} hours`)));
}
