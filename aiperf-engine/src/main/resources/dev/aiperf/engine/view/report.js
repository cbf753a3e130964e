// Draws the report from the JSON in #aiperf-data (docs/REPORT.md lists its keys). Every chart is an ECharts instance
// kept in window.aiperfReport.charts under its section id, so a test (or a curious reader's console) can read the
// data each chart was given.
(function () {
  'use strict';
  var report = window.aiperfReport = { data: null, charts: {}, errors: [] };
  window.addEventListener('error', function (e) { report.errors.push(String(e.message)); });
  var data = report.data = JSON.parse(document.getElementById('aiperf-data').textContent);
  var cells = data.cells || [];
  var main = document.getElementById('main');
  var LEFT = { align: 'left' };
  var GREY = '#b9bfca', BLUE = '#2f6fde', RED = '#d93838', GREEN = '#22a150', ORANGE = '#e8870e';

  document.getElementById('title').textContent = data.title;
  document.getElementById('subtitle').textContent = data.directory + (data.command ? '  —  ' + data.command : '');

  var LATENCY = [['time_to_first_token', 'TTFT'], ['inter_token_latency', 'ITL'], ['request_latency', 'request latency']];

  function el(tag, attrs, text) {
    var e = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (k) { e.setAttribute(k, attrs[k]); });
    if (text !== undefined) { e.textContent = text; }
    return e;
  }
  function section(id, title, note) {
    var s = el('section', { id: id });
    s.appendChild(el('h2', {}, title));
    if (note) { s.appendChild(el('p', { 'class': 'note' }, note)); }
    main.appendChild(s);
    return s;
  }
  function select(parent, label, options, value, onChange) {
    var l = el('label', {}, label + ' ');
    var s = el('select', {});
    options.forEach(function (o) {
      var opt = el('option', { value: o[0] }, o[1]);
      if (o[0] === value) { opt.selected = true; }
      s.appendChild(opt);
    });
    s.addEventListener('change', function () { onChange(s.value); });
    l.appendChild(s);
    parent.appendChild(l);
    return s;
  }
  function chart(parent, id) {
    var div = el('div', { 'class': 'chart', id: id + '-chart' });
    parent.appendChild(div);
    var c = echarts.init(div, null, { renderer: 'canvas' });
    report.charts[id] = c;
    window.addEventListener('resize', function () { c.resize(); });
    return c;
  }
  // Tooltips are HTML: labels (scenario names, paths) are escaped before they go in.
  function esc(t) {
    return String(t).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
  }
  function metric(cell, key) { return cell.metrics && cell.metrics[key]; }
  function unit(key) {
    for (var i = 0; i < cells.length; i++) { var m = metric(cells[i], key); if (m) { return m.unit; } }
    return '';
  }
  function fmt(v) {
    if (v === null || v === undefined) { return '-'; }
    var a = Math.abs(v);
    return a >= 1000 ? v.toFixed(0) : a >= 10 ? v.toFixed(2) : v.toPrecision(3);
  }
  function higherIsBetter(key) { return key.indexOf('throughput') >= 0; }
  // An error bar drawn as a custom series: [x, y, xLow, xHigh, yLow, yHigh] per point.
  function errorBars(name, points) {
    return {
      name: name, type: 'custom', silent: true, z: 1,
      renderItem: function (params, api) {
        var x = api.value(0), y = api.value(1), s = 4;
        var yl = api.coord([x, api.value(4)]), yh = api.coord([x, api.value(5)]);
        var xl = api.coord([api.value(2), y]), xh = api.coord([api.value(3), y]);
        var st = { stroke: '#555', lineWidth: 1 };
        return { type: 'group', children: [
          { type: 'line', shape: { x1: yl[0], y1: yl[1], x2: yh[0], y2: yh[1] }, style: st },
          { type: 'line', shape: { x1: yl[0] - s, y1: yl[1], x2: yl[0] + s, y2: yl[1] }, style: st },
          { type: 'line', shape: { x1: yh[0] - s, y1: yh[1], x2: yh[0] + s, y2: yh[1] }, style: st },
          { type: 'line', shape: { x1: xl[0], y1: xl[1], x2: xh[0], y2: xh[1] }, style: st },
          { type: 'line', shape: { x1: xl[0], y1: xl[1] - s, x2: xl[0], y2: xl[1] + s }, style: st },
          { type: 'line', shape: { x1: xh[0], y1: xh[1] - s, x2: xh[0], y2: xh[1] + s }, style: st }] };
      },
      data: points.map(function (p) { return p.slice(0, 6); }),
      encode: { x: [0, 2, 3], y: [1, 4, 5] }
    };
  }
  function slaFor(key) {
    return (data.sla || []).filter(function (r) { return r.metric_tag + '_' + r.stat === key; });
  }

  // 1. Throughput vs latency across cells, with the confidence intervals as error bars.
  function throughputLatency() {
    if (!cells.some(function (c) { return metric(c, 'request_throughput_avg'); })) { return; }
    var s = section('throughput-latency', 'Throughput vs latency',
      'One point per cell: mean over its trials, error bars = ' + Math.round(data.confidence_level * 100)
      + '% confidence interval on both axes. Red points break an SLA rule; the dashed line is the rule\'s'
      + ' threshold when it is on the plotted statistic; the diamond marks the knee'
      + (data.knee ? ' (' + data.knee.source + ')' : '') + '.');
    var ctl = el('div', { 'class': 'controls' });
    s.appendChild(ctl);
    var state = { tag: 'time_to_first_token', stat: 'p99' };
    var rule = (data.sla || []).filter(function (r) { return LATENCY.some(function (l) { return l[0] === r.metric_tag; }); })[0];
    if (rule && ['p50', 'p90', 'p95', 'p99', 'avg'].indexOf(rule.stat) >= 0) { state = { tag: rule.metric_tag, stat: rule.stat }; }
    var available = LATENCY.filter(function (l) { return unit(l[0] + '_p99') || unit(l[0] + '_avg'); });
    if (available.length === 0) { return; }
    if (!available.some(function (l) { return l[0] === state.tag; })) { state.tag = available[0][0]; }
    select(ctl, 'latency', available, state.tag, function (v) { state.tag = v; draw(); });
    select(ctl, 'statistic', [['p50', 'p50'], ['p90', 'p90'], ['p95', 'p95'], ['p99', 'p99'], ['avg', 'mean']], state.stat,
      function (v) { state.stat = v; draw(); });
    var c = chart(s, 'throughput-latency');
    function draw() {
      var key = state.tag + '_' + state.stat;
      var pts = [];
      cells.forEach(function (cell) {
        var x = metric(cell, 'request_throughput_avg'), y = metric(cell, key);
        if (x && y) { pts.push([x.mean, y.mean, x.ci_low, x.ci_high, y.ci_low, y.ci_high, cell.index]); }
      });
      var rules = slaFor(key);
      var knee = data.knee ? pts.filter(function (p) { return p[6] === data.knee.cell; }) : [];
      c.setOption({
        tooltip: { trigger: 'item', formatter: function (p) {
          var cell = cells[p.value[6]];
          return esc(cell.label) + '<br>throughput ' + fmt(p.value[0]) + ' ' + unit('request_throughput_avg')
            + ' [' + fmt(p.value[2]) + ', ' + fmt(p.value[3]) + ']<br>' + key + ' ' + fmt(p.value[1]) + ' '
            + unit(key) + ' [' + fmt(p.value[4]) + ', ' + fmt(p.value[5]) + ']';
        } },
        grid: { left: 70, right: 30, top: 30, bottom: 50 },
        xAxis: { type: 'value', name: 'request throughput (' + unit('request_throughput_avg') + ')',
          nameLocation: 'middle', nameGap: 30, scale: true },
        yAxis: { type: 'value', name: key + ' (' + unit(key) + ')', scale: true, nameTextStyle: LEFT },
        series: [
          // A sweep's cells are joined in sweep order (the curve); a search's are points in the order tried.
          { name: 'cells', type: data.search ? 'scatter' : 'line', data: pts, symbolSize: 9, z: 3,
            lineStyle: { color: BLUE }, itemStyle: { color: BLUE },
            label: { show: true, position: 'top', fontSize: 10,
              formatter: function (p) { return cells[p.value[6]].label; } },
            markLine: rules.length ? { symbol: 'none', lineStyle: { type: 'dashed', color: RED },
              data: rules.map(function (r) { return { yAxis: r.threshold, name: 'SLA ' + r.op + ' ' + r.threshold }; }),
              label: { formatter: 'SLA {c}' } } : undefined },
          { name: 'breaks SLA', type: 'scatter', symbolSize: 11, z: 4, itemStyle: { color: RED },
            data: pts.filter(function (p) { return cells[p[6]].sla_feasible === false; }) },
          errorBars('CI', pts),
          { name: 'knee', type: 'scatter', data: knee, symbol: 'diamond', symbolSize: 18, z: 4,
            itemStyle: { color: ORANGE } }]
      }, true);
    }
    draw();
  }

  // 2. Pareto frontier over two chosen metrics; dominated cells greyed.
  function pareto() {
    var keys = [];
    cells.forEach(function (c) { Object.keys(c.metrics || {}).forEach(function (k) { if (keys.indexOf(k) < 0) { keys.push(k); } }); });
    if (cells.length < 2 || keys.length < 2) { return; }
    var s = section('pareto', 'Pareto frontier',
      'Cells no other cell beats on both metrics (throughput higher is better, everything else lower). Dominated cells are grey.');
    var ctl = el('div', { 'class': 'controls' });
    s.appendChild(ctl);
    var opts = keys.map(function (k) { return [k, k]; });
    var state = { x: keys.indexOf('request_throughput_avg') >= 0 ? 'request_throughput_avg' : keys[0],
      y: keys.indexOf('time_to_first_token_p99') >= 0 ? 'time_to_first_token_p99' : keys[1] };
    select(ctl, 'x', opts, state.x, function (v) { state.x = v; draw(); });
    select(ctl, 'y', opts, state.y, function (v) { state.y = v; draw(); });
    var c = chart(s, 'pareto');
    function draw() {
      var pts = cells.filter(function (cell) { return metric(cell, state.x) && metric(cell, state.y); })
        .map(function (cell) { return [metric(cell, state.x).mean, metric(cell, state.y).mean, cell.index]; });
      var sx = higherIsBetter(state.x) ? 1 : -1, sy = higherIsBetter(state.y) ? 1 : -1;
      function dominated(p) {
        return pts.some(function (q) {
          return sx * q[0] >= sx * p[0] && sy * q[1] >= sy * p[1] && (sx * q[0] > sx * p[0] || sy * q[1] > sy * p[1]);
        });
      }
      var front = pts.filter(function (p) { return !dominated(p); }).sort(function (a, b) { return a[0] - b[0]; });
      var rest = pts.filter(dominated);
      var label = { show: true, position: 'right', fontSize: 10, formatter: function (p) { return cells[p.value[2]].label; } };
      c.setOption({
        tooltip: { trigger: 'item', formatter: function (p) {
          return esc(cells[p.value[2]].label) + '<br>' + state.x + ' ' + fmt(p.value[0]) + '<br>' + state.y + ' ' + fmt(p.value[1]);
        } },
        legend: { data: ['frontier', 'dominated'] },
        grid: { left: 70, right: 60, top: 40, bottom: 50 },
        xAxis: { type: 'value', name: state.x + ' (' + unit(state.x) + ')', nameLocation: 'middle', nameGap: 30, scale: true },
        yAxis: { type: 'value', name: state.y + ' (' + unit(state.y) + ')', scale: true, nameTextStyle: LEFT },
        series: [
          { name: 'frontier', type: 'line', step: false, data: front, symbolSize: 10, itemStyle: { color: GREEN }, label: label },
          { name: 'dominated', type: 'scatter', data: rest, symbolSize: 9, itemStyle: { color: GREY }, label: label }]
      }, true);
    }
    draw();
  }

  // 3. A search's trajectory and, for a monotonic SLA search, its bracket.
  function search() {
    var h = data.search;
    if (!h || !h.iterations || h.iterations.length === 0) { return; }
    var s = section('search', 'Search trajectory',
      (h.recipe ? 'recipe ' + h.recipe + ', ' : '') + 'planner ' + h.planner + ': ' + h.direction + ' ' + h.objective
      + '; green = meets the SLA, red = breaks it; the line is the incumbent (best feasible so far). Stopped: '
      + h.stop_reason + '.');
    var c = chart(s, 'search');
    var feasible = [], infeasible = [], incumbent = [];
    h.iterations.forEach(function (it) {
      if (it.objective !== null) { (it.feasible ? feasible : infeasible).push([it.iteration, it.objective, it.label]); }
      incumbent.push([it.iteration, it.incumbent]);
    });
    c.setOption({
      tooltip: { trigger: 'item', formatter: function (p) { return 'iteration ' + p.value[0] + ' ' + esc(p.value[2] || '') + '<br>' + fmt(p.value[1]); } },
      legend: { data: ['feasible', 'infeasible', 'incumbent'] },
      grid: { left: 70, right: 30, top: 40, bottom: 50 },
      xAxis: { type: 'value', name: 'iteration', nameLocation: 'middle', nameGap: 30, minInterval: 1 },
      yAxis: { type: 'value', name: h.objective, scale: true, nameTextStyle: LEFT },
      series: [
        { name: 'feasible', type: 'scatter', data: feasible, symbolSize: 10, itemStyle: { color: GREEN } },
        { name: 'infeasible', type: 'scatter', data: infeasible, symbolSize: 10, itemStyle: { color: RED } },
        { name: 'incumbent', type: 'line', step: 'end', data: incumbent, showSymbol: false, lineStyle: { color: BLUE } }]
    });
    var b = h.bracket;
    if (!b || b.parameter === undefined) { return; }
    var bs = section('bracket', 'SLA bracket (' + b.parameter + ')',
      'The swept value tried at each iteration; the band is the bracket the search closed: highest value meeting the SLA '
      + fmt(b.feasible_max) + ', lowest breaking it ' + fmt(b.infeasible_min)
      + (b.first_breach && b.first_breach.metric_tag ? ' (' + b.first_breach.metric_tag + ' ' + b.first_breach.stat + ' '
        + fmt(b.first_breach.observed) + ', rule ' + b.first_breach.op + ' ' + b.first_breach.threshold + ')' : '') + '.');
    var bc = chart(bs, 'bracket');
    var tried = h.iterations.map(function (it) { return [it.iteration, it.parameters ? it.parameters[b.parameter] : null, it.feasible]; });
    var band = (b.feasible_max !== null && b.infeasible_min !== null) ? [[{ yAxis: b.feasible_max }, { yAxis: b.infeasible_min }]] : [];
    bc.setOption({
      tooltip: { trigger: 'item' },
      grid: { left: 70, right: 30, top: 30, bottom: 50 },
      xAxis: { type: 'value', name: 'iteration', nameLocation: 'middle', nameGap: 30, minInterval: 1 },
      yAxis: { type: 'log', name: b.parameter, nameTextStyle: LEFT },
      series: [
        { name: 'path', type: 'line', data: tried, showSymbol: false, lineStyle: { color: GREY },
          markArea: { itemStyle: { color: 'rgba(232,135,14,0.25)' }, data: band } },
        { name: 'meets SLA', type: 'scatter', symbolSize: 9, itemStyle: { color: GREEN },
          data: tried.filter(function (t) { return t[2]; }) },
        { name: 'breaks SLA', type: 'scatter', symbolSize: 9, itemStyle: { color: RED },
          data: tried.filter(function (t) { return !t[2]; }) }]
    });
  }

  // 4. Per-cell distributions as percentile curves (CDFs) of one trial each.
  function distributions() {
    var d = data.distributions || {};
    var available = LATENCY.filter(function (l) { return d[l[0]] && d[l[0]].length; });
    if (available.length === 0) { return; }
    var s = section('distributions', 'Distributions per cell',
      'Percentile curve (CDF) of each cell\'s first successful trial, successful requests only; p50/p90/p99 equal the trial\'s own export.');
    var ctl = el('div', { 'class': 'controls' });
    s.appendChild(ctl);
    var state = { tag: available[0][0] };
    select(ctl, 'metric', available, state.tag, function (v) { state.tag = v; draw(); });
    var c = chart(s, 'distributions');
    function draw() {
      c.setOption({
        tooltip: { trigger: 'axis' },
        legend: { type: 'scroll', top: 0 },
        grid: { left: 70, right: 30, top: 40, bottom: 50 },
        xAxis: { type: 'value', name: state.tag + ' (ms)', nameLocation: 'middle', nameGap: 30, scale: true },
        yAxis: { type: 'value', name: 'percentile', min: 0, max: 100, nameTextStyle: LEFT },
        series: d[state.tag].map(function (curve) {
          return { name: cells[curve.cell] ? cells[curve.cell].label : curve.run, type: 'line', showSymbol: false,
            data: curve.percentiles.map(function (v, q) { return [v, q]; }) };
        })
      }, true);
    }
    draw();
  }

  // 5. One trial's per-request timeline, thinned to a point budget.
  function timeline() {
    var t = data.timelines || [];
    if (t.length === 0) { return; }
    var s = section('timeline', 'Per-request timeline',
      'Send time vs request latency of one trial per cell; failures in red at their latency (or on the axis). Large runs are thinned evenly.');
    var ctl = el('div', { 'class': 'controls' });
    s.appendChild(ctl);
    var note = el('span', { 'class': 'note' });
    var state = { i: t.length - 1 };
    select(ctl, 'cell', t.map(function (x, i) { return [String(i), cells[x.cell] ? cells[x.cell].label : x.run]; }),
      String(state.i), function (v) { state.i = Number(v); draw(); });
    ctl.appendChild(note);
    var c = chart(s, 'timeline');
    function draw() {
      var x = t[state.i];
      note.textContent = ' ' + x.run + ': ' + x.shown + ' of ' + x.requests + ' requests shown, ' + x.failed + ' failed';
      c.setOption({
        tooltip: { trigger: 'item', formatter: function (p) { return 't=' + p.value[0] + ' s<br>' + fmt(p.value[1]) + ' ms'; } },
        legend: { data: ['ok', 'failed'] },
        grid: { left: 70, right: 30, top: 40, bottom: 50 },
        xAxis: { type: 'value', name: 'send time (s since the first request)', nameLocation: 'middle', nameGap: 30 },
        yAxis: { type: 'value', name: 'request latency (ms)', nameTextStyle: LEFT },
        series: [
          // Drawn in one frame (progressive: 0), not in chunks over several, so what is shown is complete.
          { name: 'ok', type: 'scatter', large: true, progressive: 0, symbolSize: 3, itemStyle: { color: BLUE },
            data: x.points.filter(function (p) { return p[2] === 0; }) },
          { name: 'failed', type: 'scatter', large: true, progressive: 0, symbolSize: 4, itemStyle: { color: RED },
            data: x.points.filter(function (p) { return p[2] === 1; }).map(function (p) { return [p[0], p[1] === null ? 0 : p[1], 1]; }) }]
      }, true);
    }
    draw();
  }

  function table(parent, head, rows) {
    var tb = el('table', {});
    var tr = el('tr', {});
    head.forEach(function (h) { tr.appendChild(el('th', {}, h)); });
    tb.appendChild(tr);
    rows.forEach(function (r) {
      var row = el('tr', {});
      r.forEach(function (v) {
        var td = el('td', typeof v === 'object' && v !== null ? { 'class': v.cls } : (typeof v === 'number' ? { 'class': 'num' } : {}),
          typeof v === 'object' && v !== null ? v.text : typeof v === 'number' ? fmt(v) : String(v));
        row.appendChild(td);
      });
      tb.appendChild(row);
    });
    parent.appendChild(tb);
  }

  // 6. SLA verdicts per cell and rule, from the cells' means (the aggregate's feasibility decides the colour).
  function slaTable() {
    if (!data.sla || data.sla.length === 0) { return; }
    var s = section('sla', 'SLA verdicts', 'Each rule against each cell\'s mean over its trials.');
    var ops = { lt: function (a, b) { return a < b; }, le: function (a, b) { return a <= b; },
      gt: function (a, b) { return a > b; }, ge: function (a, b) { return a >= b; } };
    var rows = [];
    cells.forEach(function (cell) {
      data.sla.forEach(function (r) {
        var m = metric(cell, r.metric_tag + '_' + r.stat);
        var ok = m && ops[r.op] ? ops[r.op](m.mean, r.threshold) : null;
        rows.push([cell.label, r.metric_tag + ' ' + r.stat + ' ' + r.op + ' ' + r.threshold, m ? m.mean : '-',
          ok === null ? 'not in the report' : { cls: ok ? 'pass' : 'fail', text: ok ? 'meets' : 'breaks' }]);
      });
    });
    table(s, ['cell', 'rule', 'mean', 'verdict'], rows);
  }

  // 7. Comparison verdicts with Welch p-values, when the report is for a comparison.
  function compare() {
    var cmp = data.compare;
    if (!cmp) { return; }
    var s = section('compare', 'Comparison: ' + cmp.verdict,
      'Baseline ' + cmp.baseline + ' vs candidate ' + cmp.candidate + '. A regression is worse than its tolerance and'
      + ' significant by Welch\'s t-test (alpha ' + cmp.alpha + ') when both sides have at least 2 trials.');
    table(s, ['cell', 'metric', 'baseline', 'candidate', 'delta %', 'p-value', 'verdict'], cmp.rows.map(function (r) {
      return [r.cell, r.metric + (r.unit ? ' (' + r.unit + ')' : ''), r.baseline, r.candidate,
        r.delta_percent, r.p_value === null ? '-' : r.p_value.toPrecision(3),
        { cls: r.verdict === 'REGRESSION' ? 'fail' : r.verdict === 'IMPROVEMENT' ? 'pass' : '', text: r.verdict }];
    }));
  }

  function cellsTable() {
    if (cells.length === 0) { return; }
    var s = section('cells', 'Cells', 'Mean [confidence interval] over each cell\'s trials, from the aggregate files.');
    var keys = ['request_throughput_avg', 'output_token_throughput_avg', 'time_to_first_token_p99', 'inter_token_latency_p99', 'request_latency_p99', 'request_error_rate_avg'];
    keys = keys.filter(function (k) { return unit(k) !== ''; });
    table(s, ['cell'].concat(keys.map(function (k) { return k + ' (' + unit(k) + ')'; })), cells.map(function (c) {
      return [c.label].concat(keys.map(function (k) {
        var m = metric(c, k);
        return m ? fmt(m.mean) + ' [' + fmt(m.ci_low) + ', ' + fmt(m.ci_high) + ']' : '-';
      }));
    }));
  }

  function context() {
    var s = section('environment', 'Configuration and environment');
    var env = data.environment || {};
    table(s, ['', ''], Object.keys(env).map(function (k) {
      var v = env[k];
      return [k, typeof v === 'object' ? JSON.stringify(v) : String(v)];
    }));
    if (data.command) { s.appendChild(el('pre', {}, data.command)); }
    if (data.config) { s.appendChild(el('pre', { id: 'config' }, JSON.stringify(data.config, null, 2))); }
  }

  [compare, throughputLatency, pareto, search, distributions, timeline, slaTable, cellsTable, context].forEach(function (f) {
    try { f(); } catch (e) { report.errors.push(f.name + ': ' + e); if (window.console) { console.error(e); } }
  });
})();
