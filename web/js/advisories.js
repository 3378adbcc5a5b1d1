// advisories.js — Port Security Advisories: the countries under conditions
// of entry on a chosen date (GET /api/v1/coe), a timeline of every change
// from the published feed (GET /api/v1/coe/feed), and the feed downloads.

import { get, esc } from './api.js';

const ACTION = {
  add_country: 'added', remove_country: 'removed',
  add_exception: 'facility excepted', remove_exception: 'exception ended',
};

// An effective date is a day, or {not_before, by} when only an interval is known.
const when = (e) => (e && typeof e === 'object' ? `between ${e.not_before} and ${e.by}` : e || '?');
const sortKey = (e) => (e && typeof e === 'object' ? e.not_before : e || '');

async function inForce(day) {
  const list = await get(`/api/v1/coe?date=${encodeURIComponent(day)}`);
  const rows = Array.isArray(list) ? list : list.items || [];
  main.querySelector('#in-force').innerHTML = rows.length
    ? `<p class="muted">${rows.length} countries on ${esc(day)}.</p><table id="coe-table"><tr><th>Country</th>
        <th>In force since</th><th>Advisory</th><th>Basis</th><th>Excepted facilities</th><th>Status</th></tr>${
        rows.map((c) => `<tr><td><a href="#/country/${esc(c.country)}">${esc(c.name || c.country)}</a></td>
          <td>${esc(when(c.in_force_since))}</td><td>${esc(c.advisory)}</td><td>${esc(c.basis)}</td>
          <td>${esc(Array.isArray(c.exceptions)
            ? c.exceptions.map((x) => x.facility || x.name || x).join(', ') : c.exceptions || '')}</td>
          <td>${esc(c.status)}${c.confidence ? ` (${esc(c.confidence)})` : ''}</td></tr>`).join('')}</table>`
    : `<p class="muted">No country was under conditions of entry on ${esc(day)}.</p>`;
}

export async function advisoriesPage(main) {
  const today = new Date().toISOString().slice(0, 10);
  main.innerHTML = `<h1>Port Security Advisories</h1>
    <div class="card"><h2>Conditions of entry in force</h2>
      <label for="coe-date">On</label><input id="coe-date" type="date" value="${today}">
      <div id="in-force"><p class="muted">Loading…</p></div></div>
    <div class="card"><h2>Feed</h2>
      <p>The published, machine-readable feed (countries, effective dates, exceptions, conditions,
      source advisories): <a href="/api/v1/coe/feed?format=json" download="coe-feed.json" id="feed-json">JSON</a>
      · <a href="/api/v1/coe/feed?format=csv" download="coe-feed.csv" id="feed-csv">CSV</a></p></div>
    <div class="card"><h2>Timeline of changes</h2><div id="timeline"><p class="muted">Loading…</p></div></div>`;
  const date = main.querySelector('#coe-date');
  date.addEventListener('change', () => inForce(date.value).catch((err) => {
    main.querySelector('#in-force').innerHTML = `<p class="error">${esc(err.message)}</p>`;
  }));
  await inForce(today);
  const feed = await get('/api/v1/coe/feed?format=json');
  const changes = [];
  for (const a of feed.advisories || [])
    for (const c of a.changes || []) changes.push({ ...c, advisory: a.id, title: a.title });
  changes.sort((x, y) => sortKey(y.effective).localeCompare(sortKey(x.effective)));
  main.querySelector('#timeline').innerHTML = `<table id="timeline-table"><tr><th>Effective</th><th>Change</th>
    <th>Country</th><th>Facility</th><th>Advisory</th><th>Confidence</th></tr>${changes.map((c) => `<tr>
      <td>${esc(when(c.effective))}</td><td>${esc(ACTION[c.action] || c.action)}</td>
      <td>${esc(c.country_name || c.country)}</td><td>${esc(c.facility_name || c.facility || '')}</td>
      <td>${esc(c.advisory)}</td><td>${esc(c.confidence)}</td></tr>`).join('')}</table>`;
}

// A country's part of the advisory history, and whether conditions of entry apply today.
export async function advisoryHistoryHtml(a2) {
  const [check, feed] = await Promise.all([
    get(`/api/v1/coe/check?country=${encodeURIComponent(a2)}`),
    get('/api/v1/coe/feed?format=json'),
  ]);
  const changes = [];
  for (const a of feed.advisories || [])
    for (const c of a.changes || []) if (c.country === a2) changes.push({ ...c, advisory: a.id });
  changes.sort((x, y) => sortKey(y.effective).localeCompare(sortKey(x.effective)));
  return `<div class="card"><p id="coe-today">Conditions of entry today: <strong>${esc(check.status)}</strong>${
      check.in_force_since ? ` (in force since ${esc(when(check.in_force_since))}, ${esc(check.advisory)})` : ''}.</p>
    ${changes.length ? `<table id="adv-history"><tr><th>Effective</th><th>Change</th><th>Facility</th><th>Advisory</th>
      <th>Confidence</th></tr>${changes.map((c) => `<tr><td>${esc(when(c.effective))}</td>
      <td>${esc(ACTION[c.action] || c.action)}</td><td>${esc(c.facility_name || c.facility || '')}</td>
      <td>${esc(c.advisory)}</td><td>${esc(c.confidence)}</td></tr>`).join('')}</table>`
      : '<p class="muted">No advisory has named this country.</p>'}</div>`;
}
