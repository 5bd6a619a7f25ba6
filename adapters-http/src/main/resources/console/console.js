// trustgate operator console: plain JavaScript over trustgate's own /v1 API.
// The API key lives in this tab's sessionStorage only. Every text from the server is put into the page
// with textContent (never as HTML). The server decides: the page offers the actions the contact's view
// allows (allowedActions) and names events by the titles the server lists (/v1/event-types).
'use strict';

const KEY = 'trustgate.apiKey';
const NUMBERS = 'trustgate.phoneNumberIds';
const ME = 'trustgate.me';
const POLL_MS = 2000;

const main = document.getElementById('main');
const statusLine = document.getElementById('status');
let poller = null;
let pollGeneration = 0;

// ------------------------------------------------------------------ small helpers

function el(tag, attributes, ...children) {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes || {})) {
    if (value === null || value === undefined || value === false) continue;
    if (name.startsWith('on')) node.addEventListener(name.substring(2), value);
    else node.setAttribute(name, value === true ? '' : String(value));
  }
  for (const child of children.flat(Infinity)) {
    if (child === null || child === undefined || child === false) continue;
    node.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return node;
}

function say(message) {
  statusLine.textContent = message;
}

function shortHash(hash) {
  if (!hash) return el('span', {}, 'unknown');
  return el('code', { class: 'hash', title: hash }, hash.length > 10 ? hash.substring(0, 8) + '…' : hash);
}

function ago(instant) {
  if (!instant) return '';
  const seconds = Math.max(0, Math.round((Date.now() - Date.parse(instant)) / 1000));
  if (seconds < 60) return 'just now';
  const minutes = Math.round(seconds / 60);
  if (minutes < 60) return minutes + ' min ago';
  const hours = Math.round(minutes / 60);
  if (hours < 48) return hours + ' h ago';
  return Math.round(hours / 24) + ' days ago';
}

function when(instant) {
  return el('time', { datetime: instant, title: instant }, ago(instant) + ' (' + new Date(instant).toLocaleString() + ')');
}

class ApiError extends Error {
  constructor(status, problem) {
    super((problem && (problem.detail || problem.title)) || ('HTTP ' + status));
    this.status = status;
    this.code = problem && problem.code;
  }
}

// A 401 anywhere but at sign-in means the key was revoked meanwhile: the console signs out.
async function api(method, path, body, signingIn) {
  const headers = { Authorization: 'Bearer ' + sessionStorage.getItem(KEY), Accept: 'application/json' };
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  const response = await fetch(path, {
    method, headers, cache: 'no-store', body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  let data = null;
  try { data = text ? JSON.parse(text) : null; } catch (e) { data = null; }
  if (response.status === 401 && !signingIn) {
    signOut('trustgate did not accept the key. Sign in again.');
    throw new ApiError(401, data);
  }
  if (!response.ok) throw new ApiError(response.status, data);
  return { status: response.status, data };
}

function numbers() {
  return JSON.parse(sessionStorage.getItem(NUMBERS) || '[]');
}

function me() {
  return JSON.parse(sessionStorage.getItem(ME) || 'null');
}

/** A contact by any handle: its contact id, a wa_id, a user id or a parent user id (the server resolves it). */
function contactPath(pnid, customer) {
  return '/v1/businesses/' + encodeURIComponent(pnid) + '/contacts/' + encodeURIComponent(customer);
}

/** How a person recognises the customer: the phone number, else the user id WhatsApp gave them. */
function customerLabel(c) {
  if (c.waId) return '+' + c.waId;
  return c.userId || c.parentUserId || c.contactId;
}

function show(title, ...content) {
  main.replaceChildren(el('h1', { id: 'page-title' }, title), ...content);
  document.title = title + ' · trustgate console';
}

function failure(error) {
  return el('p', { class: 'error', role: 'alert' }, error.message + (error.code ? ' (' + error.code + ')' : ''));
}

function stopPolling() {
  pollGeneration++;
  if (poller) clearTimeout(poller);
  poller = null;
}

// Polls every business's event feed from its head (or from the sequence `from` gives it); calls onEvents with the
// new events when any arrive.
async function followEvents(onEvents, from) {
  stopPolling();
  const generation = pollGeneration;
  const cursors = {};
  for (const pnid of numbers()) {
    if (from && from[pnid] !== undefined) {
      cursors[pnid] = from[pnid];
      continue;
    }
    const page = (await api('GET', '/v1/businesses/' + encodeURIComponent(pnid) + '/events?limit=1&after=0')).data;
    cursors[pnid] = page.head;
  }
  const live = document.getElementById('live');
  const tick = async () => {
    try {
      const fresh = [];
      for (const pnid of numbers()) {
        const page = (await api('GET', '/v1/businesses/' + encodeURIComponent(pnid) + '/events?limit=1000&after='
          + cursors[pnid])).data;
        cursors[pnid] = page.next;
        fresh.push(...page.events);
      }
      if (generation !== pollGeneration) return;
      if (fresh.length > 0) await onEvents(fresh);
      if (live) live.textContent = 'Live: checked ' + new Date().toLocaleTimeString();
    } catch (error) {
      if (live) live.textContent = 'Not live: ' + error.message + '. Retrying.';
    }
    if (generation === pollGeneration) poller = setTimeout(tick, POLL_MS);
  };
  if (generation === pollGeneration) poller = setTimeout(tick, POLL_MS);
}

// ------------------------------------------------------------------ sign in and out

function signOut(message) {
  stopPolling();
  sessionStorage.removeItem(KEY);
  sessionStorage.removeItem(NUMBERS);
  sessionStorage.removeItem(ME);
  document.getElementById('nav').hidden = true;
  if (location.hash !== '#/sign-in') location.hash = '#/sign-in';
  else renderSignIn();
  if (message) say(message);
}

function renderSignIn() {
  const error = el('p', { class: 'error', role: 'alert', id: 'sign-in-error' });
  const form = el('form', { id: 'sign-in', class: 'action', novalidate: true },
    el('label', { for: 'api-key' }, 'API key'),
    el('input', { id: 'api-key', name: 'api-key', type: 'password', autocomplete: 'off', required: true,
      'aria-describedby': 'api-key-hint' }),
    el('p', { class: 'hint', id: 'api-key-hint' },
      'The key stays in this browser tab (session storage) and is forgotten when the tab closes.'),
    el('label', { for: 'phone-number-ids' }, 'Business phone number IDs (admin key only)'),
    el('input', { id: 'phone-number-ids', name: 'phone-number-ids', type: 'text', inputmode: 'numeric',
      'aria-describedby': 'numbers-hint' }),
    el('p', { class: 'hint', id: 'numbers-hint' },
      'A business key shows its own numbers. The admin key sees every number: list the ones to watch, separated by commas.'),
    el('button', { type: 'submit' }, 'Sign in'),
    error);
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const key = form.querySelector('#api-key').value.trim();
    if (!key) {
      error.textContent = 'Enter an API key.';
      return;
    }
    sessionStorage.setItem(KEY, key);
    try {
      const who = (await api('GET', '/v1/me', undefined, true)).data;
      let watched = who.phoneNumberIds;
      if (who.admin) {
        watched = form.querySelector('#phone-number-ids').value.split(',').map((n) => n.trim()).filter((n) => n);
        if (watched.length === 0 || watched.some((n) => !/^[0-9]{1,32}$/.test(n))) {
          sessionStorage.removeItem(KEY);
          error.textContent = 'The admin key sees every business: name the phone number IDs to watch (digits, separated by commas).';
          return;
        }
      }
      sessionStorage.setItem(ME, JSON.stringify(who));
      sessionStorage.setItem(NUMBERS, JSON.stringify(watched));
      say('Signed in as key ' + who.keyId + '.');
      location.hash = '#/blocked';
    } catch (e) {
      sessionStorage.removeItem(KEY);
      error.textContent = e.status === 401 ? 'trustgate did not accept this key.' : e.message;
    }
  });
  document.getElementById('nav').hidden = true;
  show('Sign in', form);
  form.querySelector('#api-key').focus();
}

