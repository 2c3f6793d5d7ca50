// Shiplog dashboard: the few live parts of the server-rendered pages. No library, no inline script (the pages'
// Content-Security-Policy allows this file only). Every change goes to the public API with the session's
// X-Shiplog-CSRF header; the server renders everything else.
'use strict';

const csrf = () => document.body.dataset.csrf || '';

// ---- changes: <form class="api" data-method data-action data-then [data-query] [data-confirm]>
function fieldsOf(form) {
  const out = {};
  for (const el of form.elements) {
    if (!el.name || el.type === 'file' || el.type === 'submit' || el.value === '') continue;
    let value = el.value;
    if (el.dataset.number) value = Number(value);
    if (el.dataset.instant) value = new Date(value).toISOString();
    const path = el.name.split('.');
    let at = out;
    for (const key of path.slice(0, -1)) at = at[key] = at[key] || {};
    at[path[path.length - 1]] = value;
  }
  return out;
}

function showProblem(form, problem) {
  let box = form.querySelector('.problem');
  if (!box) {
    box = document.createElement('p');
    box.className = 'problem';
    box.setAttribute('role', 'alert');
    form.prepend(box);
  }
  const errors = (problem.errors || []).map(e => `${e.field}: ${e.rule || e.message}`);
  box.textContent = [problem.detail || problem.title || 'refused'].concat(errors).join(' · ');
  box.hidden = false;
  for (const el of form.querySelectorAll('[aria-invalid]')) el.removeAttribute('aria-invalid');
  for (const e of problem.errors || []) {
    const el = form.querySelector(`[name="${CSS.escape(e.field)}"], [name="config.${CSS.escape(e.field)}"]`);
    if (el) el.setAttribute('aria-invalid', 'true');
  }
}

async function call(method, url, body, type) {
  const headers = { 'X-Shiplog-CSRF': csrf(), 'Accept': 'application/json' };
  if (body !== undefined) headers['Content-Type'] = type || 'application/json';
  const answer = await fetch(url, { method, headers, body, credentials: 'same-origin' });
  const text = await answer.text();
  let json = {};
  try { json = text ? JSON.parse(text) : {}; } catch (e) { json = { detail: text }; }
  if (!answer.ok) {
    if (answer.status === 401) location.href = '/ui/sign-in?ended=1';
    throw json;
  }
  return json;
}

async function submit(form) {
  if (form.dataset.confirm && !window.confirm(form.dataset.confirm)) return;
  const button = form.querySelector('button[type=submit]');
  if (button) button.disabled = true;
  try {
    const fields = fieldsOf(form);
    let url = form.dataset.action;
    let body;
    if (form.dataset.deploy) {
      const file = form.querySelector('input[type=file]');
      if (file && file.files.length) {
        const stored = await call('POST', '/api/sources?projectId=' + encodeURIComponent(fields.projectId),
          file.files[0], 'application/gzip');
        fields.archiveId = stored.archiveId || stored.id;
      }
    }
    if (form.dataset.query) {
      const query = new URLSearchParams(fields).toString();
      if (query) url += '?' + query;
    } else {
      body = JSON.stringify(fields);
    }
    const answer = await call(form.dataset.method || 'POST', url, body);
    if (form.dataset.then === 'deployment' && answer.id) location.href = '/ui/deployments/' + answer.id;
    else location.reload();
  } catch (problem) {
    showProblem(form, problem || {});
  } finally {
    if (button) button.disabled = false;
  }
}

document.addEventListener('submit', event => {
  const form = event.target.closest('form.api');
  if (!form) return;
  event.preventDefault();
  submit(form);
});

// ---- sign out: revoke the session, then the sign-in page
document.addEventListener('click', async event => {
  if (event.target.id !== 'sign-out') return;
  try { await call('POST', '/ui/sign-out'); } catch (e) { /* already ended */ }
  location.href = '/ui/sign-in';
});

// ---- parts that refresh themselves: [data-refresh=ms], replaced by the same element of a fresh copy of the page
function refresh(el) {
  const until = (el.dataset.refreshUntil || '').split(' ');
  if (until.includes(el.dataset.status)) return;
  if (el.contains(document.activeElement) && document.activeElement.tagName !== 'BODY') return;
  fetch(location.href, { credentials: 'same-origin' }).then(r => r.ok ? r.text() : null).then(html => {
    if (!html) return;
    const fresh = new DOMParser().parseFromString(html, 'text/html').getElementById(el.id);
    if (fresh) {
      el.innerHTML = fresh.innerHTML;
      el.dataset.status = fresh.dataset.status || '';
      localTimes(el);
      applyFilter();
    }
  }).catch(() => {});
}

