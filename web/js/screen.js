// screen.js — the arrival screening page: a Notice of Arrival pasted,
// uploaded or filled in a form goes to POST /api/v1/screen; the verdict, the
// calls that trigger conditions of entry, the required actions and the
// targeting points come back from the server and are shown one by one.

import { api, get, esc } from './api.js';
import { countryShapes, project } from './map.js';

const EXAMPLE = {
  noa_id: 'example-1',
  vessel: { imo: '9074729', name: 'EXAMPLE TRADER', flag: 'LR', type: 'bulk carrier' },
  arrival: { port: 'USHOU', eta: '2025-10-01T06:00:00Z' },
  port_calls: [
    { port: 'SCPOV', arrival: '2025-09-01T00:00:00Z', departure: '2025-09-03T12:00:00Z', purpose: 'cargo' },
    { port: 'MUPLU', arrival: '2025-09-06T08:00:00Z', departure: '2025-09-07T20:00:00Z', purpose: 'cargo' },
  ],
};

const CALL_ROWS = 10;

function formHtml() {
  const rows = [];
  for (let i = 0; i < CALL_ROWS; i++) {
    rows.push(`<tr><td>${i + 1}</td>
      <td><input name="port${i}" size="6" placeholder="LOCODE" aria-label="call ${i + 1} port"></td>
      <td><input name="facility${i}" size="11" placeholder="optional" aria-label="call ${i + 1} facility"></td>
      <td><input name="arrival${i}" size="20" placeholder="YYYY-MM-DD" aria-label="call ${i + 1} arrival"></td>
      <td><input name="departure${i}" size="20" placeholder="YYYY-MM-DD" aria-label="call ${i + 1} departure"></td>
      <td><select name="purpose${i}" aria-label="call ${i + 1} purpose"><option></option><option>cargo</option>
        <option>bunkers</option><option>crew</option><option>repairs</option><option>transit</option></select></td></tr>`);
  }
  return `<div class="grid2">
    <form id="noa-form" class="card"><h2>Fill in a Notice of Arrival</h2>
      <div class="grid2">
        <div><label for="imo">IMO number</label><input id="imo" name="imo" size="9"></div>
        <div><label for="vname">Vessel name</label><input id="vname" name="vname"></div>
        <div><label for="flag">Flag (ISO alpha-2)</label><input id="flag" name="flag" size="3"></div>
        <div><label for="aport">Arrival port (UN/LOCODE)</label><input id="aport" name="aport" size="6"></div>
        <div><label for="eta">ETA</label><input id="eta" name="eta" placeholder="YYYY-MM-DDTHH:MM:SSZ"></div>
      </div>
      <h2>Last port calls</h2>
      <table><tr><th>#</th><th>Port</th><th>Facility</th><th>Arrival</th><th>Departure</th><th>Purpose</th></tr>${rows.join('')}</table>
      <p><button type="submit" id="screen-form">Screen</button>
         <button type="button" class="secondary" id="example">Fill an example (Port Victoria)</button></p>
    </form>
    <form id="noa-paste" class="card"><h2>…or paste or upload one</h2>
      <label for="noa-text">Notice of Arrival (JSON)</label>
      <textarea id="noa-text" spellcheck="false"></textarea>
      <label for="noa-file">Upload a file</label><input id="noa-file" type="file" accept=".json,application/json">
      <p><button type="submit" id="screen-json">Screen</button></p>
    </form>
  </div>
  <div id="result" aria-live="polite"></div>`;
}

function fromForm(f) {
  const v = (n) => f.elements.namedItem(n).value.trim();
  const noa = { vessel: { imo: v('imo'), name: v('vname'), flag: v('flag') },
    arrival: { port: v('aport'), eta: v('eta') }, port_calls: [] };
  for (let i = 0; i < CALL_ROWS; i++) {
    if (!v(`port${i}`)) continue;
    const c = { port: v(`port${i}`), arrival: v(`arrival${i}`), departure: v(`departure${i}`) };
    if (v(`facility${i}`)) c.facility = v(`facility${i}`);
    if (v(`purpose${i}`)) c.purpose = v(`purpose${i}`);
    noa.port_calls.push(c);
  }
  return noa;
}