// ------------------------------------------------------------------ blocked now

const BLOCKED_STATES = ['IDENTITY_CHANGED', 'RE_AUTHENTICATING'];

async function blockedContacts() {
  const all = [];
  for (const pnid of numbers()) {
    for (const state of BLOCKED_STATES) {
      let after = null;
      do {
        const query = '?state=' + state + '&limit=500' + (after ? '&after=' + encodeURIComponent(after) : '');
        const page = (await api('GET', '/v1/businesses/' + encodeURIComponent(pnid) + '/contacts' + query)).data;
        all.push(...page.contacts);
        after = page.next;
      } while (after);
    }
  }
  const detected = (c) => Date.parse((c.pendingChange && c.pendingChange.detectedAt) || c.updatedAt || 0);
  return all.sort((a, b) => detected(b) - detected(a));
}

function blockedTable(contacts) {
  if (contacts.length === 0) {
    return el('p', { id: 'nobody-blocked' }, 'Nobody is blocked. Identity changes appear here as WhatsApp reports them.');
  }
  return el('table', { id: 'blocked-contacts' },
    el('caption', { class: 'hint' }, contacts.length + ' blocked, newest change first'),
    el('thead', {}, el('tr', {},
      ['Customer', 'Business number', 'Where it stands', 'Changed', 'Held messages'].map((h) => el('th', { scope: 'col' }, h)))),
    el('tbody', {}, contacts.map((c) => el('tr', { 'data-contact-id': c.contactId, 'data-wa-id': c.waId, 'data-user-id': c.userId },
      el('td', { 'data-label': 'Customer' }, el('a', { href: '#/contact/' + c.phoneNumberId + '/' + c.contactId }, customerLabel(c))),
      el('td', { 'data-label': 'Business number' }, c.phoneNumberId),
      el('td', { 'data-label': 'Where it stands' }, shortState(c)),
      el('td', { 'data-label': 'Changed' }, c.pendingChange ? when(c.pendingChange.detectedAt) : ''),
      el('td', { 'data-label': 'Held messages', class: 'held-count' }, String(c.heldMessages))))));
}

function shortState(c) {
  if (c.state === 'IDENTITY_CHANGED') {
    return c.reauthentication && c.reauthentication.outcome === 'failed'
      ? 'Identity changed; re-authentication failed' : 'Identity changed; not re-authenticated';
  }
  if (c.reauthentication && c.reauthentication.outcome === 'succeeded') return 'Re-authenticated; awaiting acknowledgement';
  return 'Re-authentication in progress';
}

