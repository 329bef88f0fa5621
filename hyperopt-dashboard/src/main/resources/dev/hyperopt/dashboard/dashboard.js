/* The dashboard's own pages, drawn from the JSON in #dashboard-data and refreshed from the
   server's JSON every 2 s: the list of studies, and studies compared. Plain DOM and SVG, no network beyond the dashboard. */
(function () {
  'use strict';
  var D = JSON.parse(document.getElementById('dashboard-data').textContent);
  var NS = 'http://www.w3.org/2000/svg';
  var POLL_MS = 2000;
  var COLORS = ['#2b6cb0', '#d9480f', '#2f9e44', '#862e9c', '#1098ad', '#c2255c', '#5c940d', '#e67700'];
  var app = document.getElementById('app');

  // ---- small helpers ----

  function h(tag, attrs, parent, text) {
    var e = document.createElement(tag);
    setAll(e, attrs);
    if (text != null) e.textContent = text;
    if (parent) parent.appendChild(e);
    return e;
  }

  function s(tag, attrs, parent, text) {
    var e = document.createElementNS(NS, tag);
    setAll(e, attrs);
    if (text != null) e.textContent = text;
    if (parent) parent.appendChild(e);
    return e;
  }

  function setAll(e, attrs) {
    if (!attrs) return;
    for (var k in attrs) if (Object.prototype.hasOwnProperty.call(attrs, k) && attrs[k] != null) e.setAttribute(k, attrs[k]);
  }

  function fmt(x) {
    if (x == null || (typeof x === 'number' && isNaN(x))) return '\u2014';
    if (typeof x !== 'number') return String(x);
    if (x === 0) return '0';
    var a = Math.abs(x);
    if (a >= 1e6 || a < 1e-3) return x.toExponential(2).replace(/\.?0+e/, 'e').replace('e+', 'e');
    return String(Number(x.toPrecision(4)));
  }

  function time(iso) {
    return iso ? iso.replace('T', ' ').replace(/\.\d+Z$/, 'Z') : '\u2014';
  }

  function studyUrl(name) {
    return '/study/' + encodeURIComponent(name);
  }

  function compareQuery(names) {
    return names.map(function (n) { return 'study=' + encodeURIComponent(n); }).join('&');
  }

  function niceStep(span, count) {
    var raw = span / Math.max(1, count);
    var p = Math.pow(10, Math.floor(Math.log10(raw)));
    var m = raw / p;
    return (m < 1.5 ? 1 : m < 3 ? 2 : m < 7 ? 5 : 10) * p;
  }

  function linearTicks(d0, d1, count) {
    var step = niceStep(d1 - d0, count), out = [];
    for (var v = Math.ceil(d0 / step) * step; v <= d1 + step * 1e-9; v += step) out.push(Math.abs(v) < step * 1e-9 ? 0 : v);
    return out;
  }

  function clear(e) {
    while (e.firstChild) e.removeChild(e.firstChild);
  }

  function setSubtitle(parts) {
    document.getElementById('subtitle').textContent = parts.join(' \u00b7 ');
  }

  /** Polls url every 2 s and hands what it answers to draw; a failure is shown, and polling goes on. */
  function refresh(url, draw, note) {
    function poll() {
      fetch(url, { cache: 'no-store' }).then(function (r) {
        if (!r.ok) throw new Error('status ' + r.status);
        return r.json();
      }).then(function (data) {
        note.textContent = 'live: refreshes every 2 s';
        draw(data);
        setTimeout(poll, POLL_MS);
      }, function () {
        note.textContent = 'the dashboard cannot be reached; retrying';
        setTimeout(poll, POLL_MS);
      });
    }
    setTimeout(poll, POLL_MS);
  }

  function liveNote(parent) {
    return h('span', { id: 'live-note', 'class': 'caption' }, parent, 'live: refreshes every 2 s');
  }

  // ---- the list of studies ----

  function listPage() {
    document.getElementById('title').textContent = 'Studies';
    var selected = {};
    var controls = h('div', { 'class': 'controls' }, app);
    var compare = h('button', { id: 'compare-button', type: 'button', disabled: 'disabled' }, controls, 'Compare selected');
    h('span', { 'class': 'caption' }, controls, 'tick two or more studies to compare them');
    var note = liveNote(controls);
    var wrap = h('div', { 'class': 'table-wrap' }, app);
    var table = h('table', { id: 'studies-table' }, wrap);

    compare.addEventListener('click', function () {
      var names = Object.keys(selected).filter(function (k) { return selected[k]; });
      if (names.length >= 2) location.href = '/compare?' + compareQuery(names);
    });

    function updateButton() {
      var n = Object.keys(selected).filter(function (k) { return selected[k]; }).length;
      if (n >= 2) compare.removeAttribute('disabled'); else compare.setAttribute('disabled', 'disabled');
    }

    function draw(studies) {
      setSubtitle([studies.length + (studies.length === 1 ? ' study' : ' studies'), 'read-only view of the store']);
      clear(table);
      var cols = [['', ''], ['study', ''], ['state', ''], ['trials', 'num'], ['ok', 'num'], ['failed', 'num'], ['pruned', 'num'],
        ['running', 'num'], ['best loss', 'num'], ['best trial', 'num'], ['algorithm', ''], ['seed', 'num'], ['last finished', '']];
      var tr = h('tr', null, h('thead', null, table));
      cols.forEach(function (c) { h('th', { 'class': c[1] || null }, tr, c[0]); });
      var body = h('tbody', null, table);
      if (!studies.length) {
        h('td', { colspan: String(cols.length), 'class': 'empty' }, h('tr', null, body), 'The store holds no study yet.');
      }
      studies.forEach(function (st) {
        var row = h('tr', { 'data-study': st.study, 'data-trials': String(st.trials) }, body);
        var box = h('input', { type: 'checkbox', 'aria-label': 'select ' + st.study }, h('td', null, row));
        box.checked = !!selected[st.study];
        box.addEventListener('change', function () { selected[st.study] = box.checked; updateButton(); });
        h('a', { href: studyUrl(st.study) }, h('td', null, row), st.study);
        h('span', { 'class': 'state ' + st.state }, h('td', null, row), st.state);
        [st.trials, st.ok, st.fail, st.pruned, st.running].forEach(function (v) { h('td', { 'class': 'num' }, row, String(v)); });
        h('td', { 'class': 'num' }, row, fmt(st.bestLoss));
        h('td', { 'class': 'num' }, row, st.bestTrial == null ? '\u2014' : String(st.bestTrial));
        h('td', null, row, st.algorithm);
        h('td', { 'class': 'num' }, row, String(st.seed));
        h('td', null, row, time(st.lastFinished));
      });
      updateButton();
      checkLayout();
    }

    draw(D.studies);
    refresh('/api/studies', draw, note);
  }

  // ---- studies compared ----

  function comparePage() {
    var names = D.studies.map(function (st) { return st.study; });
    document.getElementById('title').textContent = names.length ? 'Compare ' + names.join(' \u00b7 ') : 'Compare studies';
    var controls = h('div', { 'class': 'controls' }, app);
    h('a', { href: '/' }, controls, '\u2190 all studies');
    var note = liveNote(controls);
    if (names.length < 2) {
      h('p', { 'class': 'empty' }, app, 'Choose two or more studies on the list of studies to compare them.');
    }
    var hist = h('section', { id: 'compare-history' }, app);
    h('h2', null, hist, 'Optimization histories');
    var legend = h('div', { 'class': 'legend', id: 'compare-legend' }, hist);
    var plot = h('div', { 'class': 'plot', id: 'compare-plot' }, hist);
    h('p', { 'class': 'caption' }, hist, 'Each dot is a trial that finished ok, at its loss; each line is the best loss so far of its study. '
      + 'Failed, pruned and running trials have no loss and are not drawn.');
    var sums = h('section', { id: 'compare-summaries' }, app);
    h('h2', null, sums, 'Summaries');
    var cards = h('div', { 'class': 'cards' }, sums);

    function draw(studies) {
      setSubtitle([studies.length + ' studies side by side', 'read-only view of the store']);
      drawLegend(legend, studies);
      drawHistory(plot, studies);
      drawCards(cards, studies);
      checkLayout();
    }

    draw(D.studies);
    if (names.length) refresh('/api/compare?' + compareQuery(names), draw, note);
  }

  function drawLegend(legend, studies) {
    clear(legend);
    studies.forEach(function (st, i) {
      var item = h('span', { 'class': 'legend-item' }, legend);
      h('span', { 'class': 'swatch', style: swatch(i) }, item);
      h('a', { href: studyUrl(st.study) }, item, st.study);
    });
  }

  /** The legend's sample of study i's line: solid, or dashed like its line. */
  function swatch(i) {
    var c = COLORS[i % COLORS.length];
    return i % 2 ? 'background:repeating-linear-gradient(90deg,' + c + ' 0 5px,transparent 5px 8px)' : 'background:' + c;
  }

  function drawHistory(box, studies) {
    clear(box);
    // Drawn at the width it is shown at, so that its text keeps its size on narrow windows.
    var W = Math.max(420, Math.min(1200, Math.round(box.clientWidth || 960))), H = Math.round(Math.max(260, Math.min(380, W * 0.4)));
    var m = { l: 70, r: 20, t: 16, b: 46 };
    var svg = s('svg', { viewBox: '0 0 ' + W + ' ' + H, role: 'img', id: 'compare-svg',
      'aria-label': 'loss of every ok trial against trial number, one color a study' }, box);
    var all = [], maxN = 0;
    studies.forEach(function (st) {
      st.loss.forEach(function (v) { if (isFinite(v)) all.push(v); });
      st.number.forEach(function (n) { if (n > maxN) maxN = n; });
    });
    if (!all.length) {
      s('text', { x: W / 2, y: H / 2, 'text-anchor': 'middle', 'class': 'axis-label' }, svg, 'no trial has finished ok yet');
      return;
    }
    var lo = Math.min.apply(null, all), hi = Math.max.apply(null, all);
    // Losses spread over orders of magnitude read better on a log axis.
    var log = lo > 0 && hi / lo > 100;
    var f = log ? Math.log10 : function (v) { return v; };
    var y0 = f(lo), y1 = f(hi);
    if (!(y1 > y0)) { y0 -= 0.5; y1 += 0.5; }
    var pad = (y1 - y0) * 0.05;
    y0 -= pad; y1 += pad;
    var x0 = -0.5, x1 = Math.max(maxN, 1) + 0.5;
    var X = function (n) { return m.l + (n - x0) / (x1 - x0) * (W - m.l - m.r); };
    var Y = function (v) { return H - m.b - (f(v) - y0) / (y1 - y0) * (H - m.t - m.b); };
    var axis = s('g', { 'class': 'axis' }, svg);
    var yt = log ? logTicks(y0, y1) : linearTicks(y0, y1, 6);
    yt.forEach(function (t) {
      var v = log ? Math.pow(10, t) : t, y = Y(v);
      s('line', { x1: m.l, x2: W - m.r, y1: y, y2: y, 'class': 'gridline' }, axis);
      s('text', { x: m.l - 8, y: y + 4, 'text-anchor': 'end' }, axis, fmt(v));
    });
    linearTicks(Math.max(0, x0), x1, Math.max(3, Math.floor(W / 110))).filter(function (t) { return t === Math.round(t); }).forEach(function (t) {
      s('line', { x1: X(t), x2: X(t), y1: H - m.b, y2: H - m.b + 5 }, axis);
      s('text', { x: X(t), y: H - m.b + 18, 'text-anchor': 'middle' }, axis, String(t));
    });
    s('line', { x1: m.l, x2: W - m.r, y1: H - m.b, y2: H - m.b }, axis);
    s('text', { x: (m.l + W - m.r) / 2, y: H - 6, 'text-anchor': 'middle', 'class': 'axis-label' }, svg, 'trial');
    s('text', { transform: 'translate(16 ' + (m.t + H - m.b) / 2 + ') rotate(-90)', 'text-anchor': 'middle', 'class': 'axis-label' }, svg,
      log ? 'loss (log scale)' : 'loss');
    studies.forEach(function (st, i) {
      var color = COLORS[i % COLORS.length];
      var g = s('g', { 'class': 'study-points', 'data-study': st.study, fill: color, 'fill-opacity': '0.45' }, svg);
      var best = Infinity, d = '';
      st.number.forEach(function (n, k) {
        var v = st.loss[k];
        if (!isFinite(v)) return;
        s('circle', { cx: X(n).toFixed(1), cy: Y(v).toFixed(1), r: 3, 'data-trial': String(n) }, g);
        if (v < best) {
          d += (d ? 'L' + X(n).toFixed(1) + ' ' + Y(best).toFixed(1) : 'M' + X(n).toFixed(1) + ' ' + Y(v).toFixed(1));
          best = v;
          d += 'L' + X(n).toFixed(1) + ' ' + Y(v).toFixed(1);
        }
      });
      if (d) {
        d += 'L' + X(maxN).toFixed(1) + ' ' + Y(best).toFixed(1);
        // Every other study's line is dashed, so that lines that coincide (equal best losses) both stay visible.
        s('path', { d: d, fill: 'none', stroke: color, 'stroke-width': 2, 'stroke-dasharray': i % 2 ? '7 4' : null,
          'class': 'best-line', 'data-study': st.study }, svg);
      }
    });
  }

  function logTicks(l0, l1) {
    var out = [], step = Math.max(1, Math.ceil((l1 - l0) / 6));
    for (var e = Math.ceil(l0); e <= Math.floor(l1); e += step) out.push(e);
    return out.length >= 2 ? out : linearTicks(l0, l1, 5).map(function (t) { return t; });
  }

  function drawCards(cards, studies) {
    clear(cards);
    studies.forEach(function (st, i) {
      var card = h('div', { 'class': 'card', 'data-study': st.study, 'data-trials': String(st.trials) }, cards);
      var title = h('h3', null, card);
      h('span', { 'class': 'swatch', style: swatch(i) }, title);
      h('a', { href: studyUrl(st.study) }, title, st.study);
      var dl = h('dl', null, card);
      function row(k, v) { h('dt', null, dl, k); h('dd', null, dl, v); }
      row('algorithm', st.algorithm);
      row('seed', String(st.seed));
      row('state', st.state);
      row('trials', st.trials + ' (' + st.ok + ' ok, ' + st.fail + ' failed, ' + st.pruned + ' pruned, ' + st.running + ' running)');
      row('best loss', fmt(st.bestLoss));
      row('best trial', st.bestTrial == null ? '\u2014' : String(st.bestTrial));
      flatten('', st.bestConfig).forEach(function (kv) { row(kv[0], kv[1]); });
      row('last finished', time(st.lastFinished));
    });
  }

  /** The best configuration as [dotted key, text] rows: nested objects are opened, other values written as they are. */
  function flatten(prefix, v) {
    if (v == null) return prefix ? [[prefix, 'null']] : [];
    if (typeof v === 'object' && !Array.isArray(v)) {
      var out = [];
      Object.keys(v).forEach(function (k) { out = out.concat(flatten(prefix ? prefix + '.' + k : k, v[k])); });
      return out;
    }
    return [[prefix || 'config', typeof v === 'number' ? fmt(v) : typeof v === 'string' ? v : JSON.stringify(v)]];
  }

  // ---- pages with only a message ----

  function messagePage(title) {
    document.getElementById('title').textContent = title;
    var p = h('p', { id: 'message' }, app, D.message);
    h('a', { href: '/' }, h('p', null, app), '\u2190 all studies');
    return p;
  }

  // ---- layout check ----

  /**
   * Counts pairs of text boxes on the page that overlap (by more than a pixel each way) and
   * writes the count into data-overlaps on the root element, so that a test reading the DOM sees it.
   */
  function checkLayout() {
    var rects = [];
    var walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT, null);
    for (var n = walker.nextNode(); n; n = walker.nextNode()) {
      if (!n.nodeValue.trim()) continue;
      var parent = n.parentElement;
      if (!parent || parent.closest('script, style, [hidden]')) continue;
      var range = document.createRange();
      range.selectNodeContents(n);
      var list = range.getClientRects();
      for (var i = 0; i < list.length; i++) {
        var r = list[i];
        if (r.width > 0 && r.height > 0) rects.push({ r: r, node: n });
      }
    }
    var overlaps = 0, detail = [];
    for (var a = 0; a < rects.length; a++) {
      for (var b = a + 1; b < rects.length; b++) {
        if (rects[a].node === rects[b].node) continue;
        var p = rects[a].r, q = rects[b].r;
        var w = Math.min(p.right, q.right) - Math.max(p.left, q.left);
        var hh = Math.min(p.bottom, q.bottom) - Math.max(p.top, q.top);
        if (w > 1 && hh > 1) {
          overlaps++;
          if (detail.length < 5) detail.push(rects[a].node.nodeValue.trim().slice(0, 30) + ' / ' + rects[b].node.nodeValue.trim().slice(0, 30));
        }
      }
    }
    document.documentElement.setAttribute('data-overlaps', String(overlaps));
    if (overlaps) document.documentElement.setAttribute('data-overlap-detail', detail.join(' | '));
    else document.documentElement.removeAttribute('data-overlap-detail');
  }

  if (D.page === 'list') listPage();
  else if (D.page === 'compare') comparePage();
  else if (D.page === 'missing') { messagePage('Not found'); checkLayout(); }
  else { messagePage('The dashboard could not answer'); checkLayout(); }
  document.documentElement.setAttribute('data-page', D.page);
  document.documentElement.setAttribute('data-rendered', 'true');
})();