function fillForm(f, noa) {
  const set = (n, val) => { f.elements.namedItem(n).value = val ?? ''; };
  set('imo', noa.vessel.imo); set('vname', noa.vessel.name); set('flag', noa.vessel.flag);
  set('aport', noa.arrival.port); set('eta', noa.arrival.eta);
  noa.port_calls.forEach((c, i) => {
    set(`port${i}`, c.port); set(`facility${i}`, c.facility); set(`arrival${i}`, c.arrival);
    set(`departure${i}`, c.departure); set(`purpose${i}`, c.purpose);
  });
}

const VERDICT = {
  applies: ['apply', 'Conditions of entry apply'],
  'does-not-apply': ['clear', 'Conditions of entry do not apply'],
  uncertain: ['apply', 'Uncertain: a date falls where the record is not known'],
};

function resultHtml(r) {
  const coe = r.coe || {};
  const [cls, text] = VERDICT[coe.status] || ['', coe.status];
  const t = r.targeting || {};
  return `<div class="card">
    <p class="verdict ${cls}" id="verdict" data-status="${esc(coe.status)}">${esc(text)}${
      coe.direct ? ' — the most recent call triggers them' : ''}</p>
    ${coe.calls && coe.calls.length ? `<h2>Calls that trigger conditions of entry</h2>
      <table id="coe-calls"><tr><th>Port</th><th>Country</th><th>Arrival</th><th>In force since</th>
      <th>Advisory</th><th>Excepted</th><th>Why</th></tr>${coe.calls.map((c) => `<tr>
        <td>${esc(c.port)}</td><td>${esc(c.country)}</td><td>${esc(c.arrival)}</td><td>${esc(c.in_force_since)}</td>
        <td>${esc(c.advisory)}</td><td>${c.excepted ? 'yes' : 'no'}</td><td>${esc(c.reason)}</td></tr>`).join('')}</table>` : ''}
    ${coe.actions && coe.actions.length ? `<h2>Required actions</h2><ol id="actions">${
      coe.actions.map((a) => `<li>${esc(a)}</li>`).join('')}</ol>` : ''}
    <h2>Security targeting: ${esc(t.points)} points, ${esc(t.priority)}</h2>
    <table id="targeting"><tr><th>Column</th><th>Points</th><th>Reason</th><th>Basis</th></tr>${
      (t.items || []).map((i) => `<tr><td>${esc(i.column)}</td><td>${esc(i.points)}</td><td>${esc(i.reason)}</td>
        <td>${esc(i.basis)}</td></tr>`).join('')}</table>
    ${r.warnings && r.warnings.length ? `<h2>Warnings</h2><ul>${r.warnings.map((w) => `<li>${esc(w)}</li>`).join('')}</ul>` : ''}
    ${r.ais ? aisHtml(r.ais) : ''}
  </div>`;
}

// What AIS says about the declared calls (present when AIS data is loaded).
function aisHtml(a) {
  return `<h2>AIS: declared calls</h2>
    <table id="ais-declared"><tr><th>Port</th><th>Arrival</th><th>Departure</th><th>AIS</th><th>Why</th></tr>${
      (a.declared || []).map((d) => `<tr><td>${esc(d.port)}</td><td>${esc(d.arrival)}</td><td>${esc(d.departure)}</td>
        <td><strong>${esc(d.status)}</strong></td><td>${esc(d.reason)}</td></tr>`).join('')}</table>
    ${(a.undeclared || []).length ? `<h2>AIS: calls not declared</h2><ul id="ais-undeclared">${a.undeclared.map((c) =>
      `<li>${esc(c.port || c.locode)} ${esc(c.arrival || c.start)} – ${esc(c.departure || c.end)}</li>`).join('')}</ul>` : ''}
    ${(a.gaps || []).length ? `<h2>AIS gaps</h2><ul id="ais-gaps">${a.gaps.map((g) =>
      `<li>${esc(g.start)} – ${esc(g.end)}${g.hours ? ` (${esc(g.hours)} h)` : ''}</li>`).join('')}</ul>` : ''}
    <div id="track-map" class="card"><p class="muted">Loading the track…</p></div>`;
}