/** Opens a customer by any of their names: phone number (any spelling), user id or parent user id. */
function findForm() {
  const business = el('select', { id: 'find-business', name: 'find-business' },
    numbers().map((pnid) => el('option', { value: pnid }, pnid)));
  const error = el('p', { class: 'error', role: 'alert' });
  const form = el('form', { id: 'find', class: 'action', 'aria-labelledby': 'find-title' },
    el('h2', { id: 'find-title' }, 'Find a customer'),
    el('label', { for: 'find-business' }, 'Business number'), business,
    field('find-customer', 'Phone number, user id or parent user id', 'For example +55 11 98765-4321 or US.13491208655302741918',
      { required: 'required', autocomplete: 'off' }),
    el('button', { type: 'submit' }, 'Open'), error);
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const typed = value(form, 'find-customer') || '';
    // a phone number as people write it: the server matches its spellings
    const customer = /^[+0-9\s().-]+$/.test(typed) ? typed.replace(/[^0-9]/g, '').replace(/^00/, '') : typed;
    if (!/^[A-Za-z0-9._-]{1,140}$/.test(customer)) {
      error.textContent = 'Type a phone number, a user id (US.1349…) or a parent user id (US.ENT.1181…).';
      return;
    }
    location.hash = '#/contact/' + business.value + '/' + customer;
  });
  return form;
}

async function renderBlocked() {
  const live = el('p', { id: 'live', class: 'live' }, 'Live: following the event feed');
  const holder = el('div', { id: 'blocked-list', 'aria-live': 'polite' }, 'Loading…');
  show('Blocked now',
    el('p', {}, 'Customers whose WhatsApp identity changed. No message reaches them until someone acknowledges the change.'),
    el('p', { class: 'hint' }, 'Watching business numbers: ' + numbers().join(', ')),
    findForm(), live, holder);
  const refresh = async () => holder.replaceChildren(blockedTable(await blockedContacts()));
  try {
    await refresh();
    await followEvents(refresh);
  } catch (error) {
    holder.replaceChildren(failure(error));
  }
}

// ------------------------------------------------------------------ one contact

function summary(c) {
  const changed = c.pendingChange ? 'identity changed ' + ago(c.pendingChange.detectedAt) : '';
  const reauth = c.reauthentication;
  switch (c.state) {
    case 'IDENTITY_CHANGED':
      return ['blocked', 'Blocked: ' + changed + '; ' + (reauth && reauth.outcome === 'failed'
        ? 're-authentication failed (' + reauth.failedAttempts + ' failed so far)' : 'not re-authenticated')
        + (c.pendingChange && !c.pendingChange.identityHash ? '. WhatsApp did not say which identity the customer has now.' : '')];
    case 'RE_AUTHENTICATING':
      if (reauth && reauth.outcome === 'succeeded') {
        return ['blocked', 'Blocked: ' + changed + '; re-authenticated, waiting for acknowledgement'
          + (c.pendingChange.firstAcknowledgedBy ? ' by a second operator (first: key ' + c.pendingChange.firstAcknowledgedBy + ')' : '')];
      }
      return ['blocked', 'Blocked: ' + changed + '; re-authentication in progress since ' + ago(reauth && reauth.startedAt)];
    case 'ACKNOWLEDGED':
      return ['pending', 'Messages allowed: change acknowledged ' + ago(c.updatedAt)
        + '; not trusted with sensitive content until authenticated'];
    case 'TRUSTED':
      return ['allowed', 'Trusted: messages and sensitive content allowed'];
    default:
      return ['pending', 'Not verified: messages allowed, not trusted with sensitive content'
        + (c.business.identityChecks ? '' : '. Identity checks are off for this business number.')];
  }
}

function actionForm(id, title, fields, submitLabel, perform, submitClass) {
  const error = el('p', { class: 'error', role: 'alert' });
  const button = el('button', { type: 'submit', class: submitClass }, submitLabel);
  const form = el('form', { id, class: 'action', 'aria-labelledby': id + '-title' },
    el('h3', { id: id + '-title' }, title), fields, button, error);
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    button.disabled = true;
    error.textContent = '';
    try {
      const message = await perform(form);
      say(message);
      await renderContact(current.pnid, current.customer);
    } catch (e) {
      error.textContent = e.message + (e.code ? ' (' + e.code + ')' : '');
      button.disabled = false;
    }
  });
  return form;
}

function field(id, label, hint, attributes) {
  return [el('label', { for: id }, label),
    el('input', Object.assign({ id, name: id, type: 'text', 'aria-describedby': hint ? id + '-hint' : null }, attributes || {})),
    hint ? el('p', { class: 'hint', id: id + '-hint' }, hint) : null];
}

function value(form, id) {
  const v = form.querySelector('#' + id).value.trim();
  return v === '' ? undefined : v;
}

