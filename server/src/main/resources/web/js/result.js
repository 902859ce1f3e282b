// Puts a result on the page: its summary, downloads (CSV from the tables, the server's PNG), charts and tables.
import {count, download, el, fileName, fill} from './dom.js';
import {viewOf} from './views.js';

const charts = new Set();
window.addEventListener('resize', () => charts.forEach(chart => chart.resize()));

/** Disposes the ECharts instances inside a node before its content is replaced. */
export function disposeCharts(node) {
  for (const chart of [...charts]) {
    if (node.contains(chart.getDom())) {
      chart.dispose();
      charts.delete(chart);
    }
  }
}

/**
 * Renders `result` into `node`. `name` names the downloads; `png()` fetches the server's chart as a Blob;
 * `onPage(offset)` turns the page of a user list; `allUsers(total)` fetches the whole list for its CSV;
 * `onFollow(query)` runs a follow-up query (the users who stopped at a step); `collapseTables` folds the tables under their captions and `maxCharts` limits the charts (the reports page).
 */
export function renderResult(node, result, {name, png, onPage, allUsers, onFollow, collapseTables = false,
  maxCharts = 8}) {
  disposeCharts(node);
  const view = viewOf(result);
  const downloads = el('div', {class: 'downloads'});
  view.tables.forEach((table, i) => downloads.append(el('button', {type: 'button', class: 'secondary',
    'data-download': 'csv', onclick: () => download(fileName(name + (i ? ' ' + table.caption : ''), 'csv'),
        csvFile(table))},
  'CSV' + (view.tables.length > 1 ? ': ' + table.caption : ''))));
  if (view.png && png) {
    downloads.append(busyButton('png', 'PNG chart', async () => download(fileName(name, 'png'), await png())));
  }
  if (view.pager && allUsers) {
    downloads.append(busyButton('all-users', `CSV: all ${count(view.pager.total)} users`, async () => {
      const all = await allUsers(view.pager.total);
      download(fileName(name + ' all users', 'csv'), csvFile(viewOf(all).tables[0]));
    }));
  }
  const parts = [el('p', {class: 'summary'}, view.summary), downloads];
  if (result.warnings && result.warnings.length > 0) {
    parts.unshift(el('ul', {class: 'warnings', role: 'status'}, result.warnings.map(w => el('li', {}, w))));
  }
  const drawn = [];
  for (const chart of view.charts.slice(0, maxCharts)) {
    const box = el('div', {class: 'chart', 'data-kind': result.kind, role: 'img', 'aria-label': chart.caption});
    box.style.height = chart.height + 'px';
    parts.push(el('figure', {class: 'chart-figure'}, el('figcaption', {}, chart.caption), box));
    drawn.push([box, chart.option]);
  }
  if (view.raw) {
    parts.push(el('pre', {class: 'raw'}, view.raw));
  }
  if (view.followUps && onFollow && !/\b(drill|dropped)\b/i.test(name)) {
    parts.push(el('nav', {class: 'follow-ups', 'aria-label': 'the users behind the numbers'}, 'Users: ',
        view.followUps.map(f => {
          const query = name + ' ' + f.suffix;
          return el('a', {href: '/?q=' + encodeURIComponent(query), onclick: event => {
            event.preventDefault();
            onFollow(query);
          }}, f.label);
        })));
  }
  for (const table of view.tables) {
    parts.push(collapseTables ? el('details', {class: 'table-details'}, el('summary', {}, 'Table: ' + table.caption),
        renderTable(table)) : renderTable(table));
  }
  if (view.pager && onPage) {
    parts.push(renderPager(view.pager, onPage));
  }
  fill(node, parts);
  node.dataset.kind = result.kind;
  for (const [box, option] of drawn) {
    if (!window.echarts) {
      fill(box, el('p', {class: 'inline-error'}, 'The chart library did not load; the table below has the numbers.'));
      continue;
    }
    const chart = window.echarts.init(box);
    chart.setOption(option);
    charts.add(chart);
  }
}

/** A download button that waits for `action` (disabled meanwhile) and shows its error next to itself. */
function busyButton(kind, label, action) {
  const button = el('button', {type: 'button', class: 'secondary', 'data-download': kind});
  button.append(label);
  button.addEventListener('click', async () => {
    button.disabled = true;
    if (button.nextElementSibling && button.nextElementSibling.classList.contains('inline-error')) {
      button.nextElementSibling.remove();
    }
    try {
      await action();
    } catch (e) {
      button.after(el('span', {class: 'inline-error', role: 'alert'}, e.message));
    } finally {
      button.disabled = false;
    }
  });
  return button;
}

function renderTable(table) {
  return el('div', {class: 'table-wrap'},
      el('table', {class: 'result'},
          el('caption', {}, table.caption),
          el('thead', {}, el('tr', {}, table.columns.map(c => el('th', {scope: 'col', class: c.numeric ? 'num' : null},
              c.label)))),
          el('tbody', {}, table.rows.map(row => el('tr', {}, row.map((value, i) => {
            const column = table.columns[i];
            const shown = column.format ? column.format(value, row) : value;
            return i === 0 && !column.numeric
                ? el('th', {scope: 'row'}, shown)
                : el('td', {class: column.numeric ? 'num' : null}, shown == null ? '–' : shown);
          }))))));
}

function renderPager(pager, onPage) {
  const pageSize = Math.max(pager.count, 1);
  const from = pager.count === 0 ? 0 : pager.offset + 1;
  const to = pager.offset + pager.count;
  return el('nav', {class: 'pager', 'aria-label': 'pages of users'},
      el('button', {type: 'button', class: 'secondary', disabled: pager.offset === 0,
        onclick: () => onPage(Math.max(0, pager.offset - pageSize))}, '← Previous'),
      el('span', {}, `${count(from)}–${count(to)} of ${count(pager.total)}`),
      el('button', {type: 'button', class: 'secondary', disabled: to >= pager.total,
        onclick: () => onPage(pager.offset + pageSize)}, 'Next →'));
}

/** A CSV file; the byte order mark makes spreadsheets read it as UTF-8 (Cyrillic event names). */
function csvFile(table) {
  return new Blob(['\uFEFF' + toCsv(table)], {type: 'text/csv;charset=utf-8'});
}

/** RFC 4180 CSV of a table's raw values; text that a spreadsheet would run as a formula is defused with a '. */
export function toCsv(table) {
  const cell = value => {
    if (value == null) {
      return '';
    }
    let s = String(value);
    if (typeof value === 'string' && /^[=+\-@\t\r]/.test(s)) {
      s = "'" + s;
    }
    return /[",\r\n]/.test(s) ? '"' + s.replace(/"/g, '""') + '"' : s;
  };
  return [table.columns.map(c => cell(c.label)), ...table.rows.map(row => row.map(cell))]
      .map(cells => cells.join(',')).join('\r\n') + '\r\n';
}
