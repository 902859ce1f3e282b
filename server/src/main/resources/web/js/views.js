// What the page shows for each kind of result: one function per JSON `kind`, each returning a view
//   {summary, tables: [{caption, columns: [{label, numeric, format(value, row)}], rows: [[raw values]]}],
//    charts: [{caption, height, option (ECharts)}], png: whether the server draws a PNG, pager (user lists),
//    followUps: [{label, suffix}] (queries that go deeper: the query text plus the suffix)}.
// Tables keep raw values (CSV is written from them); `format` only changes what the cell shows.
// A new result kind is one more function here and one more entry in VIEWS.
import {change, count, duration, escapeHtml, number, percent} from './dom.js';

export const VIEWS = {
  funnel: funnelView,
  series: seriesView,
  retention: retentionView,
  users: usersView,
  paths: pathsView,
  distribution: distributionView,
};

/** The view of any result; a kind this page does not know yet is shown as its JSON. */
export function viewOf(result) {
  const view = VIEWS[result.kind];
  return view ? view(result) : unknownView(result);
}

export const PALETTE = ['#1f6feb', '#e36c09', '#2e9e44', '#c0392b', '#8e44ad', '#16a085', '#d4a017', '#5d6d7e'];
const HIGHLIGHT = '#1f6feb';
const PAST = '#b8c2cc';

const numeric = (label, format = number) => ({label, numeric: true, format});
const text = label => ({label});

function funnelView(r) {
  const total = r.rows[0];
  const labels = r.steps.map((step, i) => `${i + 1}. ${step}`);
  const view = {tables: [], charts: [], png: true};
  const last = r.steps.length - 1;
  view.summary = `${count(total.reached[0])} ${r.counting === 'users' ? 'users entered' : 'entries'}, `
      + `${count(total.reached[last])} reached step ${last + 1} (${percent(total.conversionFromFirst[last])})`;
  if (r.counting === 'users') {
    // the lists the sales team calls back: who stopped after each step, and who completed
    view.followUps = r.steps.map((step, i) => ({
      label: i === last ? `who completed (${count(total.reached[i])})`
          : `who stopped after step ${i + 1} (${count(total.reached[i] - total.reached[i + 1])})`,
      suffix: `dropped at ${i + 1}`,
    }));
  }
  if (r.rows.length === 1) {
    view.tables.push({
      caption: 'Steps',
      columns: [numeric('#', count), text('step'), numeric(r.counting, count), numeric('from previous', percent),
        numeric('from first', percent)],
      rows: r.steps.map((step, i) => [i + 1, step, total.reached[i], total.conversionFromPrevious[i],
        total.conversionFromFirst[i]]),
    });
  } else {
    view.tables.push({
      caption: 'Steps by group (' + r.counting + ')',
      columns: [text('group'), ...labels.map(label => numeric(label, count)), numeric('first → last', percent)],
      rows: r.rows.map(row => [row.group, ...row.reached, row.conversionFromFirst[last]]),
    });
  }
  if (r.trend.length > 0) {
    view.tables.push({
      caption: 'By bucket',
      columns: [text('bucket'), ...labels.map(label => numeric(label, count)), numeric('first → last', percent)],
      rows: r.trend.map(t => [t.bucket, ...t.reached, t.reached[0] === 0 ? null : t.reached[last] / t.reached[0]]),
    });
    view.charts.push(funnelTrendChart(r));
  }
  view.charts.push(r.rows.length === 1 ? funnelBarsChart(labels, total, r.counting) : funnelGroupsChart(r, labels));
  if (r.timings.length > 0) {
    view.tables.push({
      caption: 'Time to convert (winning chains)',
      columns: [text('from → to'), numeric(r.counting, count), numeric('median', duration), numeric('p90', duration),
        numeric('mean', duration)],
      rows: r.timings.map(t => [`${t.fromStep} → ${t.toStep}`, t.count, t.p50Seconds, t.p90Seconds, t.meanSeconds]),
    });
  }
  return view;
}

