// The reports page (/reports.html): every configured report with its chart, summary and table; daily ones marked.
import {api} from './api.js';
import {el, fill} from './dom.js';
import {renderFooter} from './footer.js';
import {initHeader} from './header.js';
import {renderResult} from './result.js';

const listNode = document.getElementById('reports');

initHeader();
renderFooter(document.getElementById('footer-data'));
loadReports();

async function loadReports() {
  document.body.dataset.state = 'running';
  let reports;
  try {
    reports = (await api('/api/reports')).reports;
  } catch (e) {
    fill(listNode, el('div', {class: 'error', role: 'alert', id: 'error'}, el('p', {class: 'problem'}, e.message)));
    document.body.dataset.state = 'error';
    return;
  }
  if (reports.length === 0) {
    fill(listNode, el('p', {}, 'No reports are configured (the reports section of the configuration file).'));
  }
  const cards = reports.map(report => {
    const body = el('div', {class: 'report-body'}, el('p', {class: 'loading'}, 'Running…'));
    const card = el('section', {class: 'report', id: 'report-' + report.name, 'aria-labelledby': 'title-' + report.name},
        el('h2', {id: 'title-' + report.name}, report.title, report.daily ? el('span', {class: 'badge',
          title: 'part of the scheduled morning report'}, 'daily') : null),
        el('p', {class: 'report-query'}, el('a', {href: '/?q=' + encodeURIComponent(report.query),
          title: 'open in the query page'}, el('code', {}, report.query))),
        body);
    return {report, card, body};
  });
  fill(listNode, cards.map(c => c.card));
  await Promise.all(cards.map(({report, body}) => loadReport(report, body)));
  document.body.dataset.state = 'done';
}

async function loadReport(report, body) {
  try {
    const answer = await api('/api/reports/' + encodeURIComponent(report.name));
    renderResult(body, answer.result, {
      name: report.name,
      png: () => api(answer.chart, {blob: true}),
      collapseTables: true,
      maxCharts: 1,
    });
    body.querySelector('.summary').textContent = answer.summary;
  } catch (e) {
    fill(body, el('p', {class: 'inline-error', role: 'alert'}, e.message));
  }
}
