// The query page (/): the editor, the result, the URL (/?q=…) as the shareable state, the back button as history.
import {api, ApiError} from './api.js';
import {el, fill} from './dom.js';
import {QueryEditor} from './editor.js';
import {renderFooter} from './footer.js';
import {disposeCharts, renderResult} from './result.js';
import {initHeader} from './header.js';

const resultNode = document.getElementById('result');
const statusNode = document.getElementById('status');
const editor = new QueryEditor(document.getElementById('query'), document.getElementById('completions'),
    () => run(editor.value, true));
let latest = 0;

initHeader();
document.getElementById('query-form').addEventListener('submit', event => {
  event.preventDefault();
  run(editor.value, true);
});
document.getElementById('copy-link').addEventListener('click', copyLink);
window.addEventListener('popstate', () => showUrlQuery(false));
loadVocabulary();
loadExamples();
renderFooter(document.getElementById('footer-data'));
showUrlQuery(true);

function showUrlQuery(first) {
  const q = new URLSearchParams(location.search).get('q');
  if (q == null || q.trim() === '') {
    if (!first) {
      editor.value = '';
      clearResult();
    }
    editor.input.focus();
    return;
  }
  editor.value = q;
  run(q, false);
}

/** Runs `text`; with `push`, a new history entry /?q=text (unless the URL already holds it). */
async function run(text, push) {
  const query = text.trim();
  if (query === '') {
    setState('error');
    fill(resultNode, el('div', {class: 'error', role: 'alert', id: 'error'},
        el('p', {class: 'problem'}, 'Type a query first, e.g. 3 > 4|13 > 7 > pay')));
    return;
  }
  if (push && new URLSearchParams(location.search).get('q') !== query) {
    history.pushState(null, '', '/?q=' + encodeURIComponent(query));
  }
  document.title = 'Voronka — ' + query;
  const ticket = ++latest;
  setState('running');
  statusNode.textContent = 'Running…';
  const started = performance.now();
  try {
    const result = await api('/api/query', {body: query});
    if (ticket !== latest) {
      return;
    }
    statusNode.textContent = `Answered in ${Math.round(performance.now() - started)} ms`;
    renderResult(resultNode, result, {
      name: query,
      png: () => api('/api/query.png?q=' + encodeURIComponent(query), {blob: true}),
      onPage: offset => runNew(withDrillPage(query, Math.max(result.users.length, 1), offset)),
      allUsers: total => api('/api/query', {body: withDrillPage(query, Math.max(total, 1), 0)}),
      onFollow: runNew,
    });
    resultNode.dataset.query = query;
    setState('done');
  } catch (e) {
    if (ticket !== latest) {
      return;
    }
    statusNode.textContent = '';
    showError(e, query);
    setState('error');
  }
}

/** Puts a query into the editor and runs it as a new history entry. */
function runNew(text) {
  editor.value = text;
  run(text, true);
}

function setState(state) {
  document.body.dataset.state = state;
  resultNode.setAttribute('aria-busy', String(state === 'running'));
}

function clearResult() {
  disposeCharts(resultNode);
  resultNode.replaceChildren();
  statusNode.textContent = '';
}

/** A query error: the message, the query line with a caret under the reported column, what was expected, the hint. */
function showError(e, query) {
  disposeCharts(resultNode);
  const body = e instanceof ApiError ? e.body : {error: e.message};
  const parts = [];
  if (body.line > 0) {
    const line = query.split('\n')[body.line - 1] || '';
    const chars = Array.from(line);
    const column = Math.min(body.column - 1, chars.length);
    const pad = chars.slice(0, column).map(c => (c === '\t' ? '\t' : ' ')).join('');
    parts.push(el('p', {class: 'problem'}, `Line ${body.line}, column ${body.column}: ${body.error}`));
    parts.push(el('pre', {class: 'caret', 'aria-label': 'where the problem is'},
        el('span', {class: 'source'}, line), '\n',
        el('span', {class: 'marks'}, pad + '^'.repeat(tokenLength(chars, column)))));
    if (body.expected && body.expected.length > 0) {
      parts.push(el('p', {class: 'expected'}, 'Expected: ' + body.expected.join('; ')));
    }
    if (body.hint) {
      parts.push(el('p', {class: 'hint'}, body.hint));
    }
  } else {
    parts.push(el('p', {class: 'problem'}, body.error || e.message));
  }
  fill(resultNode, el('div', {class: 'error', role: 'alert', id: 'error'}, parts));
}

/** How many characters the word, number, quoted text or symbol at `i` spans (at least one caret). */
function tokenLength(chars, i) {
  if (i >= chars.length) {
    return 1;
  }
  if (chars[i] === '"' || chars[i] === "'") {
    const close = chars.indexOf(chars[i], i + 1);
    return close < 0 ? chars.length - i : close - i + 1;
  }
  let end = i;
  while (end < chars.length && /[\p{L}\p{N}_]/u.test(chars[end])) {
    end++;
  }
  return Math.max(1, end - i);
}

/** The same drill-down query for another page: its `limit`/`offset` replaced (the last drill clause counts). */
export function withDrillPage(query, limit, offset) {
  const clauses = [...query.matchAll(/\b(drill|dropped\s+at)(\s+)(\d+)(\s+limit\s+\d+)?(\s+offset\s+\d+)?/gi)];
  const m = clauses.at(-1);
  if (m == null) {
    return query;
  }
  return query.slice(0, m.index) + `${m[1]}${m[2]}${m[3]} limit ${limit} offset ${offset}`
      + query.slice(m.index + m[0].length);
}

async function copyLink() {
  const button = document.getElementById('copy-link');
  const url = location.origin + '/?q=' + encodeURIComponent(editor.value.trim());
  try {
    await navigator.clipboard.writeText(url);
    button.textContent = 'Link copied';
  } catch (e) {
    window.prompt('Copy this link:', url);
  }
  setTimeout(() => { button.textContent = 'Copy link'; }, 2000);
}

async function loadVocabulary() {
  try {
    const [events, dimensions] = await Promise.all([api('/api/events'), api('/api/dimensions')]);
    editor.setVocabulary(events.events, dimensions.dimensions);
  } catch (e) {
    // completion is a help, not a must: the editor works without it
  }
}

async function loadExamples() {
  const list = document.getElementById('examples');
  try {
    const response = await fetch('/examples.json');
    const {examples} = await response.json();
    fill(list, examples.map(x => el('li', {},
        el('a', {href: '/?q=' + encodeURIComponent(x.query), onclick: event => {
          event.preventDefault();
          runNew(x.query);
        }}, el('code', {}, x.query)), ' ', el('span', {class: 'example-title'}, x.title))));
  } catch (e) {
    fill(list, el('li', {}, 'The examples could not be loaded: ' + e.message));
  }
}