/** One funnel: a horizontal bar per step, labelled with its count and the conversion from the previous step. */
function funnelBarsChart(labels, total, counting) {
  return {
    caption: 'Funnel',
    height: Math.max(220, 70 + 48 * labels.length),
    option: {
      baseOption: {
        color: PALETTE,
        tooltip: {trigger: 'axis', axisPointer: {type: 'shadow'}, formatter: params => {
          const i = params[0].dataIndex;
          return escapeHtml(labels[i]) + '<br>' + escapeHtml(`${count(total.reached[i])} ${counting}, `
              + `${percent(total.conversionFromPrevious[i])} of the previous step, `
              + `${percent(total.conversionFromFirst[i])} of the first`);
        }},
        grid: {left: 8, right: 110, top: 8, bottom: 8, containLabel: true},
        xAxis: {type: 'value', axisLabel: {formatter: v => count(v)}},
        yAxis: {type: 'category', inverse: true, data: labels,
          axisLabel: {width: 190, overflow: 'truncate', interval: 0}},
        series: [{
          type: 'bar', name: counting, data: total.reached, barMaxWidth: 40,
          label: {show: true, position: 'right', formatter: p => stepLabel(p.dataIndex, total)},
        }],
      },
      // a phone: shorter step names, no value axis (every bar carries its number)
      media: [{query: {maxWidth: 560}, option: {
        grid: {right: 96}, xAxis: {axisLabel: {show: false}, splitLine: {show: false}},
        yAxis: {axisLabel: {width: 96}},
      }}],
    },
  };
}

function stepLabel(i, total) {
  return count(total.reached[i]) + (i === 0 ? '' : ' · ' + percent(total.conversionFromPrevious[i]));
}

/** A breakdown: grouped bars of each group's conversion from the first step, so groups of any size compare. */
function funnelGroupsChart(r, labels) {
  return {
    caption: 'Conversion from the first step by group',
    height: 380,
    option: {
      ...withLegend(percent),
      tooltip: {trigger: 'axis', axisPointer: {type: 'shadow'}, formatter: axisTooltip(percent)},
      xAxis: {type: 'category', data: labels, axisLabel: {width: 120, overflow: 'truncate', interval: 0}},
      yAxis: {type: 'value', axisLabel: {formatter: v => percent(v)}},
      series: r.rows.map(row => ({type: 'bar', name: row.group, data: row.conversionFromFirst})),
    },
  };
}

/** A funnel trend: per bucket, the conversion from step 1 to every later step (one line each). */
function funnelTrendChart(r) {
  const buckets = r.trend.map(t => t.bucket);
  const series = r.steps.length === 1
      ? [{type: 'line', name: r.steps[0], data: r.trend.map(t => t.reached[0])}]
      : r.steps.slice(1).map((step, j) => ({
        type: 'line', name: '→ ' + step, symbolSize: 7,
        data: r.trend.map(t => t.reached[0] === 0 ? null : t.reached[j + 1] / t.reached[0]),
      }));
  const format = r.steps.length === 1 ? count : percent;
  return {
    caption: 'Conversion from step 1 by bucket',
    height: 340,
    option: {
      ...withLegend(format),
      xAxis: {type: 'category', data: buckets},
      yAxis: {type: 'value', axisLabel: {formatter: v => format(v)}},
      series,
    },
  };
}

function seriesView(r) {
  const columns = [text('bucket')];
  for (const s of r.series) {
    columns.push(numeric(r.series.length === 1 ? r.measure : s.name));
    if (s.change) {
      columns.push(numeric((r.series.length === 1 ? '' : s.name + ' ') + 'change', change));
    }
  }
  const rows = r.buckets.map((bucket, i) => [bucket, ...r.series.flatMap(s => s.change
      ? [s.values[i], s.change[i]] : [s.values[i]])]);
  const view = {tables: [{caption: r.measure, columns, rows}], charts: [], png: true};
  const lastIndex = r.buckets.length - 1;
  if (lastIndex >= 0 && r.series.length > 0) {
    view.summary = r.series.slice(0, 3).map(s => (r.series.length > 1 ? s.name + ': ' : '')
        + `${r.buckets[lastIndex]}: ${number(s.values[lastIndex])}`
        + (s.change && s.change[lastIndex] != null ? ` (${change(s.change[lastIndex])})` : '')).join('; ');
    view.charts.push(seriesChart(r));
  } else {
    view.summary = 'no data in the range';
  }
  return view;
}

/**
 * One number per bucket → bars with the last bucket ("today") highlighted; one bucket → a bar per series;
 * a few buckets of several series → grouped bars; otherwise lines.
 */
