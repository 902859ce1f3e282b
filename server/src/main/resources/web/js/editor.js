// The query editor: a textarea with Ctrl+Enter to run and a keyboard-driven completion list of keywords, events
// (ids, names, aliases from /api/events), dimensions and their frequent values (/api/dimensions).
import {el, fill} from './dom.js';

// Every keyword of the grammar is in one of these lists (WebEditorKeywordsTest keeps them in step with it).
const STARTS = ['funnel', 'users', 'events', 'sum', 'avg', 'cumulative', 'retention', 'ltv', 'cac', 'romi', 'roi',
  'spend', 'spend share', 'rate of', 'median', 'p90', 'min', 'max', 'distribution', 'sessions', 'sessions per user',
  'avg session length', 'dau', 'wau', 'mau', 'sticky', 'paths', 'time from', 'explain'];
const CLAUSES = ['within', 'from', 'to', 'on', 'last', 'ordered', 'strict', 'strict order', 'sequence', 'any order',
  'exclude', 'between', 'and', 'by', 'at step', 'trend', 'count users', 'count conversions', 'times', 'drill',
  'dropped at', 'limit', 'offset', 'of', 'per', 'where', 'in', 'not in', 'change', 'return', 'value', 'entry',
  'completion', 'depth', 'top', 'collapse repeats', 'to next', 'by outcome', 'histogram', 'did', 'first', 'age',
  'months', 'gap', 'min'];
const BUCKETS = ['day', 'week', 'month', 'weekday', 'hour', 'hour of day', 'hour_of_day', 'total'];
/** Words that start a query: an event named so must be quoted (docs/query-language.md, "Words"). */
const RESERVED = /^(explain|funnel|cumulative|users|events|sum|avg|retention|ltv|cac|romi|roi|spend|rate|median|min|max|distribution|p[1-9][0-9]?|sessions|dau|wau|mau|sticky|paths|time)$/;
const EVENT_SLOTS = new Set(['>', '|', 'of', 'return', 'value', 'exclude', 'next', 'outcome', 'did']);
const MAX_ITEMS = 12;
const WORD = /[\p{L}\p{N}_]*$/u;
const BARE = /^[\p{L}_][\p{L}\p{N}_]*$/u;

export class QueryEditor {
  /** `textarea` gets the combobox role; `list` is an empty <ul> placed after it; `onRun()` runs the query. */
  constructor(textarea, list, onRun) {
    this.input = textarea;
    this.list = list;
    this.onRun = onRun;
    this.events = [];
    this.dimensions = [];
    this.items = [];
    this.active = -1;
    textarea.setAttribute('role', 'combobox');
    textarea.setAttribute('aria-autocomplete', 'list');
    textarea.setAttribute('aria-controls', list.id);
    textarea.setAttribute('aria-expanded', 'false');
    list.setAttribute('role', 'listbox');
    list.hidden = true;
    textarea.addEventListener('keydown', e => this.keydown(e));
    textarea.addEventListener('input', () => this.update(false));
    textarea.addEventListener('blur', () => this.close());
    textarea.addEventListener('click', () => this.close());
    // keep the focus in the textarea when an item is clicked
    list.addEventListener('mousedown', e => e.preventDefault());
  }

  get value() {
    return this.input.value;
  }

  set value(text) {
    this.input.value = text;
    this.close();
  }

  /** events: [{id, name, aliases}]; dimensions: [{name, distinct, top: [{value, events}]}]. */
  setVocabulary(events, dimensions) {
    this.events = events;
    this.dimensions = dimensions;
  }