// ---- a deployment's log: Server-Sent Events, ANSI colours as classes, never a chunk twice
const ANSI = /\u001b\[([0-9;]*)m/g;
function ansi(text, into, state) {
  let last = 0;
  const emit = part => {
    if (!part) return;
    const span = document.createElement('span');
    span.textContent = part;
    span.className = state.classes.join(' ');
    into.appendChild(span);
  };
  text.replace(/\u001b\[[0-9;]*[A-HJKSTf]/g, '').replace(ANSI, (match, codes, at, all) => {
    emit(all.slice(last, at));
    last = at + match.length;
    for (const code of (codes || '0').split(';').map(Number)) {
      if (code === 0) state.classes = [];
      else if (code === 1) state.classes.push('ansi-bold');
      else if ((code >= 30 && code <= 37) || (code >= 90 && code <= 97)) {
        state.classes = state.classes.filter(c => !c.startsWith('ansi-fg')).concat('ansi-fg' + code);
      } else if (code >= 40 && code <= 47) {
        state.classes = state.classes.filter(c => !c.startsWith('ansi-bg')).concat('ansi-bg' + code);
      }
    }
    return match;
  });
  emit(text.replace(/\u001b\[[0-9;]*[A-HJKSTf]/g, '').slice(last));
}

function followLog(pre) {
  const seen = new Set();
  const state = { classes: [] };
  const source = new EventSource(pre.dataset.stream);
  source.onmessage = message => {
    const event = JSON.parse(message.data);
    if (event.type === 'log' && !seen.has(event.log.sequence)) {
      seen.add(event.log.sequence);
      const chunk = document.createElement('span');
      chunk.className = 'chunk stream-' + event.log.stream;
      ansi(event.log.text, chunk, state);
      const atEnd = pre.scrollTop + pre.clientHeight >= pre.scrollHeight - 20;
      pre.appendChild(chunk);
      if (atEnd) pre.scrollTop = pre.scrollHeight;
      searchLog();
    } else if (event.type === 'status') {
      const status = document.getElementById('status');
      if (status && status.textContent !== event.deployment.status) {
        const summary = document.getElementById('summary');
        if (summary) { summary.dataset.status = ''; refresh(summary); }
      }
    } else if (event.type === 'end') {
      source.close();
      const summary = document.getElementById('summary');
      if (summary) { summary.dataset.status = ''; refresh(summary); }
    }
  };
}

function searchLog() {
  const input = document.querySelector('[data-log-search]');
  if (!input) return;
  const pre = document.querySelector(input.dataset.logSearch);
  const needle = input.value.toLowerCase();
  let matches = 0;
  for (const chunk of pre.querySelectorAll('.chunk')) {
    const hit = !needle || chunk.textContent.toLowerCase().includes(needle);
    chunk.hidden = !hit;
    if (needle && hit) matches++;
  }
  document.getElementById('log-matches').textContent = needle ? matches + ' matching' : '';
}

// ---- the notification feed: new ones on top as they come
function followFeed(list) {
  const source = new EventSource(list.dataset.feed);
  source.addEventListener('notification', message => {
    const n = JSON.parse(message.data);
    if (list.querySelector(`[data-id="${CSS.escape(n.id)}"]`)) return;
    const item = document.createElement('li');
    item.dataset.id = n.id;
    item.className = 'k-' + n.kind + ' fresh';
    const kind = document.createElement('span');
    kind.className = 'kind';
    kind.textContent = n.kind;
    const title = document.createElement('strong');
    title.textContent = n.title;
    item.append(kind, ' ', title, ' ');
    if (n.deploymentId) {
      const link = document.createElement('a');
      link.href = '/ui/deployments/' + encodeURIComponent(n.deploymentId);
      link.textContent = 'deployment';
      item.append(link, ' ');
    }
    const time = document.createElement('time');
    time.setAttribute('datetime', n.occurredAt);
    time.textContent = n.occurredAt;
    item.append(time);
    localTimes(item);
    list.prepend(item);
  });
}

// ---- the overview's filter, as you type
function applyFilter() {
  const input = document.querySelector('[data-filter]');
  if (!input) return;
  const needle = input.value.toLowerCase();
  for (const row of document.querySelectorAll(input.dataset.filter + ' tr')) {
    row.hidden = needle && !row.textContent.toLowerCase().includes(needle);
  }
}

// ---- the deploy form: the chosen project's environments
function environmentsOf(select) {
  const target = document.getElementById('environment');
  const option = select.selectedOptions[0];
  const wanted = target.dataset.selected;
  target.innerHTML = '';
  for (const name of (option ? option.dataset.environments : '').split(' ').filter(Boolean)) {
    const o = document.createElement('option');
    o.textContent = name;
    o.selected = name === wanted;
    target.appendChild(o);
  }
}

document.addEventListener('DOMContentLoaded', () => {
  for (const el of document.querySelectorAll('[data-refresh]')) {
    setInterval(() => refresh(el), Number(el.dataset.refresh));
  }
  const summary = document.getElementById('summary');
  if (summary) setInterval(() => refresh(summary), 3000);
  const log = document.querySelector('pre[data-stream]');
  if (log) followLog(log);
  const feed = document.querySelector('[data-feed]');
  if (feed) followFeed(feed);
  const filter = document.querySelector('[data-filter]');
  if (filter) { filter.addEventListener('input', applyFilter); applyFilter(); }
  const search = document.querySelector('[data-log-search]');
  if (search) search.addEventListener('input', searchLog);
  const project = document.getElementById('projectId');
  if (project && document.getElementById('environment')) {
    project.addEventListener('change', () => environmentsOf(project));
    environmentsOf(project);
  }
  localTimes(document);
});

// ---- instants in the reader's own time zone (the exact instant stays in the title)
function localTimes(root) {
  for (const t of root.querySelectorAll('time')) {
    const at = new Date(t.getAttribute('datetime') || t.textContent);
    if (!isNaN(at)) { t.setAttribute('datetime', at.toISOString()); t.title = at.toISOString(); t.textContent = at.toLocaleString(); }
  }
}
