// country_assess.js — the assessment part of a country page: visits
// timeline, section scores of the latest assessment as bars, findings,
// recommendations with status and due dates, determinations, and the
// report link. Everything is computed by the server.

import { get, esc } from './api.js';

const pct = (x) => (x == null ? '–' : `${Math.round(x * 100)} %`);

function bars(sections) {
  return `<table class="bars" id="section-scores">${sections.map((s) => `<tr>
    <td>${esc(s.title)}</td>
    <td style="width:50%"><div class="bar"><span style="width:${Math.round((s.score || 0) * 100)}%"></span></div></td>
    <td>${pct(s.score)}</td><td class="muted">${esc(s.yes)} yes / ${esc(s.no)} no${
      s.unanswered ? `, ${esc(s.unanswered)} unanswered` : ''}</td></tr>`).join('')}</table>`;
}

export async function countryAssessHtml(a2) {
  const cc = encodeURIComponent(a2);
  const [visits, assessments, recs, dets] = await Promise.all([
    get(`/api/v1/visits?country=${cc}&limit=1000`),
    get(`/api/v1/assessments?country=${cc}&limit=1000`),
    get(`/api/v1/recommendations?country=${cc}&limit=1000`),
    get(`/api/v1/determinations/${cc}`).catch(() => null),
  ]);
  const countryLevel = assessments.items.filter((x) => x.scope === 'country')
    .sort((x, y) => String(y.assessed_on).localeCompare(String(x.assessed_on)));
  const latest = countryLevel[0] ? await get(`/api/v1/assessments/${countryLevel[0].id}`) : null;
  const today = new Date().toISOString().slice(0, 10);
  const lastDet = dets && dets.determinations && dets.determinations.length
    ? dets.determinations.reduce((x, y) => (String(y.decided_on) > String(x.decided_on) ? y : x)) : null;
  return `
    <div class="card"><h2>Determination</h2>${lastDet
      ? `<p id="determination"><strong>${esc(lastDet.result)}</strong> on ${esc(lastDet.decided_on)}. ${esc(lastDet.rationale)}</p>`
      : '<p class="muted">No determination recorded.</p>'}
      ${dets ? `<p class="muted">Last assessment visit ${esc(dets.last_assessment_visit || '–')}; next reassessment due
        ${esc(dets.next_reassessment_due || '–')}.</p>` : ''}
      <p><a href="/api/v1/reports/${cc}" target="_blank" rel="noopener" id="report-link">Country report (HTML)</a></p></div>
    <div class="card"><h2>Visits</h2>${visits.items.length ? `<table id="visits"><tr><th>Dates</th><th>Kind</th>
      <th>Assessments</th></tr>${visits.items.map((v) => `<tr><td>${esc(v.start_date)} – ${esc(v.end_date)}</td>
      <td>${esc(v.kind)}${v.demo ? ' <span class="muted">(demo)</span>' : ''}</td><td>${esc(v.assessments)}</td></tr>`).join('')}</table>`
      : '<p class="muted">No visits recorded.</p>'}</div>
    <div class="card"><h2>Section scores${latest ? ` — assessment of ${esc(latest.assessed_on)}` : ''}</h2>${latest
      ? `${bars(latest.sections || [])}<p class="muted">Total ${pct(latest.total && latest.total.score)}, coverage
        ${pct(latest.total && latest.total.coverage)}.</p>
        <h2>Findings</h2>${(latest.nos || []).length ? `<ul id="findings">${latest.nos.map((n) =>
          `<li><strong>${esc(n.item)}</strong> ${esc(n.question)}${n.note ? ` — <em>${esc(n.note)}</em>` : ''}</li>`).join('')}</ul>`
          : '<p class="muted">No findings.</p>'}`
      : '<p class="muted">No country-level assessment yet.</p>'}</div>
    <div class="card"><h2>Recommendations</h2>${recs.items.length ? `<table id="recs"><tr><th>Recommendation</th>
      <th>Priority</th><th>Owner</th><th>Due</th><th>Status</th></tr>${recs.items.map((r) => {
        const late = ['open', 'in-progress'].includes(r.status) && r.due && r.due < today;
        return `<tr><td>${esc(r.text)}</td><td>${esc(r.priority)}</td><td>${esc(r.owner)}</td>
          <td${late ? ' class="error"' : ''}>${esc(r.due)}${late ? ' (overdue)' : ''}</td><td>${esc(r.status)}</td></tr>`;
      }).join('')}</table>` : '<p class="muted">No recommendations.</p>'}</div>`;
}