// Each action the server may allow, as a form. The page offers exactly the contact's allowedActions: the server
// decides from the contact's state, the business's policy and who is asking; the page never works it out itself.
const ACTION_FORMS = {
  start_reauthentication: (c, path) => actionForm('start-reauthentication', 'Re-authenticate the customer',
    el('p', { class: 'hint' }, 'Start when you begin verifying the customer off WhatsApp (call, branch, document check).'),
    'Start re-authentication', async () => {
      await api('POST', path + '/reauthentications', {});
      return 'Re-authentication started.';
    }),

  record_reauthentication_result: (c, path) => actionForm('record-result', 'Record the re-authentication',
    [el('fieldset', {}, el('legend', {}, 'Outcome'),
      el('input', { type: 'radio', id: 'outcome-succeeded', name: 'outcome', value: 'succeeded', checked: true }),
      el('label', { for: 'outcome-succeeded' }, 'Passed'),
      el('input', { type: 'radio', id: 'outcome-failed', name: 'outcome', value: 'failed' }),
      el('label', { for: 'outcome-failed' }, 'Failed')),
     field('reauth-method', 'Method', 'How the customer was verified, e.g. branch visit, call-back to the number on file.'),
     field('reauth-reference', 'Reference', 'Your ticket or case number.')],
    'Record result', async (form) => {
      const outcome = form.querySelector('input[name="outcome"]:checked').value;
      await api('POST', path + '/reauthentications/' + encodeURIComponent(c.reauthentication.id) + '/result', {
        outcome, method: value(form, 'reauth-method'), reference: value(form, 'reauth-reference'),
        operator: me().keyId,
      });
      return outcome === 'succeeded' ? 'Re-authentication passed.' : 'Re-authentication failed; the customer stays blocked.';
    }),

  cancel_reauthentication: (c, path) => actionForm('cancel-reauthentication', 'Cancel the re-authentication', [],
    'Cancel re-authentication', async () => {
      await api('DELETE', path + '/reauthentications/' + encodeURIComponent(c.reauthentication.id));
      return 'Re-authentication cancelled.';
    }, 'secondary'),

  acknowledge_identity_change: (c, path) => {
    const change = c.pendingChange;
    const second = Boolean(change.firstAcknowledgedBy);
    const title = c.business.acknowledgementPolicy === 'FOUR_EYES' ? (second
      ? 'Confirm the acknowledgement (second operator)' : 'Acknowledge the change (first of two operators)')
      : 'Acknowledge the change';
    return actionForm('acknowledge', title,
      [el('p', { class: 'hint' }, 'Acknowledging lets messages go out again to identity ', shortHash(change.identityHash),
        '. It does not make the customer trusted.'),
       field('ack-operator', 'Your name', 'Shown in the audit trail next to your key.'),
       field('ack-evidence', 'Evidence', 'What makes this safe, e.g. the re-authentication case.')],
      second ? 'Confirm acknowledgement' : 'Acknowledge identity change', async (form) => {
        const result = await api('POST', path + '/acknowledgements', {
          identityHash: change.identityHash, operator: value(form, 'ack-operator'), evidence: value(form, 'ack-evidence'),
        });
        return result.status === 202 ? 'First acknowledgement recorded; a second operator must confirm.'
          : 'Identity change acknowledged. Messages are allowed again.';
      });
  },

  override_unknown_identity: (c, path) => actionForm('override', 'Clear a change of unknown identity',
    field('override-reason', 'Reason', 'WhatsApp did not name the new identity; say why it is safe to go on.', { required: true }),
    'Clear the change', async (form) => {
      const result = await api('POST', path + '/identity-override', { reason: value(form, 'override-reason') });
      return result.status === 202 ? 'First approval recorded; a second operator must confirm.' : 'Change cleared.';
    }),

  record_authentication: (c, path) => actionForm('record-authentication', 'Record an authentication',
    [field('auth-method', 'Method', 'How the business authenticated the customer, off WhatsApp.'),
     field('auth-reference', 'Reference', 'Your ticket or case number.')],
    'Mark as trusted', async (form) => {
      await api('POST', path + '/authentications', {
        method: value(form, 'auth-method'), reference: value(form, 'auth-reference'), operator: me().keyId,
      });
      return 'Customer authenticated: trusted with the current identity.';
    }),

  revoke_trust: (c, path) => actionForm('break-trust', 'Break trust',
    field('break-reason', 'Reason', 'E.g. identity change reported; WhatsApp unlinked as a trusted channel.'),
    'Break trust', async (form) => {
      await api('DELETE', path + '/trust', { reason: value(form, 'break-reason') });
      return 'Trust broken.';
    }, 'danger'),
};

function actions(c) {
  const path = contactPath(c.phoneNumberId, c.contactId);
  const allowed = c.allowedActions;
  const change = c.pendingChange;
  const offered = [];
  if (change && change.firstAcknowledgedBy && change.firstAcknowledgedBy === me().keyId) {
    offered.push(el('p', { id: 'awaiting-second-operator', class: 'summary pending' },
      'You acknowledged first. Policy FOUR_EYES: an operator with another API key must confirm.'));
  } else if (change && !allowed.includes('acknowledge_identity_change') && !allowed.includes('override_unknown_identity')) {
    offered.push(el('p', { id: 'acknowledgement-unavailable', class: 'hint' },
      'Policy ' + c.business.acknowledgementPolicy + ': the change can be acknowledged once a re-authentication of it has passed.'));
  }
  for (const action of allowed) {
    if (!Object.hasOwn(ACTION_FORMS, action)) continue;
    const form = ACTION_FORMS[action](c, path);
    form.dataset.action = action;
    offered.push(form);
  }
  return offered;
}

