// DOM building and number formatting shared by the pages. Text always goes in as text nodes or attributes,
// never as HTML, so names from the customer's database cannot become markup.

/** Creates an element: el('a', {href: '/', class: 'x', onclick: fn}, 'text', child, ...). */
export function el(tag, attributes = {}, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(attributes)) {
    if (value == null || value === false) {
      continue;
    }
    if (key === 'class') {
      node.className = value;
    } else if (key.startsWith('on') && typeof value === 'function') {
      node.addEventListener(key.slice(2), value);
    } else {
      node.setAttribute(key, value === true ? '' : String(value));
    }
  }
  append(node, children);
  return node;
}

function append(node, children) {
  for (const child of children.flat(Infinity)) {
    if (child == null || child === false) {
      continue;
    }
    node.append(child instanceof Node ? child : String(child));
  }
}

/** Replaces the children of a node. */
export function fill(node, ...children) {
  node.replaceChildren();
  append(node, children);
  return node;
}

/** For the few places that must build an HTML string (ECharts tooltips): escapes text for HTML. */
export function escapeHtml(text) {
  return String(text).replace(/[&<>"']/g, c => ({'&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;'}[c]));
}

const COUNT = new Intl.NumberFormat('en-US', {maximumFractionDigits: 0});
const NUMBER = new Intl.NumberFormat('en-US', {maximumFractionDigits: 2});

/** 498555 → "498,555"; null → "–". */
export function count(n) {
  return n == null ? '–' : COUNT.format(n);
}

/** 1234.567 → "1,234.57"; null → "–". */
export function number(x) {
  return x == null ? '–' : NUMBER.format(x);
}

/** 0.5871 → "58.7%"; null → "–". */
export function percent(x) {
  return x == null || !isFinite(x) ? '–' : (x * 100).toFixed(1) + '%';
}

/** A signed relative change: 0.12 → "+12.0%". */
export function change(x) {
  return x == null || !isFinite(x) ? '–' : (x >= 0 ? '+' : '') + (x * 100).toFixed(1) + '%';
}

/** Seconds as a short duration: 45 → "45s", 5400 → "1.5h". */
export function duration(seconds) {
  if (seconds == null || !isFinite(seconds)) {
    return '–';
  }
  const units = [[86400, 'd'], [3600, 'h'], [60, 'min']];
  for (const [size, unit] of units) {
    if (seconds >= size) {
      const value = seconds / size;
      return (value >= 10 ? Math.round(value) : value.toFixed(1).replace(/\.0$/, '')) + unit;
    }
  }
  return Math.round(seconds) + 's';
}

/** Saves a Blob as a file through a temporary link. */
export function download(filename, blob) {
  const url = URL.createObjectURL(blob);
  const link = el('a', {href: url, download: filename, hidden: true});
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10000);
}

/** A file name from a query text: "3 > 4|13 > 7" → "voronka-3-4-13-7". */
export function fileName(text, extension) {
  const slug = String(text).toLowerCase().replace(/[^\p{L}\p{N}]+/gu, '-').replace(/^-|-$/g, '').slice(0, 60);
  return 'voronka' + (slug ? '-' + slug : '') + '.' + extension;
}