// The vessel's AIS track on a map cut to its extent, with the calls as dots.
async function drawTrack(box, imo) {
  const [track, topoRes] = await Promise.all([
    get(`/api/v1/vessels/${encodeURIComponent(imo)}/track`),
    fetch('/vendor/countries-50m.json'),
  ]);
  const pts = [];
  for (const f of track.features || []) {
    const g = f.geometry || {};
    if (g.type === 'LineString') pts.push(...g.coordinates);
    if (g.type === 'Point') pts.push(g.coordinates);
  }
  if (!pts.length) { box.innerHTML = '<p class="muted">No AIS track for this vessel.</p>'; return; }
  const xy = pts.map(([lon, lat]) => project(lat, lon));
  const xs = xy.map((p) => p[0]), ys = xy.map((p) => p[1]);
  const pad = 4, x0 = Math.min(...xs) - pad, y0 = Math.min(...ys) - pad;
  const w = Math.max(Math.max(...xs) - x0 + pad, 10), h = Math.max(Math.max(...ys) - y0 + pad, 6);
  const land = topoRes.ok ? countryShapes(await topoRes.json()) : [];
  const NS = 'http://www.w3.org/2000/svg';
  const svg = document.createElementNS(NS, 'svg');
  svg.setAttribute('viewBox', `${x0} ${y0} ${w} ${h}`);
  svg.setAttribute('class', 'map');
  for (const s of land) {
    const p = document.createElementNS(NS, 'path');
    p.setAttribute('d', s.d);
    p.setAttribute('fill', '#c9ced4');
    svg.appendChild(p);
  }
  for (const f of track.features || []) {
    const g = f.geometry || {};
    if (g.type === 'LineString') {
      const p = document.createElementNS(NS, 'polyline');
      p.setAttribute('points', g.coordinates.map(([lon, lat]) => project(lat, lon).join(',')).join(' '));
      p.setAttribute('fill', 'none');
      p.setAttribute('stroke', '#1f5fa8');
      p.setAttribute('stroke-width', String(w / 300));
      svg.appendChild(p);
    } else if (g.type === 'Point') {
      const [cx, cy] = project(g.coordinates[1], g.coordinates[0]);
      const c = document.createElementNS(NS, 'circle');
      c.setAttribute('cx', cx); c.setAttribute('cy', cy); c.setAttribute('r', String(w / 120));
      c.setAttribute('fill', '#b2182b');
      const t = document.createElementNS(NS, 'title');
      t.textContent = (f.properties && (f.properties.port || f.properties.name)) || 'call';
      c.appendChild(t);
      svg.appendChild(c);
    }
  }
  box.replaceChildren(svg);
}

export async function screenPage(main, canScreen) {
  main.innerHTML = `<h1>Arrival screening</h1>${canScreen ? ''
    : '<p class="notice" id="readonly">Screening arrivals needs the analyst role; yours can read only.</p>'}${formHtml()}`;
  if (!canScreen) main.querySelectorAll('button').forEach((b) => { b.disabled = true; });
  const out = main.querySelector('#result');
  const run = async (noa) => {
    out.innerHTML = '<p class="muted">Screening…</p>';
    try {
      const r = await api('POST', '/api/v1/screen', noa);
      out.innerHTML = resultHtml(r);
      const box = out.querySelector('#track-map');
      if (box && r.imo) drawTrack(box, r.imo).catch((err) => { box.textContent = err.message; });
    } catch (err) {
      out.innerHTML = `<p class="error" id="screen-error">${esc(err.message)}</p>`;
    }
  };
  const form = main.querySelector('#noa-form');
  form.addEventListener('submit', (ev) => { ev.preventDefault(); run(fromForm(form)); });
  main.querySelector('#example').addEventListener('click', () => fillForm(form, EXAMPLE));
  main.querySelector('#noa-paste').addEventListener('submit', (ev) => {
    ev.preventDefault();
    run(main.querySelector('#noa-text').value);     // sent as typed: the server names any JSON error
  });
  main.querySelector('#noa-file').addEventListener('change', async (ev) => {
    const file = ev.target.files[0];
    if (file) main.querySelector('#noa-text').value = await file.text();
  });
}