// The oldest page of held messages; when there are more, the page says so (releasing or discarding shows the next).
function heldMessages(c, page) {
  const open = page.heldMessages.filter((m) => m.status === 'held');
  if (open.length === 0) return el('p', { id: 'no-held-messages' }, 'No messages are held for this customer.');
  return [page.next ? el('p', { id: 'more-held-messages' }, 'The oldest ' + open.length + ' of ' + c.heldMessages
      + ' held messages; release or discard these to see the others.') : null,
  el('table', { id: 'held-messages' },
    el('thead', {}, el('tr', {}, ['Message', 'Held', 'Sensitive', 'Actions'].map((h) => el('th', { scope: 'col' }, h)))),
    el('tbody', {}, open.map((m) => el('tr', {},
      el('td', { 'data-label': 'Message' }, el('code', {}, m.id)),
      el('td', { 'data-label': 'Held' }, when(m.heldAt), ' (' + m.reason + ')'),
      el('td', { 'data-label': 'Sensitive' }, m.sensitive ? 'yes' : 'no'),
      el('td', { 'data-label': 'Actions' }, el('div', { class: 'actions' },
        c.sendAllowed ? heldButton('Release', 'release', m, 'Message released and sent.') : null,
        heldButton('Discard', 'discard', m, 'Message discarded.', 'secondary')))))))];
}

// A button that makes one API call, says how it went, and shows the page again.
function callButton(label, what, method, path, done, rerender, cssClass) {
  return el('button', {
    type: 'button', class: cssClass, 'aria-label': label + ' ' + what,
    onclick: async (event) => {
      event.target.disabled = true;
      try {
        await api(method, path);
        say(done);
      } catch (e) {
        say(label + ' failed: ' + e.message);
      }
      await rerender();
    },
  }, label);
}

function heldButton(label, verb, message, done, cssClass) {
  return callButton(label, 'message ' + message.id, 'POST',
    '/v1/held-messages/' + encodeURIComponent(message.id) + '/' + verb, done,
    () => renderContact(current.pnid, current.customer), cssClass);
}

// What each type of event means in a person's words, as the server lists them: fetched once per page load.
let eventTitles = null;

async function eventTypeTitles() {
  if (!eventTitles) {
    const types = (await api('GET', '/v1/event-types')).data.eventTypes;
    eventTitles = Object.fromEntries(types.map((t) => [t.type, t.title]));
  }
  return eventTitles;
}

function timeline(events, titles) {
  if (events.length === 0) return el('p', {}, 'No events yet.');
  return el('ol', { class: 'timeline', id: 'timeline' }, events.map((e) => el('li', { 'data-type': e.type },
    when(e.at),
    el('strong', {}, Object.hasOwn(titles, e.type) ? titles[e.type] : e.type),
    ' by ', e.actor,
    el('div', { class: 'details' }, Object.entries(e.data)
      .filter(([k]) => k !== 'phoneNumberId' && k !== 'waId' && k !== 'contactId')
      .map(([k, v]) => el('span', {}, k + ': ', /hash/i.test(k) ? shortHash(v) : v, ' '))))));
}

let current = { pnid: null, customer: null };

async function renderContact(pnid, customer) {
  current = { pnid, customer };
  const path = contactPath(pnid, customer);
  try {
    const [contact, events, held, titles] = await Promise.all([
      api('GET', path), api('GET', path + '/events?limit=200'), api('GET', path + '/held-messages'), eventTypeTitles()]);
    const c = contact.data;
    const [tone, sentence] = summary(c);
    show('Customer ' + customerLabel(c),
      el('p', {}, el('a', { href: '#/blocked' }, 'Back to blocked now')),
      el('p', { id: 'state-summary', class: 'summary ' + tone, 'data-state': c.state }, sentence),
      el('dl', { class: 'facts' },
        el('dt', {}, 'Business number'), el('dd', {}, c.phoneNumberId),
        el('dt', {}, 'Known as'), el('dd', { id: 'names' }, [c.waId ? '+' + c.waId : null, c.userId, c.parentUserId]
          .filter((n) => n).join(' · ') || 'no name yet'),
        el('dt', {}, 'Contact id'), el('dd', { id: 'contact-id' }, c.contactId),
        el('dt', {}, 'Messages'), el('dd', { id: 'send-allowed' },
          el('span', { class: 'badge ' + (c.sendAllowed ? 'allowed' : 'blocked') }, c.sendAllowed ? 'allowed' : 'blocked')),
        el('dt', {}, 'Identity now'), el('dd', {}, shortHash(c.identityHash)),
        el('dt', {}, 'Acknowledged identity (pinned)'), el('dd', {}, shortHash(c.pinnedHash)),
        c.pendingChange ? [el('dt', {}, 'Changed to'), el('dd', {}, shortHash(c.pendingChange.identityHash))] : null,
        el('dt', {}, 'Acknowledgement policy'), el('dd', {}, c.business.acknowledgementPolicy),
        el('dt', {}, 'Held messages'), el('dd', { id: 'held-count' }, String(c.heldMessages))),
      el('section', { 'aria-labelledby': 'actions-title' }, el('h2', { id: 'actions-title' }, 'What you can do'),
        actions(c)),
      el('section', { 'aria-labelledby': 'held-title' }, el('h2', { id: 'held-title' }, 'Held messages'),
        heldMessages(c, held.data)),
      el('section', { 'aria-labelledby': 'timeline-title' }, el('h2', { id: 'timeline-title' }, 'Timeline'),
        el('p', { id: 'live', class: 'live' }, 'Live: following the event feed'),
        timeline(events.data.events, titles)));
    await followEvents(async (fresh) => {
      if (fresh.some((e) => e.phoneNumberId === pnid && e.contactId === c.contactId)) await renderContact(pnid, c.contactId);
    });
  } catch (error) {
    show('Customer ' + customer, el('p', {}, el('a', { href: '#/blocked' }, 'Back to blocked now')), failure(error));
  }
}