function seriesChart(r) {
  const base = {
    color: PALETTE,
    tooltip: {trigger: 'axis', formatter: axisTooltip(number, changeOf(r))},
    grid: {left: 8, right: 16, top: 24, bottom: r.series.length > 1 ? 40 : 8, containLabel: true},
    yAxis: {type: 'value', axisLabel: {formatter: v => number(v)}},
  };
  if (r.buckets.length === 1) {
    return {caption: r.measure, height: 320, option: {...base, legend: undefined,
      tooltip: {trigger: 'axis', formatter: axisTooltip(number)},
      xAxis: {type: 'category', data: r.series.map(s => s.name), axisLabel: {interval: 0, width: 100,
        overflow: 'truncate'}},
      series: [{type: 'bar', name: r.buckets[0], data: r.series.map(s => s.values[0]), barMaxWidth: 48,
        label: {show: true, position: 'top', formatter: p => number(p.value)}}]}};
  }
  const x = {type: 'category', data: r.buckets};
  if (r.series.length === 1 && r.buckets.length <= 62) {
    const s = r.series[0];
    const last = r.buckets.length - 1;
    return {caption: r.measure, height: 320, option: {...base, xAxis: x, series: [{
      type: 'bar', name: r.measure, barMaxWidth: 48,
      data: s.values.map((v, i) => ({value: v, itemStyle: {color: i === last ? HIGHLIGHT : PAST}})),
      // every bar carries its number; today's also the change against the day before
      label: {show: r.buckets.length <= 14, position: 'top', formatter: p => number(p.value)
          + (p.dataIndex === last && s.change && s.change[last] != null ? ` (${change(s.change[last])})` : '')},
    }]}};
  }
  const bars = r.series.length > 1 && r.buckets.length <= 12;
  return {caption: r.measure, height: 360, option: {...base, legend: {type: 'scroll', bottom: 0}, xAxis: x,
    series: r.series.map(s => ({type: bars ? 'bar' : 'line', name: s.name, data: s.values, showSymbol: r.buckets.length <= 62}))}};
}

function changeOf(r) {
  return (p) => {
    const s = r.series[p.seriesIndex];
    return s && s.change && s.change[p.dataIndex] != null ? ' (' + change(s.change[p.dataIndex]) + ')' : '';
  };
}

function retentionView(r) {
  const users = r.measure === 'users';
  const ages = r.cohorts.length === 0 ? 0 : r.cohorts[0].values.length;
  const ageLabels = Array.from({length: ages}, (_, a) => `${r.period} ${a}`);
  // with a breakdown the cohorts are labelled "group / cohort": one table and heatmap per group
  const groups = new Map();
  for (const c of r.cohorts) {
    const cut = c.cohort.lastIndexOf(' / ');
    const group = cut < 0 ? '' : c.cohort.slice(0, cut);
    if (!groups.has(group)) {
      groups.set(group, []);
    }
    groups.get(group).push({...c, label: cut < 0 ? c.cohort : c.cohort.slice(cut + 3)});
  }
  const shown = users ? (v, row) => (v == null ? '–' : percent(v / row[1])) : number;
  const view = {tables: [], charts: [], png: true};
  view.summary = r.cohorts.length === 0 ? 'no cohorts in the range'
      : `${count(r.cohorts.length)} cohorts by ${r.period}; ${users ? 'share of each cohort that came back'
          : 'value per cohort member, accumulated'}`;
  for (const [group, cohorts] of groups) {
    const caption = (group ? group + ': ' : '') + (users ? 'retention' : r.measure) + ' by ' + r.period;
    view.tables.push({
      caption,
      columns: [text('cohort'), numeric('size', count), ...ageLabels.map(label => numeric(label, shown))],
      rows: cohorts.map(c => [c.label, c.size, ...c.values]),
    });
    view.charts.push(retentionHeatmap(caption, cohorts, ageLabels, users));
  }
  return view;
}

