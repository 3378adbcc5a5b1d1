// api.js — the one place the dashboard talks to the server: same-origin
// fetch with the session cookie, the CSRF token on every write, and JSON
// errors turned into exceptions that carry the server's message.

let csrf = null;

export function setCsrf(token) { csrf = token; }

export class ApiError extends Error {
  constructor(status, body) {
    const err = body && body.error ? body.error : {};
    super(err.message || `HTTP ${status}`);
    this.status = status;
    this.code = err.code || String(status);
    this.field = err.field || null;
  }
}

export async function api(method, path, body) {
  const opt = { method, credentials: 'same-origin', headers: { Accept: 'application/json' } };
  if (body !== undefined) {
    opt.headers['Content-Type'] = 'application/json';
    opt.body = typeof body === 'string' ? body : JSON.stringify(body);
  }
  if (method !== 'GET' && csrf) opt.headers['X-CSRF-Token'] = csrf;
  const r = await fetch(path, opt);
  const type = r.headers.get('Content-Type') || '';
  const data = type.includes('json') ? await r.json() : await r.text();
  if (!r.ok) throw new ApiError(r.status, data);
  return data;
}

export const get = (path) => api('GET', path);

// Text for people: every value goes through here before it reaches the page.
export function esc(v) {
  return String(v ?? '').replace(/[&<>"']/g, (c) => ({
    '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' }[c]));
}
