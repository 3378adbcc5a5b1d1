// app.js — the dashboard: sign-in, a hash router, and the pages. Every number
// and status comes from the API (the same app functions the CLI uses); the
// browser only draws. Pages whose module is not in this server's build say so
// instead of showing made-up data.

import { api, get, esc, setCsrf, ApiError } from './api.js';
import { countryShapes, viewBox } from './map.js';
import { screenPage } from './screen.js';
import { advisoriesPage, advisoryHistoryHtml } from './advisories.js';
import { assessListPage, assessEntryPage } from './assess.js';
import { countryAssessHtml } from './country_assess.js';
import { riskPage } from './risk.js';

const main = document.getElementById('main');
const ROLES = ['none', 'viewer', 'analyst', 'approver', 'admin'];
const state = { user: null, role: 'none', features: [] };

const can = (role) => ROLES.indexOf(state.role) >= ROLES.indexOf(role);
const has = (feature) => state.features.includes(feature);

function show(html) { main.innerHTML = html; }
function put(view, html) { view.innerHTML = html; }

function fail(err) {
  if (err instanceof ApiError && err.status === 401) return signIn();
  show(`<p class="error">${esc(err.message)}</p>`);
}

function missing(what, module) {
  return `<div class="notice" data-missing="${esc(module)}">${esc(what)} is not available on this
    server yet: the ${esc(module)} module is not in this build of portsec. Nothing is shown rather
    than made-up data.</div>`;
}

// ---- sign-in -------------------------------------------------------------

function signIn(message) {
  state.view = null;
  document.getElementById('nav').hidden = true;
  document.getElementById('logout').hidden = true;
  document.getElementById('who').textContent = '';
  show(`<form class="login card" id="login">
      <h1>Sign in</h1>
      <label for="name">User name</label><input id="name" name="name" autocomplete="username" required>
      <label for="password">Password</label>
      <input id="password" name="password" type="password" autocomplete="current-password" required>
      <button type="submit">Sign in</button>
      <p class="error" id="login-error">${esc(message || '')}</p>
      <p class="muted">Accounts are made with <code>portsec user add</code>; <code>make run</code>
      prints the demo administrator's password once.</p>
    </form>`);
  document.getElementById('login').addEventListener('submit', async (ev) => {
    ev.preventDefault();
    const f = ev.target;
    try {
      const who = await api('POST', '/api/v1/session', { name: f.elements.namedItem('name').value, password: f.elements.namedItem('password').value });
      await signedIn(who);
    } catch (err) {
      document.getElementById('login-error').textContent =
        err.status === 429 ? 'Too many failed attempts; wait a while and try again.' : err.message;
    }
  });
}

async function signedIn(who) {
  state.user = who.user;
  state.role = who.role;
  setCsrf(who.csrf_token);
  const health = await get('/api/v1/health');
  state.features = health.features || [];
  document.getElementById('nav').hidden = false;
  document.getElementById('nav-admin').hidden = !can('admin');
  document.getElementById('logout').hidden = false;
  document.getElementById('who').textContent = `${who.user} (${who.role})`;
  route();
}

document.getElementById('logout').addEventListener('click', async () => {
  try { await api('DELETE', '/api/v1/session'); } catch (err) { /* signed out either way */ }
  setCsrf(null);
  signIn('Signed out.');
});

// ---- router --------------------------------------------------------------

