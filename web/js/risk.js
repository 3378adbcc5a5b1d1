// risk.js — the risk ranking and the year's visit plan of a coordinating unit
// (issue 7): GET /api/v1/units, /api/v1/rank, /api/v1/plan and the .ics
// download. A sortable table with every component (its "why" on hover and in
// a detail row), a horizontal bar chart of the scores in inline SVG, and the
// plan's trips. All numbers come from the server.

import { get, esc } from './api.js';

const COMPONENTS = ['determination', 'assessment_age', 'conditions_of_entry', 'recommendations',
  'trade', 'traffic', 'isps_status', 'threat'];
const SHORT = { determination: 'Determination', assessment_age: 'Age', conditions_of_entry: 'CoE',
  recommendations: 'Recs', trade: 'Trade', traffic: 'Traffic', isps_status: 'ISPS', threat: 'Threat' };
const num = (v, d = 1) => (typeof v === 'number' ? v.toFixed(d) : '');

// The component keys in the order the server gives them (known ones first).
function componentKeys(rows) {
  const keys = [];
  for (const r of rows) for (const k of Object.keys(r.components || {})) if (!keys.includes(k)) keys.push(k);
  return keys.sort((a, b) => {
    const ia = COMPONENTS.indexOf(a), ib = COMPONENTS.indexOf(b);
    return (ia < 0 ? 99 : ia) - (ib < 0 ? 99 : ib) || a.localeCompare(b);
  });
}

function sortValue(r, key) {
  if (key === 'rank' || key === 'score') return r[key];
  if (key === 'name') return r.name || r.country;
  if (key === 'due') return r.due ? 1 : 0;
  const c = (r.components || {})[key];
  return c ? c.points : -Infinity;
}

function tableHtml(rows, keys, sort) {
  const head = [['rank', '#'], ['name', 'Country'], ['score', 'Score'], ['due', 'Due'],
    ...keys.map((k) => [k, SHORT[k] || k])];
  const arrow = (k) => (sort.key === k ? (sort.dir > 0 ? ' ▲' : ' ▼') : '');
  return `<table id="rank-table" class="sortable"><thead><tr>${head.map(([k, label]) =>
      `<th data-sort="${esc(k)}" aria-sort="${sort.key === k ? (sort.dir > 0 ? 'ascending' : 'descending') : 'none'}"
        title="sort by ${esc(label)}" style="cursor:pointer">${esc(label)}${arrow(k)}</th>`).join('')}</tr></thead>
    <tbody>${rows.map((r) => `<tr data-country="${esc(r.country)}" class="rank-row">
      <td>${esc(r.rank)}</td><td><a href="#/country/${esc(r.country)}">${esc(r.name || r.country)}</a></td>
      <td>${num(r.score, 2)}</td><td>${r.overdue ? 'overdue' : r.due ? 'due' : ''}</td>${keys.map((k) => {
        const c = (r.components || {})[k];
        return c ? `<td title="${esc(c.why)}">${num(c.points, 2)}</td>` : '<td></td>';
      }).join('')}</tr>
      <tr class="why-row" data-why="${esc(r.country)}" hidden><td></td><td colspan="${3 + keys.length}"><ul>${
        keys.map((k) => { const c = (r.components || {})[k]; return c
          ? `<li><strong>${esc(SHORT[k] || k)}</strong> (score ${num(c.score, 2)} × weight ${num(c.weight, 2)} = ${num(c.points, 2)}): ${esc(c.why)}</li>` : ''; }).join('')
      }</ul></td></tr>`).join('')}</tbody></table>`;
}

// Horizontal bars of the scores, best first, as inline SVG.
function chartSvg(rows) {
  const sorted = [...rows].sort((a, b) => b.score - a.score);
  const max = Math.max(1e-9, ...sorted.map((r) => r.score));
  const bar = 18, gap = 4, label = 170, width = 640, right = 50;
  const h = sorted.length * (bar + gap) + gap;
  return `<svg id="rank-chart" viewBox="0 0 ${width} ${h}" width="100%" role="img"
      aria-label="Risk scores, highest first" xmlns="http://www.w3.org/2000/svg">${sorted.map((r, i) => {
        const y = gap + i * (bar + gap), w = Math.max(1, (width - label - right) * r.score / max);
        return `<g data-country="${esc(r.country)}"><title>${esc(r.name)}: ${num(r.score, 2)}</title>
          <text x="${label - 6}" y="${y + bar - 5}" text-anchor="end" font-size="12">${esc(r.name || r.country)}</text>
          <rect x="${label}" y="${y}" width="${w.toFixed(1)}" height="${bar}" fill="${r.overdue ? '#c0392b' : '#2c6fad'}"></rect>
          <text x="${(label + w + 4).toFixed(1)}" y="${y + bar - 5}" font-size="12">${num(r.score, 2)}</text></g>`;
      }).join('')}</svg>`;
}