// ------------------------------------------------------------------ activity

const SVG = 'http://www.w3.org/2000/svg';

function svg(tag, attributes, ...children) {
  const node = document.createElementNS(SVG, tag);
  for (const [name, value] of Object.entries(attributes || {})) node.setAttribute(name, String(value));
  for (const child of children.flat(Infinity)) {
    if (child === null || child === undefined || child === false) continue;
    node.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return node;
}

// What the activity view counts per day, each from the event types that tell it.
const ACTIVITY = [
  { id: 'identity-changes', title: 'Identity changes', types: ['identity.changed'] },
  { id: 'blocks', title: 'Messages blocked', types: ['message.blocked'] },
  { id: 'acknowledgements', title: 'Changes acknowledged', types: ['identity.acknowledged'] },
  { id: 'held', title: 'Messages held', types: ['message.held'] },
];
const ACTIVITY_WEEKS = [2, 4, 8, 12];
const ACTIVITY_PAGES = 100; // pages of 1000 events read per business number and period, at most
let activityRender = 0;

/** The local calendar day of an instant (milliseconds), as YYYY-MM-DD. */
function dayKey(ms) {
  const d = new Date(ms);
  return d.getFullYear() + '-' + String(d.getMonth() + 1).padStart(2, '0') + '-' + String(d.getDate()).padStart(2, '0');
}

function dayLabel(day) {
  const [y, m, d] = day.split('-').map(Number);
  return new Date(y, m - 1, d).toLocaleDateString(undefined, { day: 'numeric', month: 'short' });
}

/** The days of the last `weeks` weeks, today last, and the instant the first of them began. */
function activityDays(weeks) {
  const today = new Date();
  const days = [];
  for (let i = weeks * 7 - 1; i >= 0; i--) {
    days.push(dayKey(new Date(today.getFullYear(), today.getMonth(), today.getDate() - i).getTime()));
  }
  return { days, since: new Date(today.getFullYear(), today.getMonth(), today.getDate() - (weeks * 7 - 1)).getTime() };
}

// The events one business number recorded since `since` (ms). The feed is in the order events were recorded, so the
// first event of the period is found by halving the sequence range, and only the period is read. `cursor` is where
// following the feed goes on from.
async function eventsSince(pnid, since) {
  const feed = '/v1/businesses/' + encodeURIComponent(pnid) + '/events';
  const head = (await api('GET', feed + '?limit=1&after=0')).data.head;
  let low = 0;
  let high = head;
  while (low < high) {
    const middle = Math.floor((low + high) / 2);
    const next = (await api('GET', feed + '?limit=1&after=' + middle)).data.events[0];
    if (next && Date.parse(next.at) < since) low = middle + 1;
    else high = middle;
  }
  const events = [];
  let after = low;
  for (let pages = 0; pages < ACTIVITY_PAGES; pages++) {
    const page = (await api('GET', feed + '?limit=1000&after=' + after)).data;
    events.push(...page.events.filter((e) => Date.parse(e.at) >= since));
    if (page.events.length === 0 || page.next >= page.head) return { events, cursor: page.next, complete: true };
    after = page.next;
  }
  return { events, cursor: head, complete: false };
}

function countActivity(counts, events) {
  for (const e of events) {
    const day = dayKey(Date.parse(e.at));
    for (const series of ACTIVITY) {
      const perDay = counts[series.id];
      if (series.types.includes(e.type) && perDay.has(day)) perDay.set(day, perDay.get(day) + 1);
    }
  }
}

// One series as a bar chart: a bar a day, today on the right, the busiest day's count on the scale.
function activityChart(series, days, perDay) {
  const width = 560;
  const height = 170;
  const left = 34;
  const right = 4;
  const bottom = 22;
  const top = 10;
  const most = Math.max(1, ...days.map((day) => perDay.get(day)));
  const total = days.reduce((sum, day) => sum + perDay.get(day), 0);
  const step = (width - left - right) / days.length;
  const scale = (height - bottom - top) / most;
  const captionId = 'chart-' + series.id + '-caption';
  return el('figure', { class: 'chart', id: 'chart-' + series.id, 'data-total': total },
    el('figcaption', { id: captionId }, el('strong', {}, series.title), ' ',
      el('span', { class: 'total' }, total + ' in ' + days.length + ' days, at most ' + most + ' a day')),
    svg('svg', { viewBox: '0 0 ' + width + ' ' + height, role: 'img', 'aria-labelledby': captionId, class: 'bars ' + series.id },
      svg('line', { class: 'grid', x1: left, y1: top, x2: width - right, y2: top }),
      svg('line', { class: 'axis', x1: left, y1: height - bottom, x2: width - right, y2: height - bottom }),
      svg('text', { class: 'tick', x: left - 6, y: top + 4, 'text-anchor': 'end' }, most),
      svg('text', { class: 'tick', x: left - 6, y: height - bottom + 4, 'text-anchor': 'end' }, 0),
      days.map((day, i) => {
        const count = perDay.get(day);
        return svg('rect', { class: 'bar', 'data-day': day, 'data-count': count, x: (left + i * step + 1).toFixed(1),
          y: (height - bottom - count * scale).toFixed(1), width: Math.max(1, step - 2).toFixed(1),
          height: (count * scale).toFixed(1) }, svg('title', {}, dayLabel(day) + ': ' + count));
      }),
      days.map((day, i) => {
        if ((days.length - 1 - i) % 7 !== 0) return null;
        const last = i === days.length - 1;
        return svg('text', { class: 'tick', x: (last ? width - right : left + (i + 0.5) * step).toFixed(1), y: height - 6,
          'text-anchor': last ? 'end' : 'middle' }, last ? 'today' : dayLabel(day));
      })));
}

function activityTable(days, counts, open) {
  return el('details', { id: 'activity-numbers', open }, el('summary', {}, 'The numbers, day by day'),
    el('table', { id: 'activity-table' },
      el('thead', {}, el('tr', {}, el('th', { scope: 'col' }, 'Day'), ACTIVITY.map((s) => el('th', { scope: 'col' }, s.title)))),
      el('tbody', {}, days.slice().reverse().map((day) => el('tr', { 'data-day': day },
        el('th', { scope: 'row', 'data-label': 'Day' }, dayLabel(day)),
        ACTIVITY.map((s) => el('td', { 'data-label': s.title, 'data-series': s.id }, String(counts[s.id].get(day)))))))));
}

async function renderActivity(weeks) {
  const render = ++activityRender;
  const live = el('p', { id: 'live', class: 'live' }, 'Live: following the event feed');
  const holder = el('div', { id: 'activity', 'aria-live': 'polite' }, 'Reading the event feed…');
  const period = el('select', { id: 'activity-weeks', name: 'activity-weeks' },
    ACTIVITY_WEEKS.map((w) => el('option', { value: w, selected: w === weeks }, 'the last ' + w + ' weeks')));
  period.addEventListener('change', () => { location.hash = '#/activity/' + period.value; });
  show('Activity',
    el('p', {}, 'Identity changes, blocked and held messages and acknowledged changes, day by day, counted from the event '
      + 'feed of the business numbers you watch.'),
    el('p', { class: 'hint' }, 'Watching business numbers: ' + numbers().join(', ') + '. Days in your time zone.'),
    el('label', { for: 'activity-weeks' }, 'Period'), period, live, holder);
  try {
    const { days, since } = activityDays(weeks);
    const counts = Object.fromEntries(ACTIVITY.map((s) => [s.id, new Map(days.map((day) => [day, 0]))]));
    const cursors = {};
    const partial = [];
    for (const pnid of numbers()) {
      const read = await eventsSince(pnid, since);
      countActivity(counts, read.events);
      cursors[pnid] = read.cursor;
      if (!read.complete) partial.push(pnid);
    }
    if (render !== activityRender || !holder.isConnected) return; // another page took over meanwhile
    const draw = () => {
      const numbersOpen = Boolean(document.getElementById('activity-numbers')?.open);
      holder.replaceChildren(...[
        partial.length === 0 ? null : el('p', { id: 'activity-partial', class: 'hint' }, 'Business number '
          + partial.join(', ') + ' recorded more events in this period than the console reads: its counts stop at the first '
          + (ACTIVITY_PAGES * 1000) + ' events and go on from now.'),
        el('div', { class: 'charts' }, ACTIVITY.map((s) => activityChart(s, days, counts[s.id]))),
        activityTable(days, counts, numbersOpen)].filter((part) => part !== null));
    };
    draw();
    await followEvents(async (fresh) => {
      countActivity(counts, fresh);
      draw();
    }, cursors);
  } catch (error) {
    holder.replaceChildren(failure(error));
  }
}

// ------------------------------------------------------------------ deliveries and audit

async function renderDeliveries() {
  try {
    const [subscriptions, parked] = await Promise.all([api('GET', '/v1/subscriptions'),
      api('GET', '/v1/deliveries/parked?limit=200')]);
    const subs = subscriptions.data.subscriptions || [];
    const entries = parked.data.parked;
    show('Deliveries',
      el('h2', {}, 'Webhook endpoints'),
      subs.length === 0 ? el('p', {}, 'No endpoints are subscribed.') : el('table', { id: 'subscriptions' },
        el('thead', {}, el('tr', {}, ['Endpoint', 'Events', 'Business numbers', 'Enabled'].map((h) => el('th', { scope: 'col' }, h)))),
        el('tbody', {}, subs.map((s) => el('tr', {},
          el('td', { 'data-label': 'Endpoint' }, s.url),
          el('td', { 'data-label': 'Events' }, s.eventTypes.length ? s.eventTypes.join(', ') : 'all'),
          el('td', { 'data-label': 'Business numbers' }, s.phoneNumberIds.length ? s.phoneNumberIds.join(', ') : 'all of the key'),
          el('td', { 'data-label': 'Enabled' }, s.enabled ? 'yes' : 'no (the endpoint answered 410 Gone)'))))),
      el('h2', {}, 'Parked notifications'),
      el('p', { class: 'hint' }, 'Notifications that ran out of retries. Nothing is lost: redeliver them once the endpoint is back.'),
      entries.length === 0 ? el('p', { id: 'nothing-parked' }, 'Nothing is parked.') : el('table', { id: 'parked' },
        el('thead', {}, el('tr', {}, ['Event', 'Endpoint', 'Attempts', 'Last error', 'Parked', 'Actions']
          .map((h) => el('th', { scope: 'col' }, h)))),
        el('tbody', {}, entries.map((p) => el('tr', {},
          el('td', { 'data-label': 'Event' }, (p.phoneNumberId ?? 'account') + ' #' + (p.eventSequence === null ? '–' : p.eventSequence)),
          el('td', { 'data-label': 'Endpoint' }, p.subscriptionId),
          el('td', { 'data-label': 'Attempts' }, String(p.attempts)),
          el('td', { 'data-label': 'Last error', class: 'last-error' }, p.lastError || ''),
          el('td', { 'data-label': 'Parked' }, when(p.parkedAt)),
          el('td', { 'data-label': 'Actions' }, el('div', { class: 'actions' },
            parkedButton('Redeliver', 'POST', '/v1/deliveries/parked/' + encodeURIComponent(p.id) + '/redeliver', p,
              'Queued for delivery again.'),
            parkedButton('Discard', 'DELETE', '/v1/deliveries/parked/' + encodeURIComponent(p.id), p,
              'Parked notification discarded.', 'secondary'))))))));
  } catch (error) {
    show('Deliveries', failure(error));
  }
}

function parkedButton(label, method, path, entry, done, cssClass) {
  return callButton(label, 'parked notification ' + entry.id, method, path, done, renderDeliveries, cssClass);
}

// What each kind of break the server reports means, in the operator's words.
const AUDIT_PROBLEMS = {
  edited: 'it was changed after it was recorded. That event and every later one cannot be relied on.',
  missing: 'it was deleted from the middle of the chain. Every later event cannot be relied on.',
  truncated: 'the chain ends before its head, the newest event trustgate recorded: the newest events, from this one on, were deleted.',
  head_mismatch: 'the chain\'s head, the newest event trustgate recorded, does not match it. That event and every later one cannot be relied on.',
};

async function renderAudit() {
  const list = el('div', { id: 'audit-results' }, 'Verifying…');
  show('Audit', el('p', {}, 'trustgate re-computes each business number\'s hash chain from its first event up to its head, '
    + 'the newest event it recorded. A break means a stored event was changed or removed outside trustgate.'), list);
  const results = [];
  for (const pnid of numbers()) {
    try {
      const r = (await api('GET', '/v1/businesses/' + encodeURIComponent(pnid) + '/audit/verify')).data;
      const meaning = Object.hasOwn(AUDIT_PROBLEMS, r.problem || '') ? AUDIT_PROBLEMS[r.problem]
        : 'the chain does not hold. That event and every later one cannot be relied on.';
      results.push(r.valid
        ? el('p', { class: 'summary allowed', 'data-business': pnid },
          'Business number ' + pnid + ': chain intact, ' + r.checked + ' events checked.')
        : el('p', { class: 'summary blocked', role: 'alert', 'data-business': pnid, 'data-problem': r.problem || '' },
          'Business number ' + pnid + ': chain broken at event #' + r.firstBrokenSequence + ': ' + meaning));
    } catch (error) {
      results.push(failure(error));
    }
  }
  list.replaceChildren(...results);
}

// ------------------------------------------------------------------ routing

async function route() {
  stopPolling();
  const hash = location.hash || '#/blocked';
  if (!sessionStorage.getItem(KEY) || hash === '#/sign-in') {
    renderSignIn();
    return;
  }
  document.getElementById('nav').hidden = false;
  const section = hash.split('/')[1];
  for (const link of document.querySelectorAll('#nav a')) {
    if (link.dataset.section === section) link.setAttribute('aria-current', 'page');
    else link.removeAttribute('aria-current');
  }
  const contact = hash.match(/^#\/contact\/([0-9]{1,32})\/([A-Za-z0-9._-]{1,140})$/);
  const activity = hash.match(/^#\/activity(?:\/([0-9]{1,2}))?$/);
  if (contact) await renderContact(contact[1], contact[2]);
  else if (activity) await renderActivity(ACTIVITY_WEEKS.includes(Number(activity[1])) ? Number(activity[1]) : 4);
  else if (section === 'deliveries') await renderDeliveries();
  else if (section === 'audit') await renderAudit();
  else await renderBlocked();
  main.focus();
}

document.getElementById('sign-out').addEventListener('click', () => signOut('Signed out. The key was removed from this tab.'));
window.addEventListener('hashchange', route);
route();