const pages = [
  [/^#?\/?$/, overview],
  [/^#\/country\/([A-Za-z]{2,3})$/, country],
  [/^#\/screen$/, screen],
  [/^#\/advisories$/, advisories],
  [/^#\/assess$/, assessList],
  [/^#\/assess\/(\d+)$/, assessEntry],
  [/^#\/risk$/, risk],
  [/^#\/admin$/, admin],
];

// Each route renders into a fresh element: a page still loading when the user
// moves on writes only into its own, detached view, never over the new page.
function route() {
  if (!state.user) return;
  const h = location.hash || '#/';
  document.querySelectorAll('#nav a').forEach((a) =>
    a.classList.toggle('active', a.getAttribute('href') === h));
  const view = document.createElement('div');
  main.replaceChildren(view);
  state.view = view;
  for (const [re, fn] of pages) {
    const m = h.match(re);
    if (m) return fn(view, ...m.slice(1)).catch((err) => { if (state.view === view) fail(err); });
  }
  put(view, '<p class="error">No such page.</p>');
}
window.addEventListener('hashchange', route);

// ---- overview: the map ------------------------------------------------------

let topoCache = null;
async function topo() {
  if (!topoCache) {
    const r = await fetch('/vendor/countries-50m.json');
    if (!r.ok) throw new Error('The map\'s shapes are not installed (run scripts/bootstrap-web.sh).');
    topoCache = await r.json();
  }
  return topoCache;
}

async function overview(view) {
  const st = await get('/api/v1/countries/status');
  const byNum = new Map(st.items.filter((c) => c.numeric_code != null)
    .map((c) => [String(c.numeric_code).padStart(3, '0'), c]));
  const counts = {};
  for (const c of st.items) counts[c.status] = (counts[c.status] || 0) + 1;
  put(view, `<h1>Country status on ${esc(st.date)}</h1>
    <div class="legend" id="legend">${st.legend.map((l) =>
      `<span class="st-${esc(l.status)}">${esc(l.label)} (${counts[l.status] || 0})</span>`).join('')}</div>
    <div class="map-wrap card"><p class="muted" id="map-msg">Drawing the map…</p><div id="tip" hidden></div></div>
    <h2>Countries under conditions of entry</h2><div id="coe-list"></div>`);
  const wrap = view.querySelector('.map-wrap');
  const tip = view.querySelector('#tip');
  let shapes;
  try {
    shapes = countryShapes(await topo());
  } catch (err) {
    view.querySelector('#map-msg').textContent = err.message;
    shapes = null;
  }
  if (shapes) {
    const NS = 'http://www.w3.org/2000/svg';
    const svg = document.createElementNS(NS, 'svg');
    svg.setAttribute('viewBox', viewBox);
    svg.setAttribute('class', 'map');
    svg.setAttribute('role', 'img');
    svg.setAttribute('aria-label', 'World map of country status');
    for (const s of shapes) {
      const c = byNum.get(s.id);
      const p = document.createElementNS(NS, 'path');
      p.setAttribute('d', s.d);
      p.setAttribute('fill-rule', 'evenodd');
      p.setAttribute('class', `country st-${c ? c.status : 'not_assessed'}`);
      if (c) {
        p.dataset.alpha2 = c.alpha2;
        p.dataset.status = c.status;
        p.addEventListener('click', () => { location.hash = `#/country/${c.alpha2}`; });
      }
      p.addEventListener('mousemove', (ev) => {
        const box = wrap.getBoundingClientRect();
        tip.hidden = false;
        tip.style.left = `${ev.clientX - box.left + 12}px`;
        tip.style.top = `${ev.clientY - box.top + 12}px`;
        const label = c ? (st.legend.find((l) => l.status === c.status) || {}).label : 'not in the registry';
        tip.innerHTML = `<strong>${esc(c ? c.name : s.name)}</strong><br>${esc(label)}` +
          (c && c.reasons && c.reasons.length ? `<br><span>${esc(c.reasons[0])}</span>` : '');
      });
      p.addEventListener('mouseleave', () => { tip.hidden = true; });
      svg.appendChild(p);
    }
    view.querySelector('#map-msg').remove();
    wrap.prepend(svg);
  }
  const coe = st.items.filter((c) => c.status === 'conditions_of_entry');
  view.querySelector('#coe-list').innerHTML = coe.length
    ? `<table><tr><th>Country</th><th>Why</th></tr>${coe.map((c) =>
        `<tr><td><a href="#/country/${esc(c.alpha2)}">${esc(c.name)}</a></td><td>${esc((c.reasons || []).join('; '))}</td></tr>`).join('')}</table>`
    : (has('coe') ? '<p class="muted">None on this date.</p>' : missing('The conditions-of-entry list', 'advisories'));
}

// ---- country ----------------------------------------------------------------

const ISPS_FIELDS = [
  ['solas', 'SOLAS Contracting Government'], ['isps_since', 'ISPS since'],
  ['designated_authority', 'Designated Authority'], ['unit', 'Coordinating unit'], ['notes', 'Notes'],
];

async function country(view, code) {
  const c = await get(`/api/v1/countries/${encodeURIComponent(code)}`);
  const st = await get('/api/v1/countries/status');
  const status = st.items.find((x) => x.alpha2 === c.alpha2);
  const label = status ? (st.legend.find((l) => l.status === status.status) || {}).label : '';
  const facilities = await get(`/api/v1/facilities?country=${encodeURIComponent(c.alpha2)}`)
    .catch(() => ({ items: [] }));
  const editable = can('analyst');
  put(view, `<h1>${esc(c.name)} <span class="badge st-${esc(status && status.status)}">${esc(label)}</span></h1>
    ${status && status.reasons && status.reasons.length ? `<p class="muted">${esc(status.reasons.join('; '))}</p>` : ''}
    <div class="grid2">
      <div class="card"><h2>Registry and ISPS</h2>
        <dl class="fields">
          <dt>ISO codes</dt><dd>${esc(c.alpha2)} / ${esc(c.alpha3)} / ${esc(c.numeric_code)}</dd>
          <dt>Region</dt><dd>${esc(c.region)} — ${esc(c.sub_region)}</dd>
          ${ISPS_FIELDS.map(([k, l]) => `<dt>${esc(l)}</dt><dd data-field="${k}">${esc(
            k === 'solas' ? (c.solas == null ? 'unknown' : c.solas ? 'yes' : 'no') : c[k])}</dd>`).join('')}
          <dt>Version</dt><dd>${esc(c.version)}</dd>
        </dl>
      </div>
      <div class="card"><h2>Edit ISPS fields</h2>
        ${editable ? `<form id="edit">
          <label for="f-da">Designated Authority</label><input id="f-da" name="designated_authority" value="${esc(c.designated_authority)}" size="40">
          <label for="f-unit">Coordinating unit</label><input id="f-unit" name="unit" value="${esc(c.unit)}">
          <label for="f-since">ISPS since (year)</label><input id="f-since" name="isps_since" value="${esc(c.isps_since)}" size="6">
          <label for="f-notes">Notes</label><textarea id="f-notes" name="notes">${esc(c.notes)}</textarea>
          <p><button type="submit">Save</button> <span id="edit-msg"></span></p>
        </form>` : '<p class="muted" id="readonly">Your role (viewer) can read but not edit.</p>'}
      </div>
    </div>
    <h2>Port facilities</h2>
    ${facilities.items.length ? `<table><tr><th>Number</th><th>Name</th><th>Port</th><th>Status</th></tr>${
      facilities.items.map((f) => `<tr><td>${esc(f.number)}</td><td>${esc(f.name)}${f.demo ? ' <span class="muted">(demo)</span>' : ''}</td><td>${esc(f.port)}</td><td>${esc(f.status)}</td></tr>`).join('')}</table>`
      : '<p class="muted">No port facilities recorded.</p>'}
    <h2>Visits, assessments and recommendations</h2>
    <div id="assess-part">${has('visits') ? '<p class="muted">Loading…</p>'
      : missing('The visits timeline and section scores', 'assessments')}</div>
    <h2>Advisory history</h2>
    <div id="adv">${has('coe') ? '<p class="muted">Loading…</p>' : missing('The advisory history', 'advisories')}</div>`);
  const form = view.querySelector('#edit');
  if (form) {
    form.addEventListener('submit', async (ev) => {
      ev.preventDefault();
      const msg = view.querySelector('#edit-msg');
      const body = { version: c.version };
      for (const k of ['designated_authority', 'unit', 'notes']) body[k] = form[k].value || null;
      if (form.isps_since.value) body.isps_since = Number(form.isps_since.value);
      try {
        await api('PATCH', `/api/v1/countries/${c.alpha2}`, body);
        route();
      } catch (err) {
        msg.className = 'error';
        msg.textContent = err.status === 409
          ? 'Someone else changed this country meanwhile; reload to see their change, then edit again.'
          : err.message;
      }
    });
  }
  if (has('coe')) {
    view.querySelector('#adv').innerHTML = await advisoryHistoryHtml(c.alpha2);
  }
  if (has('visits')) {
    view.querySelector('#assess-part').innerHTML = await countryAssessHtml(c.alpha2);
  }
}

// ---- screening, advisories, assessments -------------------------------------

async function screen(view) {
  if (!has('screen')) {
    put(view, `<h1>Arrival screening</h1>${missing('Arrival screening', 'advisories and screening')}`);
    return;
  }
  await screenPage(view, can('analyst'));
}

async function advisories(view) {
  if (!has('coe')) {
    put(view, `<h1>Port Security Advisories</h1>${missing('The advisories list and timeline', 'advisories')}`);
    return;
  }
  await advisoriesPage(view);
}

async function assessList(view) {
  if (!has('assessments')) {
    put(view, `<h1>Assessments</h1>${missing('Assessment entry', 'assessments')}`);
    return;
  }
  await assessListPage(view);
}

async function assessEntry(view, id) {
  if (!has('assessments')) return assessList(view);
  await assessEntryPage(view, id, can('analyst'));
}

// ---- risk ranking and visit plan ------------------------------------------------

async function risk(view) {
  if (!has('rank')) {
    put(view, `<h1>Risk ranking and visit plan</h1>${missing('The risk ranking', 'risk')}`);
    return;
  }
  await riskPage(view);
}

// ---- admin: users and the audit trail -----------------------------------------

async function admin(view) {
  if (!can('admin')) { put(view, '<p class="error">The admin page needs the admin role.</p>'); return; }
  const users = await get('/api/v1/users?limit=1000');
  const audit = await get('/api/v1/audit?limit=50');
  put(view, `<h1>Users</h1>
    <table><tr><th>Name</th><th>Role</th><th>Disabled</th><th>Created</th></tr>${users.items.map((u) =>
      `<tr><td>${esc(u.name)}</td><td>${esc(u.role)}</td><td>${u.disabled ? 'yes' : ''}</td><td>${esc(u.created_at)}</td></tr>`).join('')}</table>
    <form id="adduser" class="card"><h2>Add a user</h2>
      <label for="u-name">Name</label><input id="u-name" name="name" required>
      <label for="u-role">Role</label><select id="u-role" name="role">${ROLES.slice(1).map((r) => `<option>${r}</option>`).join('')}</select>
      <label for="u-pw">Password (10 characters or more)</label><input id="u-pw" name="password" type="password" required>
      <p><button type="submit">Add</button> <span id="u-msg"></span></p></form>
    <h1>Audit trail</h1><p class="muted">${esc(audit.total)} changes; the newest 50:</p>
    <table><tr><th>When</th><th>Who</th><th>Via</th><th>Action</th><th>What</th></tr>${audit.items.map((a) =>
      `<tr><td>${esc(a.at)}</td><td>${esc(a.actor)}</td><td>${esc(a.via)}</td><td>${esc(a.action)}</td><td>${esc(a.entity)} ${esc(a.entity_key)}</td></tr>`).join('')}</table>`);
  view.querySelector('#adduser').addEventListener('submit', async (ev) => {
    ev.preventDefault();
    const f = ev.target;
    try {
      await api('POST', '/api/v1/users', { name: f.elements.namedItem('name').value, role: f.elements.namedItem('role').value, password: f.elements.namedItem('password').value });
      route();
    } catch (err) {
      view.querySelector('#u-msg').textContent = err.message;
      view.querySelector('#u-msg').className = 'error';
    }
  });
}

// ---- start ---------------------------------------------------------------------

get('/api/v1/session').then(signedIn).catch((err) => {
  if (err instanceof ApiError && err.status === 401) signIn();
  else fail(err);
});