/** Cohorts down, ages across; the colour is the share of the cohort (retention) or the value (LTV). */
function retentionHeatmap(caption, cohorts, ageLabels, users) {
  const data = [];
  let max = 0;
  cohorts.forEach((c, y) => c.values.forEach((v, x) => {
    if (v == null) {
      return;
    }
    const value = users ? (c.size === 0 ? 0 : 100 * v / c.size) : v;
    data.push([x, y, value]);
    if (x > 0 || ageLabels.length === 1) {
      max = Math.max(max, value);
    }
  }));
  const show = users ? v => v.toFixed(1) + '%' : v => number(v);
  return {
    caption,
    height: Math.max(260, 110 + 26 * cohorts.length),
    option: {
      tooltip: {position: 'top', formatter: p => escapeHtml(`${cohorts[p.value[1]].label}, ${ageLabels[p.value[0]]}: `
          + `${show(p.value[2])}` + (users ? ` of ${count(cohorts[p.value[1]].size)}` : ''))},
      grid: {left: 8, right: 16, top: 8, bottom: 64, containLabel: true},
      xAxis: {type: 'category', data: ageLabels, splitArea: {show: true}},
      yAxis: {type: 'category', data: cohorts.map(c => c.label), inverse: true, splitArea: {show: true}},
      visualMap: {min: 0, max: max || 1, calculable: true, orient: 'horizontal', left: 'center', bottom: 0,
        itemHeight: 160, inRange: {color: ['#eef4ff', '#8fb4f5', '#1f6feb', '#0b3d91']},
        formatter: v => show(v)},
      series: [{type: 'heatmap', name: caption, data,
        label: {show: data.length <= 160, formatter: p => show(p.value[2]), fontSize: 11},
        emphasis: {itemStyle: {borderColor: '#333', borderWidth: 1}}}],
    },
  };
}

function pathsView(r) {
  const view = {
    summary: `${count(r.users)} users; paths of up to ${r.positions} events`,
    tables: [
      {
        caption: 'Most common paths',
        columns: [text('path'), numeric('users', count), numeric('share', percent)],
        rows: r.flows.map(f => [f.path.join(' → '), f.users, f.share]),
      },
      {
        caption: 'Events by position',
        columns: [numeric('position', count), text('event'), numeric('users', count), numeric('share', percent)],
        rows: r.nodes.map(n => [n.position, n.name, n.users, n.share]),
      },
    ],
    charts: [],
    png: true,
  };
  if (r.links.length > 0) {
    view.charts.push(sankeyChart(r));
  }
  return view;
}

/** Nodes are (position, event): the same event at two positions is two nodes, so each gets a unique key. */
function sankeyChart(r) {
  const key = id => '#' + id;
  const byKey = new Map(r.nodes.map(n => [key(n.id), n]));
  const perPosition = new Map();
  r.nodes.forEach(n => perPosition.set(n.position, (perPosition.get(n.position) || 0) + 1));
  const most = Math.max(1, ...perPosition.values());
  return {
    caption: 'Paths (Sankey): each column is a position, each band the users moving on',
    height: Math.max(360, Math.min(900, 60 + 42 * most)),
    option: {
      tooltip: {trigger: 'item', formatter: p => {
        if (p.dataType === 'edge') {
          return escapeHtml(`${byKey.get(p.data.source).name} → ${byKey.get(p.data.target).name}: `
              + `${count(p.data.value)} users`);
        }
        const node = byKey.get(p.name);
        return escapeHtml(`${node.position}. ${node.name}: ${count(node.users)} users (${percent(node.share)})`);
      }},
      series: [{
        type: 'sankey', left: 8, right: 140, top: 8, bottom: 8, nodeAlign: 'left', nodeGap: 10,
        emphasis: {focus: 'adjacency'}, lineStyle: {color: 'gradient', opacity: 0.35},
        label: {formatter: p => {
          const node = byKey.get(p.name);
          return `${node.name.length > 28 ? node.name.slice(0, 27) + '…' : node.name} ${count(node.users)}`;
        }, fontSize: 11},
        data: r.nodes.map(n => ({name: key(n.id), value: n.users, depth: n.position - 1,
          itemStyle: n.kind === 'end' ? {color: PAST} : undefined})),
        links: r.links.map(l => ({source: key(l.source), target: key(l.target), value: l.users})),
      }],
    },
  };
}

