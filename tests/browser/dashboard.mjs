// dashboard.mjs — the dashboard in a real browser: Debian's chromium driven
// by playwright-core. Usage: node dashboard.mjs BASE_URL OUTPUT_DIR
// Passwords come from the environment (PSEC_ADMIN_PW, PSEC_VIEWER_PW).
// On failure a screenshot of the page goes to OUTPUT_DIR.
import { createRequire } from 'node:module';
import { mkdtempSync, mkdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const require = createRequire(join(here, '../../web/package.json'));
const { chromium } = require('playwright-core');

const [base, outdir] = process.argv.slice(2);
const CHROMIUM = process.env.PSEC_CHROMIUM || '/usr/bin/chromium';
const FLAGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync'];

let failures = 0, checks = 0;
function check(cond, what) {
  checks++;
  if (!cond) { failures++; console.log(`FAIL: ${what}`); }
}

const profile = mkdtempSync(join(tmpdir(), 'psec-chromium-'));
const ctx = await chromium.launchPersistentContext(profile, {
  executablePath: CHROMIUM, headless: true, args: FLAGS, viewport: { width: 1280, height: 900 },
});
const page = ctx.pages()[0] || await ctx.newPage();
page.setDefaultTimeout(15000);
const consoleErrors = [];
page.on('pageerror', (err) => consoleErrors.push(String(err)));

async function step(name, fn) {
  try {
    await fn();
  } catch (err) {
    failures++;
    console.log(`FAIL: ${name}: ${err.message.split('\n')[0]}`);
    mkdirSync(outdir, { recursive: true });
    const shot = join(outdir, `${name.replace(/[^a-z0-9]+/gi, '_')}.png`);
    await page.screenshot({ path: shot, fullPage: true }).catch(() => {});
    console.log(`  screenshot: ${shot}`);
  }
}

async function login(name, pw) {
  await page.goto(base + '/');
  await page.waitForSelector('#login');
  await page.fill('#name', name);
  await page.fill('#password', pw);
  await page.click('#login button[type=submit]');
  await page.waitForSelector('#who:not(:empty)');
}

async function logout() {
  await page.click('#logout');
  await page.waitForSelector('#login');
}

await step('wrong password is refused', async () => {
  await page.goto(base + '/');
  await page.waitForSelector('#login');
  await page.fill('#name', 'admin');
  await page.fill('#password', 'not the password');
  await page.click('#login button[type=submit]');
  await page.waitForFunction(() => document.getElementById('login-error').textContent.length > 0);
  check((await page.textContent('#login-error')).includes('wrong user name or password'), 'login error shown');
});

let features = [];
await step('log in', async () => {
  await login('admin', process.env.PSEC_ADMIN_PW);
  check((await page.textContent('#who')).includes('admin'), 'signed in as admin');
  features = (await (await page.request.get(base + '/api/v1/health')).json()).features;
});

await step('map shows countries in their status colours', async () => {
  await page.waitForSelector('svg.map path.country[data-alpha2="SC"]');
  const n = await page.locator('svg.map path.country').count();
  check(n > 150, `map has ${n} country shapes`);
  const sc = await page.evaluate(() => {
    const p = document.querySelector('svg.map path.country[data-alpha2="SC"]');
    const legend = [...document.querySelectorAll('#legend span')]
      .find((s) => s.classList.contains(`st-${p.dataset.status}`));
    return { status: p.dataset.status, fill: getComputedStyle(p).fill,
             legend: legend ? getComputedStyle(legend, '::before').backgroundColor : null };
  });
  check(sc.legend !== null, `Seychelles' status ${sc.status} is in the legend`);
  check(sc.fill === sc.legend, `Seychelles is drawn in its status colour (${sc.fill} vs ${sc.legend})`);
  if (features.includes('coe')) {
    check(sc.status === 'conditions_of_entry', `Seychelles is under conditions of entry (${sc.status})`);
    check(sc.fill === 'rgb(178, 24, 43)', `the conditions-of-entry colour (${sc.fill})`);
  }
});

await step('hover and click through to a country', async () => {
  await page.evaluate(() => document.querySelector('svg.map path.country[data-alpha2="FR"]')
    .dispatchEvent(new MouseEvent('mousemove', { bubbles: true, clientX: 300, clientY: 200 })));
  await page.waitForSelector('#tip:not([hidden])');
  check((await page.textContent('#tip')).includes('France'), 'tooltip names France');
  await page.evaluate(() => document.querySelector('svg.map path.country[data-alpha2="SC"]')
    .dispatchEvent(new MouseEvent('click', { bubbles: true })));
  await page.waitForSelector('h1:has-text("Seychelles")');
  check(page.url().endsWith('#/country/SC'), 'URL is the country page');
  if (features.includes('visits')) {
    await page.waitForSelector('#section-scores tr');
    check(await page.locator('#visits tr').count() > 1, 'the visits timeline is shown');
    check(await page.locator('#recs tr').count() > 1, 'recommendations are shown');
  }
});

await step('an analyst or above edits a country', async () => {
  await page.fill('#f-unit', 'Browser <b>unit</b>');
  await page.click('#edit button[type=submit]');
  await page.waitForSelector('dd[data-field="unit"]:has-text("Browser <b>unit</b>")');
  check(true, 'edit saved and shown literally');
});

await step('screen a NOA from the form', async () => {
  await page.goto(base + '/#/screen');
  await page.waitForSelector('h1:has-text("Arrival screening")');
  const missing = await page.locator('[data-missing]').count();
  if (!features.includes('screen')) {
    check(missing === 1, 'screening says its module is missing');
    return;
  }
  check(missing === 0, 'screening is available');
  // A ship that called at Port Victoria, Seychelles, in September 2025.
  await page.click('#example');
  await page.click('#screen-form');
  await page.waitForSelector('#verdict');
  check(await page.getAttribute('#verdict', 'data-status') === 'applies', 'conditions of entry apply');
  check((await page.textContent('#coe-calls')).includes('SCPOV'), 'the Port Victoria call is named');
  check(await page.locator('#actions li').count() > 0, 'the required actions are listed');
  check(await page.locator('#targeting tr').count() > 1, 'targeting points are listed');
  if (process.env.PSEC_AIS_IMO) {
    // AIS saw the ship at Victoria: each declared call gets a status, and the track is drawn.
    check(await page.locator('#ais-declared tr').count() > 1, 'declared calls checked against AIS');
    await page.waitForSelector('#track-map svg polyline');
    check(await page.locator('#track-map svg circle').count() > 0, 'the AIS call is marked on the track');
  }
  // A malformed NOA pasted by hand gets the server's message with its place.
  await page.fill('#noa-text', '{"vessel": ');
  await page.click('#screen-json');
  await page.waitForSelector('#screen-error');
  check((await page.textContent('#screen-error')).includes('line 1'), 'JSON error names the place');
});

await step('advisories page', async () => {
  await page.goto(base + '/#/advisories');
  await page.waitForSelector('h1:has-text("Port Security Advisories")');
  if (!features.includes('coe')) {
    check(await page.locator('[data-missing]').count() === 1, 'advisories say their module is missing');
    return;
  }
  await page.waitForSelector('#coe-table');
  check((await page.textContent('#coe-table')).includes('Seychelles'), 'Seychelles is in force today');
  await page.fill('#coe-date', '2016-06-01');
  await page.dispatchEvent('#coe-date', 'change');
  await page.waitForFunction(() => document.querySelector('#in-force p') &&
    document.querySelector('#in-force p').textContent.includes('2016-06-01'));
  check(!(await page.textContent('#in-force')).includes('Cuba'), 'Cuba was off the list in June 2016');
  await page.waitForSelector('#timeline-table');
  check(await page.locator('#timeline-table tr').count() > 50, 'the timeline lists the changes');
});

await step('assessment page', async () => {
  await page.goto(base + '/#/assess');
  await page.waitForSelector('h1:has-text("Assessments")');
  const missing = await page.locator('[data-missing]').count();
  if (!features.includes('assessments')) {
    check(missing === 1, 'assessments say their module is missing');
    return;
  }
  check(missing === 0, 'assessments are available');
  const id = process.env.PSEC_ASSESS_ID;
  await page.click(`#assess-list a[href="#/assess/${id}"]`);
  await page.waitForSelector('tr[data-item]');
  const row = page.locator('tr[data-item]').first();
  const item = await row.getAttribute('data-item');
  await row.locator('input.note').fill('seen in the browser');
  await row.locator('button[data-answer="NO_OBS"]').click();
  await row.locator('.saved:has-text("saved")').waitFor();
  // Saved on the server, not only on the page: read it again.
  await page.reload();
  await page.waitForSelector(`tr[data-item="${item}"] button.on[data-answer="NO_OBS"]`);
  check(await page.inputValue(`tr[data-item="${item}"] input.note`) === 'seen in the browser', 'note kept');
});

await step('risk ranking page', async () => {
  await page.goto(base + '/#/risk');
  await page.waitForSelector('h1:has-text("Risk ranking")');
  if (!features.includes('rank')) {
    check(await page.locator('[data-missing]').count() === 1, 'the ranking says its module is missing');
    return;
  }
  await page.selectOption('#risk-unit', 'Asia-Pacific (demo)');
  await page.waitForSelector('#rank-table tr.rank-row');
  const rows = await page.locator('#rank-table tr.rank-row').count();
  check(rows >= 10, `the demo unit's countries are ranked (${rows} rows)`);
  check(await page.locator('#rank-chart rect').count() === rows, 'one bar per country');
  const names = async () => page.locator('#rank-table tr.rank-row td:nth-child(2)').allTextContents();
  await page.click('#rank-table th[data-sort="name"]');
  await page.waitForSelector('#rank-table th[data-sort="name"][aria-sort="ascending"]');
  const byName = await names();
  check(JSON.stringify(byName) === JSON.stringify([...byName].sort((a, b) => a.localeCompare(b))),
    'a click on Country sorts by name');
  await page.click('#rank-table th[data-sort="name"]');
  await page.waitForSelector('#rank-table th[data-sort="name"][aria-sort="descending"]');
  check((await names())[0] === byName[byName.length - 1], 'a second click reverses the order');
  await page.waitForSelector('#plan-table, #plan-out .error, #plan-out .muted');
  check(await page.locator('#plan-ics').count() === 1, 'the plan offers its .ics download');
});

await step('a viewer cannot edit', async () => {
  await logout();
  await login('vic', process.env.PSEC_VIEWER_PW);
  await page.goto(base + '/#/country/SC');
  await page.waitForSelector('h1:has-text("Seychelles")');
  check(await page.locator('#edit').count() === 0, 'no edit form for a viewer');
  check(await page.locator('#readonly').count() === 1, 'read-only notice shown');
  check(await page.locator('#nav-admin').isHidden(), 'no admin link for a viewer');
  const status = await page.evaluate(async () => {
    const r = await fetch('/api/v1/countries/SC', { method: 'PATCH', credentials: 'same-origin',
      headers: { 'Content-Type': 'application/json' }, body: '{"version":1,"unit":"x"}' });
    return r.status;
  });
  check(status === 403, `a viewer's direct PATCH is refused (${status})`);
  if (features.includes('assessments')) {
    await page.goto(base + `/#/assess/${process.env.PSEC_ASSESS_ID}`);
    await page.waitForSelector('tr[data-item]');
    check(await page.locator('tr[data-item] button:not([disabled])').count() === 0,
      'a viewer gets no answer buttons');
  }
});

check(consoleErrors.length === 0, `no page errors: ${consoleErrors.join('; ')}`);
await ctx.close();
rmSync(profile, { recursive: true, force: true });
console.log(`${checks - failures} passed, ${failures} failed`);
process.exit(failures ? 1 : 0);
