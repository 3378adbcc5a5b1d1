// assess.js — assessment entry: the list of assessments, and one assessment's
// checklist by section with YES / NO / NA / NO_OBS and a note per item, each
// answer saved as it is given (PUT /api/v1/assessments/{id}/answers/{item}).
// Scores, coverage and findings are computed by the server, never here.

import { api, get, esc } from './api.js';

const ANSWERS = ['YES', 'NO', 'NA', 'NO_OBS'];

export async function assessListPage(main) {
  const list = await get('/api/v1/assessments?limit=1000');
  const rows = list.items || list;
  main.innerHTML = `<h1>Assessments</h1>
    ${rows.length ? `<table id="assess-list"><tr><th>#</th><th>Country</th><th>Scope</th><th>Facility</th>
      <th>Assessed on</th><th>Status</th><th>Answered</th></tr>${rows.map((a) => `<tr>
      <td><a href="#/assess/${esc(a.id)}">${esc(a.id)}</a></td><td>${esc(a.country)}</td><td>${esc(a.scope)}</td>
      <td>${esc(a.facility_name || a.facility || '')}</td><td>${esc(a.assessed_on)}</td>
      <td>${esc(a.status)}${a.demo ? ' <span class="muted">(demo)</span>' : ''}</td><td>${esc(a.answered)}</td></tr>`).join('')}</table>`
      : '<p class="muted">No assessments yet. Start one with <code>portsec assess start --visit ID</code>.</p>'}`;
}

function scoreText(s) {
  if (!s) return '';
  const pct = (x) => (x == null ? '–' : `${Math.round(x * 100)} %`);
  return `score ${pct(s.score)}, coverage ${pct(s.coverage)}, ${s.unanswered} unanswered`;
}

export async function assessEntryPage(main, id, canEdit) {
  const [a, ck] = await Promise.all([get(`/api/v1/assessments/${id}`), get(`/api/v1/checklist`)]);
  const answers = new Map((a.answers || []).map((x) => [x.item, x]));
  const open = a.status !== 'closed';
  const editable = open && canEdit;
  const items = ck.items.filter((it) => it.scope === a.scope);
  const sections = ck.sections.filter((s) => items.some((it) => it.section === s.id));
  const secScore = new Map((a.sections || []).map((s) => [s.id, s]));
  main.innerHTML = `<h1>Assessment ${esc(a.id)}: ${esc(a.country)} ${esc(a.scope)}${
      a.facility ? ` — ${esc(a.facility_name || a.facility)}` : ''}</h1>
    <p class="muted">Checklist ${esc(a.checklist_name)} ${esc(a.checklist_version)}; assessed on ${esc(a.assessed_on)};
      ${esc(a.status)}${a.demo ? ' (demo data)' : ''}. Total: <span id="total">${esc(scoreText(a.total))}</span></p>
    ${!open ? '<p class="notice" id="closed">This assessment is closed and read-only.</p>' : ''}
    ${open && !canEdit ? '<p class="notice" id="readonly">Your role can read but not answer.</p>' : ''}
    ${sections.map((s) => `<div class="card"><h2>${esc(s.title)} <span class="muted" data-score="${esc(s.id)}">${
      esc(scoreText(secScore.get(s.id)))}</span></h2>
      <table>${items.filter((it) => it.section === s.id).map((it) => {
        const cur = answers.get(it.id) || {};
        return `<tr data-item="${esc(it.id)}"><td><strong>${esc(it.id)}</strong>${it.critical ? ' <span class="badge st-conditions_of_entry">critical</span>' : ''}</td>
          <td>${esc(it.question)}<br><span class="muted">${esc(it.refs)}</span></td>
          <td class="answers">${ANSWERS.map((ans) => `<button type="button" data-answer="${ans}"
            class="${cur.answer === ans ? 'on' : 'secondary'}" ${editable ? '' : 'disabled'}>${ans}</button>`).join('')}
            <br><input class="note" placeholder="note" value="${esc(cur.note || '')}" ${editable ? '' : 'disabled'}
              aria-label="note for ${esc(it.id)}"><span class="saved"></span></td></tr>`;
      }).join('')}</table></div>`).join('')}`;
  if (!editable) return;
  const save = async (row, answer) => {
    const item = row.dataset.item;
    const note = row.querySelector('.note').value;
    const flag = row.querySelector('.saved');
    flag.textContent = 'saving…';
    flag.className = 'saved';
    try {
      const r = await api('PUT', `/api/v1/assessments/${id}/answers/${encodeURIComponent(item)}`,
        { answer, note: note || null });
      row.querySelectorAll('button').forEach((b) => {
        b.className = b.dataset.answer === answer ? 'on' : 'secondary';
      });
      row.dataset.answer = answer;
      flag.textContent = 'saved';
      if (r && r.total) main.querySelector('#total').textContent = scoreText(r.total);
    } catch (err) {
      flag.textContent = err.message;
      flag.className = 'error';
    }
  };
  main.querySelectorAll('tr[data-item]').forEach((row) => {
    const cur = answers.get(row.dataset.item);
    if (cur) row.dataset.answer = cur.answer;
    row.querySelectorAll('button[data-answer]').forEach((b) =>
      b.addEventListener('click', () => save(row, b.dataset.answer)));
    // A note is saved with the answer already given; without one there is nothing to attach it to.
    row.querySelector('.note').addEventListener('change', () => {
      if (row.dataset.answer) save(row, row.dataset.answer);
    });
  });
}