  keydown(e) {
    if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) {
      e.preventDefault();
      this.close();
      this.onRun();
      return;
    }
    if (e.key === ' ' && e.ctrlKey) {
      e.preventDefault();
      this.update(true);
      return;
    }
    if (this.list.hidden) {
      return;
    }
    if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
      e.preventDefault();
      const step = e.key === 'ArrowDown' ? 1 : -1;
      this.highlight((this.active + step + this.items.length) % this.items.length);
    } else if ((e.key === 'Enter' || e.key === 'Tab') && this.active >= 0) {
      e.preventDefault();
      this.accept(this.items[this.active]);
    } else if (e.key === 'Escape') {
      e.preventDefault();
      this.close();
    }
  }

  /** Recomputes the list for the caret position; opens it when something fits (always when `forced`). */
  update(forced) {
    const context = completionContext(this.input.value.slice(0, this.input.selectionStart));
    const show = forced || context.prefix.length > 0 || context.slot !== 'clause';
    this.items = show ? this.candidates(context) : [];
    this.context = context;
    if (this.items.length === 0) {
      this.close();
      return;
    }
    fill(this.list, this.items.map((item, i) => el('li', {role: 'option', id: `${this.list.id}-${i}`,
      'aria-selected': 'false', onclick: () => this.accept(item)},
    el('span', {class: 'completion-text'}, item.label),
    item.detail ? el('span', {class: 'completion-detail'}, item.detail) : null)));
    this.list.hidden = false;
    this.input.setAttribute('aria-expanded', 'true');
    this.highlight(0);
  }

  highlight(i) {
    this.active = i;
    [...this.list.children].forEach((li, j) => li.setAttribute('aria-selected', String(i === j)));
    this.input.setAttribute('aria-activedescendant', `${this.list.id}-${i}`);
    this.list.children[i].scrollIntoView({block: 'nearest'});
  }

  close() {
    this.list.hidden = true;
    this.items = [];
    this.active = -1;
    this.input.setAttribute('aria-expanded', 'false');
    this.input.removeAttribute('aria-activedescendant');
  }

  accept(item) {
    const text = this.input.value;
    const caret = this.input.selectionStart;
    const after = text.slice(caret);
    const spacer = after.length === 0 || !/^\s/.test(after) ? ' ' : '';
    this.input.value = text.slice(0, this.context.start) + item.insert + spacer + after;
    const position = this.context.start + item.insert.length + spacer.length;
    this.input.setSelectionRange(position, position);
    this.close();
    this.update(false);
  }

  candidates({slot, prefix, dimension}) {
    const wanted = prefix.toLowerCase();
    const fits = word => word.toLowerCase().startsWith(wanted);
    const words = (list, detail) => list.filter(fits).map(w => ({insert: w, label: w, detail}));
    let items;
    if (slot === 'dimension') {
      items = this.dimensions.filter(d => fits(d.name)).map(d => ({insert: quoteIfNeeded(d.name), label: d.name,
        detail: `dimension, ${d.distinct} values`})).concat(words(['entry', 'completion'], 'trend by'));
    } else if (slot === 'value') {
      const dim = this.dimensions.find(d => d.name.toLowerCase() === String(dimension).toLowerCase());
      items = (dim ? dim.top : []).filter(v => fits(v.value)).map(v => ({insert: quote(v.value), label: v.value,
        detail: `${v.events.toLocaleString('en-US')} events`}));
    } else if (slot === 'bucket') {
      items = words(BUCKETS, 'bucket');
    } else if (slot === 'event') {
      items = this.eventCandidates(fits, /^\d/.test(prefix));
    } else if (slot === 'start') {
      items = words(STARTS, 'query').concat(this.eventCandidates(fits, /^\d/.test(prefix)));
    } else {
      items = words(CLAUSES, 'keyword');
    }
    return items.slice(0, MAX_ITEMS);
  }

  eventCandidates(fits, byId) {
    const out = [];
    for (const e of this.events) {
      const description = e.name + (e.aliases.length ? ' (' + e.aliases.join(', ') + ')' : '');
      if (e.id != null && fits(String(e.id))) {
        out.push({insert: String(e.id), label: String(e.id), detail: description});
      }
      if (byId) {
        continue;
      }
      for (const alias of e.aliases) {
        if (fits(alias)) {
          out.push({insert: quoteIfNeeded(alias), label: alias, detail: e.name});
        }
      }
      if (fits(e.name) && (e.id == null || !e.aliases.includes(e.name))) {
        out.push({insert: quoteIfNeeded(e.name), label: e.name, detail: e.id == null ? 'event' : 'event ' + e.id});
      }
    }
    return out;
  }
}

/**
 * What may come at the end of `before`: {slot: start|event|dimension|value|bucket|clause, prefix (the partial
 * word or quoted text typed so far), start (where it begins), dimension (for values)}.
 */
export function completionContext(before) {
  const quoted = openQuote(before);
  const start = quoted >= 0 ? quoted : before.length - before.match(WORD)[0].length;
  const prefix = quoted >= 0 ? before.slice(quoted + 1) : before.slice(start);
  const all = tokenize(before.slice(0, start));
  // 'explain' and 'cumulative' lead a query: what follows them is read as a query's start
  const tokens = ['explain', 'cumulative'].includes(all[0]) ? all.slice(all[1] === 'cumulative' ? 2 : 1) : all;
  const last = tokens.at(-1);
  const context = slot => ({slot, prefix, start});
  if (last == null) {
    return context('start');
  }
  if ((last === 'from' || last === 'to') && ['paths', 'time'].includes(tokens[0])) {
    return context('event');
  }
  if (last === 'by' || last === 'where' || last === 'first' || (last === 'and' && inWhere(tokens))) {
    return context('dimension');
  }
  if (['=', '!=', '<>'].includes(last)) {
    return {...context('value'), dimension: tokens.at(-2)};
  }
  if (last === '(' || last === ',') {
    const open = tokens.lastIndexOf('(');
    if (open > 0 && tokens[open - 1] === 'in') {
      const dimension = tokens[open - 2] === 'not' ? tokens[open - 3] : tokens[open - 2];
      return {...context('value'), dimension};
    }
  }
  if (last === 'per' || last === 'trend') {
    return context('bucket');
  }
  if (EVENT_SLOTS.has(last) || (last === 'funnel' && tokens.length === 1)) {
    return context('event');
  }
  return context('clause');
}

/** The index of a quote opened and not closed in `text`, or -1. */
function openQuote(text) {
  let open = -1;
  let quote = null;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quote == null && (c === '"' || c === "'")) {
      quote = c;
      open = i;
    } else if (c === quote) {
      quote = null;
    }
  }
  return quote == null ? -1 : open;
}

/** Lower-cased words, quoted texts (without quotes, case kept) and symbols. */
function tokenize(text) {
  const out = [];
  const pattern = /"([^"]*)"|'([^']*)'|([\p{L}\p{N}_\-:.]+)|(!=|<>|[>|=(),])/gu;
  for (const m of text.matchAll(pattern)) {
    out.push(m[1] ?? m[2] ?? (m[3] != null ? m[3].toLowerCase() : m[4]));
  }
  return out;
}

function inWhere(tokens) {
  const where = tokens.lastIndexOf('where');
  return where >= 0 && !tokens.slice(where).includes('between');
}

function quote(text) {
  return text.includes("'") ? `"${text}"` : `'${text}'`;
}

function quoteIfNeeded(text) {
  return BARE.test(text) && !RESERVED.test(text.toLowerCase()) ? text : (text.includes('"') ? `'${text}'`
      : `"${text}"`);
}