function planHtml(p, icsHref) {
  const trips = new Map();
  for (const v of p.visits || []) {
    if (!trips.has(v.trip)) trips.set(v.trip, []);
    trips.get(v.trip).push(v);
  }
  return `<p>${esc(p.summary)}</p>
    <p class="muted">Capacity ${esc(p.capacity)}, ${esc(p.slots)} slots, ${esc(p.trips)} trips;
      required ${esc(p.required)}${p.required_met ? ' (met)' : ''}${p.shortfall ? ', <strong>shortfall</strong>' : ''}.
      <a id="plan-ics" href="${esc(icsHref)}" download="plan-${esc(p.year)}.ics">Download the plan (.ics)</a></p>
    ${trips.size ? `<table id="plan-table"><thead><tr><th>Trip</th><th>Country</th><th>Start</th><th>End</th>
      <th>Port</th><th>Due</th><th>Score</th><th>km from trip lead</th></tr></thead><tbody>${
      [...trips.entries()].map(([t, vs]) => vs.map((v) => `<tr data-trip="${esc(t)}"><td>${esc(t)}</td>
        <td><a href="#/country/${esc(v.country)}">${esc(v.name || v.country)}</a></td><td>${esc(v.start)}</td>
        <td>${esc(v.end)}</td><td>${esc(v.port || '')}</td><td>${v.due ? 'yes' : ''}</td><td>${num(v.score, 2)}</td>
        <td>${esc(v.km_from_trip_lead)}</td></tr>`).join('')).join('')}</tbody></table>`
      : '<p class="muted">No visits planned.</p>'}
    ${(p.countries || []).some((c) => !c.included) ? `<h3>Not visited this year</h3><ul id="plan-left">${
      p.countries.filter((c) => !c.included).map((c) => `<li>${esc(c.name)}: ${esc(c.why)}</li>`).join('')}</ul>` : ''}`;
}

export async function riskPage(view) {
  const units = await get('/api/v1/units');
  const list = Array.isArray(units) ? units : units.items || [];
  const year = new Date().getUTCFullYear();
  view.innerHTML = `<h1>Risk ranking and visit plan</h1>
    <div class="card"><label for="risk-unit">Coordinating unit</label>
      <select id="risk-unit"><option value="">— choose a unit —</option>${list.map((u) =>
        `<option value="${esc(u.name)}">${esc(u.name)}${u.demo ? ' (demo data)' : ''}</option>`).join('')}</select>
      <label for="risk-year">Plan year</label><input id="risk-year" type="number" min="1900" max="9999" value="${year}">
      ${list.length ? '' : '<p class="muted">No coordinating unit yet: add one with <code>portsec unit add</code>.</p>'}</div>
    <div id="risk-out"></div>`;
  const sel = view.querySelector('#risk-unit'), yr = view.querySelector('#risk-year');
  const out = view.querySelector('#risk-out');
  let seq = 0;
  const load = async () => {
    const unit = sel.value, my = ++seq;
    if (!unit) { out.innerHTML = ''; return; }
    out.innerHTML = '<p class="muted">Loading…</p>';
    const q = `unit=${encodeURIComponent(unit)}`;
    const planQ = `${q}&year=${encodeURIComponent(yr.value)}`;
    try {
      const [rank, plan] = await Promise.all([get(`/api/v1/rank?${q}`),
        get(`/api/v1/plan?${planQ}`).catch((err) => ({ error: err }))]);
      if (my !== seq) return;
      drawAll(out, rank, plan, `/api/v1/plan.ics?${planQ}`);
    } catch (err) {
      if (my === seq) out.innerHTML = `<p class="error">${esc(err.message)}</p>`;
    }
  };
  sel.addEventListener('change', load);
  yr.addEventListener('change', load);
  if (list.length === 1) { sel.value = list[0].name; await load(); }
}

function drawAll(out, rank, plan, icsHref) {
  const rows = rank.countries || [];
  const keys = componentKeys(rows);
  const sort = { key: 'rank', dir: 1 };
  out.innerHTML = `<div class="card"><h2>Ranking on ${esc(rank.as_of)}</h2>
      <p class="muted">Click a column heading to sort; hover a component for its reason, or click a row
      for every reason.</p><div id="rank-wrap"></div></div>
    <div class="card"><h2>Scores</h2>${chartSvg(rows)}</div>
    <div class="card"><h2>Plan for ${esc(plan.year || '')}</h2><div id="plan-out">${plan.error
      ? `<p class="error">${esc(plan.error.message)}</p>` : planHtml(plan, icsHref)}</div></div>`;
  const wrap = out.querySelector('#rank-wrap');
  const draw = () => {
    const sorted = [...rows].sort((a, b) => {
      const x = sortValue(a, sort.key), y = sortValue(b, sort.key);
      const c = typeof x === 'string' ? x.localeCompare(y) : x - y;
      return sort.dir * c || a.rank - b.rank;
    });
    wrap.innerHTML = tableHtml(sorted, keys, sort);
  };
  wrap.addEventListener('click', (ev) => {
    const th = ev.target.closest('th[data-sort]');
    if (th) {
      const k = th.dataset.sort;
      if (sort.key === k) sort.dir = -sort.dir;
      else { sort.key = k; sort.dir = k === 'rank' || k === 'name' ? 1 : -1; }
      draw();
      return;
    }
    const tr = ev.target.closest('tr.rank-row');
    if (tr && !ev.target.closest('a')) {
      const why = wrap.querySelector(`tr[data-why="${CSS.escape(tr.dataset.country)}"]`);
      if (why) why.hidden = !why.hidden;
    }
  });
  draw();
}
