// The footer: what data the page shows and how fresh it is (/api/health, /api/sources).
import {api} from './api.js';
import {count, el, fill} from './dom.js';

export async function renderFooter(node) {
  try {
    const [health, sources] = await Promise.all([api('/api/health'), api('/api/sources')]);
    const loaded = new Date(health.loadedAt);
    fill(node,
        el('p', {id: 'freshness'}, `Data: ${health.origin} · ${count(health.events)} events of ${count(health.users)} users`
            + ` · loaded ${loaded.toLocaleString()} (${ago(loaded)}) · time zone ${sources.timezone}`),
        el('details', {},
            el('summary', {}, `${sources.sources.length} sources`),
            el('ul', {id: 'sources'}, sources.sources.map(s => el('li', {},
                `${s.source}: ${count(s.kept)} of ${count(s.read)} rows kept`
                + dropped(s.dropped) + (s.seconds > 0 ? ` · loaded in ${s.seconds.toFixed(1)} s` : ''))))));
  } catch (e) {
    fill(node, el('p', {class: 'inline-error'}, 'Data freshness unknown: ' + e.message));
  }
}

function dropped(reasons) {
  const parts = Object.entries(reasons).map(([reason, n]) => `${count(n)} ${reason.replace(/_/g, ' ')}`);
  return parts.length ? ` (dropped: ${parts.join(', ')})` : '';
}

function ago(time) {
  const minutes = Math.round((Date.now() - time.getTime()) / 60000);
  if (minutes < 1) {
    return 'just now';
  }
  if (minutes < 120) {
    return `${minutes} min ago`;
  }
  const hours = Math.round(minutes / 60);
  return hours < 48 ? `${hours} h ago` : `${Math.round(hours / 24)} days ago`;
}