function distributionView(r) {
  const stats = [numeric('count', count), numeric('open', count), numeric('mean', duration), numeric('p25', duration),
    numeric('median', duration), numeric('p75', duration), numeric('p90', duration), numeric('p99', duration)];
  const first = r.groups[0];
  return {
    summary: first == null ? 'no status events in the range'
        : `${r.measure}: median ${duration(first.p50Seconds)}, p90 ${duration(first.p90Seconds)} `
        + `(${count(first.count)} ended, ${count(first.open)} still open)`,
    tables: [
      {caption: r.measure, columns: [text('group'), ...stats], rows: r.groups.map(g => [g.name, g.count, g.open,
        g.meanSeconds, g.p25Seconds, g.p50Seconds, g.p75Seconds, g.p90Seconds, g.p99Seconds])},
      {caption: 'Histogram', columns: [text('time'), ...r.groups.map(g => numeric(g.name, count))],
        rows: r.bins.map((bin, i) => [bin.label, ...r.groups.map(g => g.histogram[i])])},
    ],
    charts: r.groups.length === 0 ? [] : [histogramChart(r), boxplotChart(r)],
    png: true,
  };
}

/** How many ended in each time bin, a bar series per group. */
function histogramChart(r) {
  return {
    caption: 'How long it took (count per time bin)',
    height: 340,
    option: {
      ...withLegend(count),
      xAxis: {type: 'category', data: r.bins.map(b => b.label)},
      yAxis: {type: 'value', axisLabel: {formatter: v => count(v)}},
      series: r.groups.map(g => ({type: 'bar', name: g.name, data: g.histogram, barMaxWidth: 36})),
    },
  };
}

/** Per group: the box spans p25–p75 with the median inside; the whisker reaches the p90 (p99 stays in the table). */
function boxplotChart(r) {
  return {
    caption: 'Quartiles (box), median (line) and p90 (whisker) by group',
    height: Math.max(200, 90 + 56 * r.groups.length),
    option: {
      tooltip: {trigger: 'item', formatter: p => {
        const g = r.groups[p.dataIndex];
        return escapeHtml(g.name) + '<br>' + escapeHtml(`p25 ${duration(g.p25Seconds)}, median `
            + `${duration(g.p50Seconds)}, p75 ${duration(g.p75Seconds)}, p90 ${duration(g.p90Seconds)}, `
            + `p99 ${duration(g.p99Seconds)}, mean ${duration(g.meanSeconds)}`);
      }},
      grid: {left: 8, right: 24, top: 8, bottom: 8, containLabel: true},
      xAxis: {type: 'value', axisLabel: {formatter: v => duration(v)}},
      yAxis: {type: 'category', inverse: true, data: r.groups.map(g => g.name)},
      series: [{type: 'boxplot', name: r.measure, itemStyle: {color: '#e7f0ff', borderColor: HIGHLIGHT},
        data: r.groups.map(g => [g.p25Seconds, g.p25Seconds, g.p50Seconds, g.p75Seconds, g.p90Seconds])}],
    },
  };
}

function usersView(r) {
  return {
    summary: `${count(r.total)} ${r.description}`,
    tables: [{
      caption: r.description,
      columns: [numeric('#', count), text('user')],
      rows: r.users.map((user, i) => [r.offset + i + 1, user]),
    }],
    charts: [],
    png: false,
    pager: {total: r.total, offset: r.offset, count: r.users.length},
  };
}

function unknownView(r) {
  return {summary: `a result of kind '${r.kind}' this page cannot draw yet`, tables: [], charts: [], png: true,
    raw: JSON.stringify(r, null, 2)};
}

/** The frame of a chart with several series: palette, legend below, axis tooltip with `format`. */
function withLegend(format) {
  return {
    color: PALETTE,
    legend: {type: 'scroll', bottom: 0},
    tooltip: {trigger: 'axis', formatter: axisTooltip(format)},
    grid: {left: 8, right: 16, top: 16, bottom: 40, containLabel: true},
  };
}

/** An axis tooltip with every text escaped: the bucket, then "series: value" per line. */
function axisTooltip(format, suffix = () => '') {
  return params => {
    const list = Array.isArray(params) ? params : [params];
    const head = escapeHtml(list[0].axisValueLabel != null ? list[0].axisValueLabel : list[0].name);
    const lines = list.map(p => {
      const value = p.value != null && typeof p.value === 'object' ? p.value.value : p.value;
      return p.marker + escapeHtml(p.seriesName) + ': <b>' + escapeHtml(format(value) + suffix(p)) + '</b>';
    });
    return head + '<br>' + lines.join('<br>');
  };
}
