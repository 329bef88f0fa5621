/* Draws the report from the JSON in #report-data: plain SVG, no libraries, no network. */
(function () {
  'use strict';
  var started = performance.now();
  var D = JSON.parse(document.getElementById('report-data').textContent);
  var NS = 'http://www.w3.org/2000/svg';
  var N = D.number.length;
  var PALETTE = ['#c6dbef', '#9ecae1', '#6baed6', '#4292c6', '#2171b5', '#08519c'];

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

  function r1(x) { return Math.round(x * 10) / 10; }

  function quantile(sorted, q) {
    if (!sorted.length) return NaN;
    var pos = (sorted.length - 1) * q, lo = Math.floor(pos), hi = Math.ceil(pos);
    return sorted[lo] + (sorted[hi] - sorted[lo]) * (pos - lo);
  }

  function niceStep(span, count) {
    var raw = span / Math.max(1, count);
    var p = Math.pow(10, Math.floor(Math.log10(raw)));
    var m = raw / p;
    return (m < 1.5 ? 1 : m < 3 ? 2 : m < 7 ? 5 : 10) * p;
  }

  // A scale maps a domain value to a pixel; it also knows its ticks and how to clamp.
  function linearScale(d0, d1, r0, r1) {
    if (!(d1 > d0)) { var c = isFinite(d0) ? d0 : 0; d0 = c - 0.5; d1 = c + 0.5; }
    var f = function (v) { return r0 + (v - d0) / (d1 - d0) * (r1 - r0); };
    f.d0 = d0; f.d1 = d1; f.r0 = r0; f.r1 = r1; f.log = false;
    f.ticks = function (count) {
      var st = niceStep(d1 - d0, count || 5), out = [];
      for (var t = Math.ceil(d0 / st) * st; t <= d1 + st * 1e-9; t += st) out.push(Math.abs(t) < st * 1e-9 ? 0 : t);
      return out;
    };
    return f;
  }

  function logScale(d0, d1, r0, r1) {
    if (!(d0 > 0)) d0 = 1e-12;
    if (!(d1 > d0)) { d1 = d0 * 10; d0 = d0 / 10; }
    var l0 = Math.log10(d0), l1 = Math.log10(d1);
    var f = function (v) { return r0 + (Math.log10(v) - l0) / (l1 - l0) * (r1 - r0); };
    f.d0 = d0; f.d1 = d1; f.r0 = r0; f.r1 = r1; f.log = true;
    f.ticks = function () {
      var out = [], e0 = Math.floor(l0), e1 = Math.ceil(l1), step = Math.max(1, Math.ceil((e1 - e0) / 6));
      var mults = e1 - e0 <= 2 ? [1, 2, 5] : [1];
      for (var e = e0; e <= e1; e += step) {
        for (var i = 0; i < mults.length; i++) {
          var t = mults[i] * Math.pow(10, e);
          if (t >= d0 * (1 - 1e-9) && t <= d1 * (1 + 1e-9)) out.push(t);
        }
      }
      return out;
    };
    return f;
  }

  function bandScale(count, r0, r1) {
    var bw = (r1 - r0) / Math.max(1, count);
    var f = function (i) { return r0 + (i + 0.5) * bw; };
    f.bw = bw; f.r0 = r0; f.r1 = r1; f.band = true;
    return f;
  }

  // An integer hyperparameter's axis has ticks on integers only.
  function integerTicks(sc) {
    var all = sc.ticks;
    sc.ticks = function (count) {
      var t = all(count).filter(function (v) { return Math.abs(v - Math.round(v)) < 1e-9; });
      return t.length ? t : all(count);
    };
    return sc;
  }

  // A scale over values with padding; log when asked and every value is positive.
  function scaleFor(values, log, r0, r1) {
    var lo = Infinity, hi = -Infinity;
    for (var i = 0; i < values.length; i++) { var v = values[i]; if (v < lo) lo = v; if (v > hi) hi = v; }
    if (log && lo > 0) {
      var pad = Math.pow(hi / lo, 0.04);
      return logScale(lo / pad, hi * pad, r0, r1);
    }
    var p = (hi - lo) * 0.04 || Math.abs(lo) * 0.1 || 0.5;
    return linearScale(lo - p, hi + p, r0, r1);
  }

  // Sequential colour for t in [0, 1]: light blue (0) to deep blue (1).
  function ramp(t) {
    var i = Math.max(0, Math.min(PALETTE.length - 1, Math.floor(t * PALETTE.length)));
    return PALETTE[i];
  }

  // Colour of a line by loss rank: best (0) deep orange-red, worse towards pale blue.
  function lossColor(t) {
    var a = [217, 72, 15], b = [160, 190, 220];
    return 'rgb(' + a.map(function (c, k) { return Math.round(c + (b[k] - c) * t); }).join(',') + ')';
  }

  // Points drawn as one path of round zero-length strokes per colour: small in size and fast for 10,000 trials.
  function dots(g, pts, color, radius) {
    if (!pts.length) return;
    var d = [];
    for (var i = 0; i < pts.length; i++) d.push('M' + r1(pts[i][0]) + ' ' + r1(pts[i][1]) + 'h0');
    s('path', { d: d.join(''), stroke: color, 'stroke-width': radius * 2, 'stroke-linecap': 'round', fill: 'none',
      'class': 'dots' }, g);
  }

  function crosses(g, pts, size, cls) {
    if (!pts.length) return;
    var d = [];
    for (var i = 0; i < pts.length; i++) {
      var x = r1(pts[i][0]), y = r1(pts[i][1]);
      d.push('M' + (x - size) + ' ' + (y - size) + 'l' + 2 * size + ' ' + 2 * size + 'M' + (x + size) + ' ' + (y - size) + 'l' + -2 * size + ' ' + 2 * size);
    }
    s('path', { d: d.join(''), 'class': cls || 'fail-mark' }, g);
  }

  function axisBottom(g, sc, y, labels) {
    var a = s('g', { 'class': 'axis' }, g);
    s('line', { x1: sc.r0, x2: sc.r1, y1: y, y2: y, 'class': 'domain' }, a);
    if (sc.band) {
      var every = Math.max(1, Math.ceil(labels.length / Math.max(1, Math.floor((sc.r1 - sc.r0) / 46))));
      for (var i = 0; i < labels.length; i += every) {
        var t = s('g', { 'class': 'tick' }, a);
        textWithTitle(t, { x: r1(sc(i)), y: y + 15, 'text-anchor': 'middle' }, fitRight(labels[i], sc.bw * every - 4, 11), labels[i]);
      }
      return;
    }
    var ticks = sc.ticks(5);
    for (var k = 0; k < ticks.length; k++) {
      var x = r1(sc(ticks[k]));
      var tg = s('g', { 'class': 'tick' }, a);
      s('line', { x1: x, x2: x, y1: y, y2: y + 4, stroke: '#9aa3b2' }, tg);
      s('text', { x: x, y: y + 15, 'text-anchor': 'middle' }, tg, fmt(ticks[k]));
    }
  }

  function axisLeft(g, sc, x, gridTo) {
    var a = s('g', { 'class': 'axis' }, g);
    var grid = s('g', { 'class': 'grid' }, g);
    s('line', { x1: x, x2: x, y1: sc.r0, y2: sc.r1, 'class': 'domain' }, a);
    var ticks = sc.ticks(5);
    for (var k = 0; k < ticks.length; k++) {
      var y = r1(sc(ticks[k]));
      var tg = s('g', { 'class': 'tick' }, a);
      s('line', { x1: x - 4, x2: x, y1: y, y2: y, stroke: '#9aa3b2' }, tg);
      s('text', { x: x - 6, y: y + 3.5, 'text-anchor': 'end' }, tg, fmt(ticks[k]));
      if (gridTo != null) s('line', { x1: x, x2: gridTo, y1: y, y2: y }, grid);
    }
    g.insertBefore(grid, g.firstChild);
  }

  // ---- hover: every plot registers its points; the nearest one within reach is described ----

  var tooltip = document.getElementById('tooltip');

  // pick, when given, hears which point is under the pointer (its payload, or null when none).
  function hover(svg, points, describe, pick) {
    svg.addEventListener('mousemove', function (ev) {
      var m = svg.getScreenCTM();
      if (!m) return;
      var p = svg.createSVGPoint();
      p.x = ev.clientX; p.y = ev.clientY;
      var q = p.matrixTransform(m.inverse());
      var best = -1, bd = 64;
      for (var i = 0; i < points.length; i++) {
        var dx = points[i][0] - q.x, dy = points[i][1] - q.y, d = dx * dx + dy * dy;
        if (d < bd) { bd = d; best = i; }
      }
      if (best < 0) { tooltip.hidden = true; if (pick) pick(null); return; }
      if (pick) pick(points[best][2]);
      tooltip.textContent = describe(points[best][2]);
      tooltip.hidden = false;
      tooltip.style.left = (ev.clientX + 12) + 'px';
      tooltip.style.top = (ev.clientY + 12) + 'px';
    });
    svg.addEventListener('mouseleave', function () { tooltip.hidden = true; if (pick) pick(null); });
  }

  function describeTrial(i) {
    return trialLines(i, []).join('\n');
  }

  // The lines that describe trial i, with extra inserted after its first line.
  function trialLines(i, extra) {
    var lines = ['trial ' + D.number[i] + ' (' + D.state[i] + ')'].concat(extra);
    if (D.loss[i] != null) lines.push('loss ' + fmt(D.loss[i]));
    var c = curveOf(i);
    if (c) lines.push(c.length / 2 + ' values reported, the last at step ' + c[c.length - 2] + ': ' + fmt(c[c.length - 1]));
    if (D.error[i] != null) lines.push('error: ' + D.error[i].slice(0, 200));
    for (var j = 0; j < D.params.length && j < 8; j++) {
      var v = paramText(D.params[j], i);
      if (v !== '\u2014') lines.push(D.params[j].label + ' = ' + v);
    }
    return lines;
  }

  // Trial i's reported values as [step, value, step, value, ...], or null when it reported none.
  function curveOf(i) {
    var c = D.intermediate ? D.intermediate[i] : null;
    return c && c.length ? c : null;
  }

  function paramText(p, i) {
    var v = p.values[i];
    if (v == null) return '\u2014';
    if (p.kind === 'categorical') return p.categories[v] != null ? p.categories[v] : String(v);
    return fmt(v);
  }

  // Text width in px at a font size, near enough for laying out labels (system-ui averages ~0.55em a character).
  function textWidth(text, size) { return text.length * size * 0.56; }

  // The label shortened from the left to fit maxPx ("…" + its end): the end of a dotted label names the hyperparameter.
  function fitLeft(text, maxPx, size) {
    var n = Math.floor(maxPx / (size * 0.56));
    return text.length <= n ? text : '…' + text.slice(text.length - Math.max(1, n - 1));
  }

  // The label shortened from the right to fit maxPx, for category names.
  function fitRight(text, maxPx, size) {
    var n = Math.floor(maxPx / (size * 0.56));
    return text.length <= n ? text : text.slice(0, Math.max(1, n - 1)) + '…';
  }

  // A text whose whole is shown on hover when it was shortened: the title sits in a group around it, not in the text.
  function textWithTitle(parent, attrs, text, full) {
    if (text === full) return s('text', attrs, parent, text);
    var g = s('g', null, parent);
    s('title', null, g, full);
    return s('text', attrs, g, text);
  }

  // A branch's hyperparameter named without its branch's path, which its heading gives.
  function within(label, prefix) {
    return prefix && label.indexOf(prefix) === 0 && label.length > prefix.length ? label.slice(prefix.length) : label;
  }

  // ---- value axes: the loss axis shared by the history and the panels, and the learning curves' ----

  // An axis over values: logarithmic when they are positive and span three decades or more; otherwise, when a
  // few lie far above the rest, it stops above the 90th percentile and those are drawn on its top edge.
  function valueAxis(values) {
    var sorted = values.slice().sort(function (a, b) { return a - b; });
    var lo = sorted[0], hi = sorted[sorted.length - 1];
    var ax = { min: lo, max: hi, log: sorted.length > 1 && lo > 0 && hi / lo >= 1000, top: hi, clipped: 0 };
    if (!ax.log && sorted.length >= 20) {
      var q90 = quantile(sorted, 0.9);
      if (hi - lo > 4 * (q90 - lo) && q90 > lo) {
        ax.top = q90 + (q90 - lo) * 0.5;
        for (var c = 0; c < sorted.length; c++) if (sorted[c] > ax.top) ax.clipped++;
      }
    }
    ax.scale = function (r0, r1) { return ax.log ? scaleFor([lo, hi], true, r0, r1) : scaleFor([lo, ax.top], false, r0, r1); };
    ax.y = function (sc, v) { return !ax.log && v > sc.d1 ? sc(sc.d1) : sc(v); };
    return ax;
  }

  var okIdx = [], failIdx = [], prunedIdx = [], losses = [];
  for (var i = 0; i < N; i++) {
    if (D.state[i] === 'ok' && D.loss[i] != null) { okIdx.push(i); losses.push(D.loss[i]); }
    else if (D.state[i] === 'fail') failIdx.push(i);
    else if (D.state[i] === 'pruned') prunedIdx.push(i);
  }
  var runningCount = N - okIdx.length - failIdx.length - prunedIdx.length;
  var lossAxis = valueAxis(losses);
  var lossLog = lossAxis.log, lossTop = lossAxis.top, clipped = lossAxis.clipped;

  function lossScale(r0, r1) { return lossAxis.scale(r0, r1); }

  function lossY(sc, v) { return lossAxis.y(sc, v); }

  // ---- header and summary ----

  document.title = 'hyperopt report: ' + D.study;
  document.getElementById('title').textContent = 'Study ' + D.study;
  var sub = [];
  if (D.algorithm) sub.push('algorithm ' + D.algorithm);
  if (D.seed != null) sub.push('seed ' + D.seed);
  sub.push(N + ' trials (' + okIdx.length + ' ok, ' + failIdx.length + ' failed, ' + prunedIdx.length + ' pruned'
    + (runningCount > 0 ? ', ' + runningCount + ' running' : '') + ')');
  sub.push(D.params.length + ' hyperparameters');
  if (D.generated) sub.push('generated ' + D.generated.replace('T', ' ').replace(/\.\d+Z$/, 'Z'));
  document.getElementById('subtitle').textContent = sub.join(' \u00b7 ');

  (function summary() {
    var sec = document.getElementById('summary');
    h('h2', null, sec, 'Best trial');
    if (!D.best) { h('p', { 'class': 'empty' }, sec, 'No trial finished ok.'); return; }
    var dl = h('dl', { 'class': 'summary-grid' }, sec);
    h('dt', null, dl, 'trial'); h('dd', null, dl, String(D.best.trial));
    h('dt', null, dl, 'loss'); h('dd', null, dl, String(D.best.loss));
    h('dt', null, dl, 'configuration');
    var dd = h('dd', null, dl);
    h('pre', { 'class': 'config' }, dd, JSON.stringify(D.best.config, null, 2));
    if (!D.spaceGiven) {
      h('p', { 'class': 'caption' }, sec, 'The search space was not given, so axis scales and categories are guessed from the trials\u2019 values.');
    }
  })();

  // ---- optimization history ----

  (function history() {
    // Pruned trials, like failed ones, have no loss: they get a strip of their own above the failed one.
    var pruned = prunedIdx.length > 0;
    var W = 960, H = pruned ? 354 : 340, m = { l: 64, r: 16, t: pruned ? 48 : 34, b: 44 };
    var box = document.getElementById('history-plot');
    var svg = s('svg', { viewBox: '0 0 ' + W + ' ' + H, role: 'img', 'aria-label': 'loss of every trial against trial number', id: 'history-svg' }, box);
    if (!N) { s('text', { x: W / 2, y: H / 2, 'text-anchor': 'middle', 'class': 'axis-label' }, svg, 'no trials'); return; }
    var g = s('g', null, svg);
    var xs = linearScale(D.number[0] - 0.5, D.number[N - 1] + 0.5, m.l, W - m.r);
    var ys = lossScale(H - m.b, m.t + 12);
    axisLeft(g, ys, m.l, W - m.r);
    axisBottom(g, xs, H - m.b);
    s('text', { x: (m.l + W - m.r) / 2, y: H - 8, 'text-anchor': 'middle', 'class': 'axis-label' }, g, 'trial');
    s('text', { transform: 'translate(14,' + ((H - m.b + m.t) / 2) + ') rotate(-90)', 'text-anchor': 'middle', 'class': 'axis-label' }, g,
      lossLog ? 'loss (log scale)' : 'loss');
    var hov = [];
    var groups = PALETTE.map(function () { return []; });
    for (var k = 0; k < okIdx.length; k++) {
      var i = okIdx[k], px = xs(D.number[i]), py = lossY(ys, D.loss[i]);
      groups[Math.min(PALETTE.length - 1, Math.floor(k / okIdx.length * PALETTE.length))].push([px, py]);
      hov.push([px, py, i]);
    }
    var radius = N > 2000 ? 1.6 : N > 300 ? 2.4 : 3.5;
    for (var gi = 0; gi < groups.length; gi++) dots(g, groups[gi], '#4a78b5', radius);
    // Best so far: a step line through the ok trials in trial order.
    var best = Infinity, d = [];
    for (var n = 0; n < N; n++) {
      if (D.state[n] !== 'ok' || D.loss[n] == null || !(D.loss[n] < best)) continue;
      var x = r1(xs(D.number[n])), y = r1(lossY(ys, D.loss[n]));
      if (best === Infinity) d.push('M' + x + ' ' + y); else d.push('H' + x + 'V' + y);
      best = D.loss[n];
    }
    if (d.length) { d.push('H' + r1(xs.r1)); s('path', { d: d.join(''), 'class': 'best-line' }, g); }
    // Failed trials have no loss: a cross on the strip above the plot.
    var fy = m.t - 6, fails = [];
    for (var f = 0; f < failIdx.length; f++) {
      var fx = xs(D.number[failIdx[f]]);
      fails.push([fx, fy]);
      hov.push([fx, fy, failIdx[f]]);
    }
    crosses(g, fails, N > 2000 ? 2 : 3.5);
    s('text', { x: m.l - 6, y: fy + 4, 'text-anchor': 'end', 'class': 'axis-label' }, g, 'failed');
    if (pruned) {
      var py0 = m.t - 20, stops = [];
      for (var q = 0; q < prunedIdx.length; q++) {
        var qx = xs(D.number[prunedIdx[q]]);
        stops.push([qx, py0]);
        hov.push([qx, py0, prunedIdx[q]]);
      }
      crosses(g, stops, N > 2000 ? 2 : 3, 'pruned-mark');
      s('text', { x: m.l - 6, y: py0 + 4, 'text-anchor': 'end', 'class': 'axis-label' }, g, 'pruned');
    }
    var lg = s('g', { 'class': 'legend', transform: 'translate(' + (W - m.r - (pruned ? 430 : 330)) + ',12)' }, svg);
    s('path', { d: 'M0 0h0', stroke: '#4a78b5', 'stroke-width': 7, 'stroke-linecap': 'round' }, lg);
    s('text', { x: 9, y: 4 }, lg, 'trial loss');
    s('path', { d: 'M86 0h22', 'class': 'best-line' }, lg);
    s('text', { x: 114, y: 4 }, lg, 'best so far');
    crosses(lg, [[212, 0]], 3.5);
    s('text', { x: 222, y: 4 }, lg, 'failed trial');
    if (pruned) {
      crosses(lg, [[318, 0]], 3, 'pruned-mark');
      s('text', { x: 328, y: 4 }, lg, 'pruned trial');
    }
    hover(svg, hov, describeTrial);
    var cap = okIdx.length + ' ok trials (dots)' + (pruned ? ', ' : ' and ') + failIdx.length + ' failed (red crosses on the strip above the plot)'
      + (pruned ? ' and ' + prunedIdx.length + ' pruned (grey crosses on the strip above that: stopped early, they have no loss)' : '')
      + '; the line is the best loss so far.';
    if (clipped) cap += ' ' + clipped + ' losses above ' + fmt(lossTop) + ' are drawn on the top edge.';
    document.getElementById('history-caption').textContent = cap;
  })();

  // ---- learning curves: every trial's reported values against the step, one path per trial ----

  (function curves() {
    var t0 = performance.now();
    var sec = document.getElementById('curves');
    var have = [];
    for (var i = 0; i < N; i++) if (curveOf(i)) have.push(i);
    // A study without reports has no panel at all rather than an empty one.
    if (!have.length) { sec.parentNode.removeChild(sec); return; }
    var values = [], s0 = Infinity, s1 = -Infinity;
    for (var a = 0; a < have.length; a++) {
      var c = curveOf(have[a]);
      for (var k = 0; k < c.length; k += 2) {
        if (c[k] < s0) s0 = c[k];
        if (c[k] > s1) s1 = c[k];
        values.push(c[k + 1]);
      }
    }
    var ax = valueAxis(values);
    var W = 960, H = 360, m = { l: 64, r: 16, t: 34, b: 44 };
    var svg = s('svg', { viewBox: '0 0 ' + W + ' ' + H, role: 'img', 'aria-label': 'reported values of every trial against the step', id: 'curves-svg' },
      document.getElementById('curves-plot'));
    var g = s('g', null, svg);
    var xs = integerTicks(linearScale(s0, s1, m.l + 4, W - m.r - 4));
    var ys = ax.scale(H - m.b, m.t);
    axisLeft(g, ys, m.l, W - m.r);
    axisBottom(g, xs, H - m.b);
    s('text', { x: (m.l + W - m.r) / 2, y: H - 8, 'text-anchor': 'middle', 'class': 'axis-label' }, g, 'step');
    s('text', { transform: 'translate(14,' + ((H - m.b + m.t) / 2) + ') rotate(-90)', 'text-anchor': 'middle', 'class': 'axis-label' }, g,
      ax.log ? 'reported value (log scale)' : 'reported value');

    // Layers from the back: pruned, failed, running, ok (worst first), the best trial, the hovered one, end marks.
    var layers = {};
    ['pruned', 'fail', 'running', 'ok', 'best'].forEach(function (k) { layers[k] = s('g', { 'class': 'curves-' + k }, g); });
    var bestIndex = D.best ? D.best.index : -1;
    var byState = { ok: [], pruned: [], fail: [], running: [] };
    for (var b = 0; b < have.length; b++) {
      var st = D.state[have[b]];
      if (have[b] !== bestIndex) (byState[st] || byState.running).push(have[b]);
    }
    // ok curves darken with a lower final loss, so the good ones stand out; the worst are drawn first, under them.
    byState.ok.sort(function (x, y) { return D.loss[y] - D.loss[x] || x - y; });
    var hov = [], pathOf = {}, prunedEnds = [], failEnds = [];

    function draw(i, layer, cls, color) {
      var cv = curveOf(i), pts = [];
      for (var k = 0; k < cv.length; k += 2) {
        var x = r1(xs(cv[k])), y = r1(ax.y(ys, cv[k + 1]));
        pts.push(x + ' ' + y);
        hov.push([x, y, k * N + i]); // trial and offset in one number: no array per point
      }
      // A single value is a dot: a zero-length line with round caps.
      var d = 'M' + pts[0] + (pts.length > 1 ? 'L' + pts.slice(1).join(' ') : 'h0');
      pathOf[i] = s('path', { d: d, 'class': cls, stroke: color, 'data-trial': D.number[i] }, layer);
      return pts[pts.length - 1].split(' ').map(Number);
    }

    for (var p = 0; p < byState.pruned.length; p++) prunedEnds.push(draw(byState.pruned[p], layers.pruned, 'curve pruned'));
    for (var f = 0; f < byState.fail.length; f++) failEnds.push(draw(byState.fail[f], layers.fail, 'curve fail'));
    for (var r = 0; r < byState.running.length; r++) draw(byState.running[r], layers.running, 'curve running');
    var nOk = byState.ok.length;
    for (var o = 0; o < nOk; o++) {
      var rank = nOk - 1 - o; // 0 is the lowest final loss
      var color = PALETTE[PALETTE.length - 1 - Math.min(PALETTE.length - 1, Math.floor(rank / nOk * PALETTE.length))];
      draw(byState.ok[o], layers.ok, 'curve ok', color);
    }
    var bestDrawn = bestIndex >= 0 && curveOf(bestIndex) != null;
    if (bestDrawn) draw(bestIndex, layers.best, 'curve ok best-curve');
    var hl = s('path', { d: 'M0 0', 'class': 'curve-hover', visibility: 'hidden' }, g);
    var marks = s('g', { 'class': 'curve-ends' }, g);
    var size = have.length > 300 ? 2 : 3;
    crosses(marks, prunedEnds, size, 'pruned-mark');
    crosses(marks, failEnds, size, 'fail-mark');

    hover(svg, hov, function (pt) {
      var i = pt % N, k = (pt - i) / N, cv = curveOf(i);
      return trialLines(i, ['step ' + cv[k] + ': ' + fmt(cv[k + 1])]).join('\n');
    }, function (pt) {
      if (pt == null) { hl.setAttribute('visibility', 'hidden'); return; }
      hl.setAttribute('d', pathOf[pt % N].getAttribute('d'));
      hl.setAttribute('visibility', 'visible');
    });

    // The legend names only what the plot has.
    var entries = [];
    if (nOk) entries.push(['ok', 'ok trial']);
    if (bestDrawn) entries.push(['best', 'best trial']);
    if (byState.pruned.length) entries.push(['pruned', 'pruned trial']);
    if (byState.fail.length) entries.push(['fail', 'failed trial']);
    if (byState.running.length) entries.push(['running', 'running trial']);
    var lg = s('g', { 'class': 'legend' }, svg), lx = 0;
    entries.forEach(function (e) {
      var sample = { ok: 'curve ok', best: 'curve ok best-curve', pruned: 'curve pruned', fail: 'curve fail', running: 'curve running' }[e[0]];
      s('path', { d: 'M' + lx + ' 0h22', 'class': sample, stroke: e[0] === 'ok' ? PALETTE[PALETTE.length - 1] : null }, lg);
      if (e[0] === 'pruned') crosses(lg, [[lx + 22, 0]], 3, 'pruned-mark');
      if (e[0] === 'fail') crosses(lg, [[lx + 22, 0]], 3, 'fail-mark');
      s('text', { x: lx + 30, y: 4 }, lg, e[1]);
      lx += 30 + e[1].length * 6.5 + 16;
    });
    lg.setAttribute('transform', 'translate(' + r1(W - m.r - lx) + ',12)');

    var counts = [];
    if (nOk + (bestDrawn ? 1 : 0)) counts.push(nOk + (bestDrawn ? 1 : 0) + ' ok');
    if (byState.pruned.length) counts.push(byState.pruned.length + ' pruned');
    if (byState.fail.length) counts.push(byState.fail.length + ' failed');
    if (byState.running.length) counts.push(byState.running.length + ' running');
    var styles = [];
    if (nOk) styles.push('ok trials are blue, darker for a lower final loss');
    if (bestDrawn) styles.push('the best trial is orange');
    if (byState.pruned.length) styles.push('pruned trials are thin grey lines that end in a cross where they were stopped');
    if (byState.fail.length) styles.push('failed trials are dashed red lines ending in a red cross');
    if (byState.running.length) styles.push('running trials are dotted');
    var cap = have.length + ' of ' + N + ' trials reported values (' + counts.join(', ') + '), one line each against the step: '
      + styles.join('; ') + '. Hover to see a trial.';
    if (ax.log) cap += ' The values span three decades or more, so the axis is logarithmic.';
    if (ax.clipped) cap += ' ' + ax.clipped + ' values above ' + fmt(ax.top) + ' are drawn on the top edge.';
    document.getElementById('curves-caption').textContent = cap;
    svg.setAttribute('data-render-ms', (performance.now() - t0).toFixed(1));
  })();

  // ---- importance ----

  var order = D.params.map(function (p, j) { return j; });
  (function importance() {
    var box = document.getElementById('importance-plot');
    var imp = D.importance;
    var cap = document.getElementById('importance-caption');
    if (!D.params.length) { h('p', { 'class': 'empty' }, box, 'The space has no hyperparameters.'); return; }
    if (!imp.values) {
      h('p', { 'class': 'empty' }, box, 'Importance needs at least ' + imp.min + ' trials that finished ok; this study has ' + imp.trials + '.');
      cap.textContent = 'Method: ' + imp.method + '.';
      return;
    }
    order.sort(function (a, b) { return imp.values[b] - imp.values[a] || a - b; });
    // One row per ranked hyperparameter; under a choice, a heading per branch and the branch's own ranking, indented.
    var rows = [], MAX = 40, hidden = 0;
    function add(entries, depth, prefix) {
      entries.slice().sort(function (a, b) { return b.importance - a.importance || a.column - b.column; }).forEach(function (e) {
        var label = D.params[e.column].label;
        rows.push({ column: e.column, v: e.importance, depth: depth, full: label, text: within(label, prefix) });
        e.branches.slice().sort(function (a, b) { return b.trials - a.trials; }).forEach(function (b) {
          if (!b.entries.length) return;
          rows.push({ branch: true, depth: depth + 1, full: label + ' = ' + b.name + ' (' + b.trials + ' trials)',
            text: within(label, prefix) + ' = ' + b.name + ' \u00b7 ' + b.trials + ' trials' });
          add(b.entries, depth + 2, label + '.' + b.name + '.');
        });
      });
    }
    add(imp.ranking, 0, '');
    if (rows.length > MAX) { hidden = rows.filter(function (r, k) { return k >= MAX && !r.branch; }).length; rows = rows.slice(0, MAX); }
    var rowH = 22, W = 760, m = { r: 60, t: 6, b: 6 }, INDENT = 12;
    // The label column is as wide as its longest label, within bounds; longer labels are shortened from the left.
    var longest = 0;
    rows.forEach(function (r) { longest = Math.max(longest, r.depth * INDENT + textWidth(r.text, 14)); });
    m.l = Math.round(Math.min(340, Math.max(140, longest + 14)));
    var H = m.t + m.b + rows.length * rowH;
    var svg = s('svg', { viewBox: '0 0 ' + W + ' ' + H, role: 'img', 'aria-label': 'importance of each hyperparameter', id: 'importance-svg' }, box);
    var barW = W - m.l - m.r;
    rows.forEach(function (r, k) {
      var y = m.t + k * rowH, x = r.depth * INDENT;
      if (r.branch) {
        textWithTitle(svg, { x: x, y: y + 15, 'class': 'branch-label' }, fitLeft(r.text, W - x - 6, 12), r.full);
        return;
      }
      textWithTitle(svg, { x: m.l - 8, y: y + 15, 'text-anchor': 'end', 'class': r.depth ? 'nested' : null },
        fitLeft(r.text, m.l - 8 - x, 14), r.full);
      s('rect', { x: m.l, y: y + 4, height: rowH - 8, width: Math.max(1, r1(barW * r.v)), 'class': r.depth ? 'bar nested' : 'bar' }, svg);
      s('text', { x: m.l + barW * r.v + 6, y: y + 15, 'class': 'axis-label' }, svg, (r.v * 100).toFixed(1) + '%');
    });
    cap.textContent = 'Method: ' + imp.method + ', over the ' + imp.trials + ' trials that finished ok. '
      + 'The hyperparameters that are always active share 100%; a choice\u2019s share includes what its branches bring. '
      + 'Under each branch, indented, its own hyperparameters share 100% among the trials that took it. '
      + 'Shares of the explained variation, not effect directions. Hover a label for the whole of it.'
      + (hidden ? ' ' + hidden + ' more are not shown.' : '');
  })();

  // ---- choices at a glance: the loss of every trial by the branch it took ----

  (function choices() {
    var sec = document.getElementById('choices');
    var box = document.getElementById('choices-plots');
    var named = order.filter(function (j) { return D.params[j].named; });
    if (!named.length) { sec.hidden = true; return; }
    if (!okIdx.length) { h('p', { 'class': 'empty' }, box, 'No trial finished ok, so there is no loss to compare.'); return; }
    named.forEach(function (j) {
      var p = D.params[j];
      var branches = p.categories.map(function (name, o) { return { name: name, ok: [], failed: 0, best: Infinity }; });
      for (var i = 0; i < N; i++) {
        var v = p.values[i];
        if (v == null || !branches[v]) continue;
        if (D.state[i] === 'ok' && D.loss[i] != null) {
          branches[v].ok.push(i);
          branches[v].best = Math.min(branches[v].best, D.loss[i]);
        } else if (D.state[i] === 'fail') {
          branches[v].failed++;
        }
      }
      // Best branch first; branches no ok trial took come last.
      branches.sort(function (a, b) { return a.best - b.best || b.ok.length - a.ok.length; });
      var rowH = 20, W = 760, m = { t: 8, b: 36, r: 170 };
      var longest = 0;
      branches.forEach(function (b) { longest = Math.max(longest, textWidth(b.name, 12.5)); });
      m.l = Math.round(Math.min(220, Math.max(80, longest + 14)));
      var H = m.t + m.b + branches.length * rowH;
      var panel = h('div', { 'class': 'choice', 'data-label': p.label }, box);
      var title = h('h3', null, panel, p.label);
      title.title = p.label;
      var svg = s('svg', { viewBox: '0 0 ' + W + ' ' + H, role: 'img', 'aria-label': 'loss by branch of ' + p.label, 'class': 'choice-svg' }, panel);
      var g = s('g', null, svg);
      var xs = lossScale(m.l, W - m.r);
      axisBottom(g, xs, H - m.b);
      s('text', { x: (m.l + W - m.r) / 2, y: H - 6, 'text-anchor': 'middle', 'class': 'axis-label' }, g,
        lossLog ? 'loss (log scale)' : 'loss');
      var hov = [];
      branches.forEach(function (b, k) {
        var y = m.t + k * rowH + rowH / 2;
        if (k % 2 === 0) s('rect', { x: m.l, y: y - rowH / 2, width: W - m.l - m.r, height: rowH, 'class': 'stripe' }, g);
        textWithTitle(g, { x: m.l - 8, y: y + 4, 'text-anchor': 'end', 'class': 'branch-name' }, fitRight(b.name, m.l - 12, 12.5), b.name);
        var pts = [];
        b.ok.forEach(function (i) {
          var jitter = ((D.number[i] * 2654435761) % 1000) / 1000 - 0.5;
          var px = lossY(xs, D.loss[i]), py = y + jitter * rowH * 0.6;
          pts.push([px, py]);
          hov.push([px, py, i]);
        });
        dots(g, pts, PALETTE[3], b.ok.length > 300 ? 1.6 : 2.6);
        if (b.ok.length) {
          s('path', { d: 'M' + r1(lossY(xs, b.best)) + ' ' + r1(y - rowH / 2 + 2) + 'v' + (rowH - 4), 'class': 'best-line' }, g);
        }
        var note = b.ok.length ? b.ok.length + ' ok · best ' + fmt(b.best) : 'no ok trial';
        if (b.failed) note += ' · ' + b.failed + ' failed';
        s('text', { x: W - m.r + 8, y: y + 4, 'class': 'axis-label' }, g, fitRight(note, m.r - 10, 12));
      });
      hover(svg, hov, describeTrial);
    });
    document.getElementById('choices-caption').textContent = 'For every named choice, in order of importance: each ok trial’s loss, '
      + 'one row per branch, the best branch first; the orange bar is the branch’s best loss. On the right, each branch’s '
      + 'count of ok trials, its best loss and its failed trials.';
  })();

  // ---- one panel per hyperparameter ----

  (function panels() {
    var box = document.getElementById('param-panels');
    if (!D.params.length) return;
    if (!okIdx.length) { h('p', { 'class': 'empty' }, box, 'No trial finished ok, so there is no loss to plot against.'); return; }
    var W = 320, H = 230, m = { l: 52, r: 10, t: 10, b: 38 };
    for (var k = 0; k < order.length; k++) {
      var p = D.params[order[k]];
      var panel = h('div', { 'class': 'panel', 'data-label': p.label }, box);
      h('h3', null, panel, p.label);
      var active = [];
      for (var a = 0; a < okIdx.length; a++) if (p.values[okIdx[a]] != null) active.push(okIdx[a]);
      var note = (p.prior ? p.prior : p.kind) + (p.log ? ' \u00b7 log axis' : '') + ' \u00b7 active in ' + active.length + ' of ' + okIdx.length + ' ok trials';
      h('div', { 'class': 'prior' }, panel, note);
      var svg = s('svg', { viewBox: '0 0 ' + W + ' ' + H, role: 'img', 'aria-label': 'loss against ' + p.label, 'class': 'param-svg' }, panel);
      var g = s('g', null, svg);
      var ys = lossScale(H - m.b, m.t);
      axisLeft(g, ys, m.l, W - m.r);
      if (!active.length) {
        s('text', { x: (m.l + W) / 2, y: H / 2, 'text-anchor': 'middle', 'class': 'axis-label' }, g, 'never active in an ok trial');
        continue;
      }
      var xs;
      if (p.kind === 'categorical') {
        xs = bandScale(p.categories.length, m.l, W - m.r);
      } else {
        xs = scaleFor(active.map(function (i) { return p.values[i]; }), p.log, m.l + 4, W - m.r - 4);
        if (p.kind === 'int' && !p.log) integerTicks(xs);
      }
      axisBottom(g, xs, H - m.b, p.categories);
      s('text', { x: (m.l + W - m.r) / 2, y: H - 4, 'text-anchor': 'middle', 'class': 'axis-label' }, g,
        p.kind === 'categorical' ? 'option' : (p.log ? 'value (log scale)' : 'value'));
      var groups = PALETTE.map(function () { return []; }), hov = [];
      for (var t = 0; t < active.length; t++) {
        var i = active[t], v = p.values[i], px;
        if (xs.band) {
          var jitter = ((D.number[i] * 2654435761) % 1000) / 1000 - 0.5;
          px = xs(v) + jitter * xs.bw * 0.7;
        } else {
          px = xs(v);
        }
        var py = lossY(ys, D.loss[i]);
        groups[Math.min(PALETTE.length - 1, Math.floor(t / active.length * PALETTE.length))].push([px, py]);
        hov.push([px, py, i]);
      }
      var radius = active.length > 2000 ? 1.3 : active.length > 300 ? 2 : 3;
      for (var gi = 0; gi < groups.length; gi++) dots(g, groups[gi], PALETTE[gi], radius);
      if (D.best && p.values[D.best.index] != null) {
        var bx = xs.band ? xs(p.values[D.best.index]) : xs(p.values[D.best.index]);
        s('circle', { cx: r1(bx), cy: r1(lossY(ys, D.best.loss)), r: 5, fill: 'none', stroke: '#d9480f', 'stroke-width': 2, 'class': 'best-mark' }, g);
      }
      hover(svg, hov, describeTrial);
    }
    document.getElementById('params-caption').textContent =
      'Each ok trial where the hyperparameter was active, by its value and loss; colour goes from early trials (light) to late ones (dark); '
      + 'the ring is the best trial. Categorical hyperparameters are strips, one per option. '
      + (D.importance.values ? 'Panels are in order of importance.' : 'Panels are in the order of the space.');
  })();

  // ---- parallel coordinates of the best trials ----

  (function parallel() {
    var box = document.getElementById('parallel-plot');
    var cap = document.getElementById('parallel-caption');
    if (!okIdx.length || !D.params.length) { h('p', { 'class': 'empty' }, box, 'No trial finished ok.'); return; }
    var ranked = okIdx.slice().sort(function (a, b) { return D.loss[a] - D.loss[b] || a - b; });
    var K = Math.min(ranked.length, Math.max(10, Math.min(100, Math.round(ranked.length * 0.1))));
    var top = ranked.slice(0, K);
    var axes = order.slice(0, 15);
    var W = Math.max(960, 110 * (axes.length + 1)), H = 380, m = { l: 60, r: 60, t: 44, b: 30 };
    var svg = s('svg', { viewBox: '0 0 ' + W + ' ' + H, role: 'img', 'aria-label': 'parallel coordinates of the best trials', id: 'parallel-svg' }, box);
    var step = (W - m.l - m.r) / Math.max(1, axes.length);
    var scales = [];
    for (var a = 0; a < axes.length; a++) {
      var p = D.params[axes[a]], x = m.l + a * step, vals = [];
      for (var k = 0; k < okIdx.length; k++) if (p.values[okIdx[k]] != null) vals.push(p.values[okIdx[k]]);
      var sc;
      if (p.kind === 'categorical') {
        var n = p.categories.length;
        sc = linearScale(-0.5, n - 0.5, H - m.b, m.t);
      } else {
        sc = vals.length ? scaleFor(vals, p.log, H - m.b, m.t) : linearScale(0, 1, H - m.b, m.t);
        if (p.kind === 'int' && !p.log) integerTicks(sc);
      }
      scales.push(sc);
      drawAxis(svg, x, sc, p, a);
    }
    var lx = m.l + axes.length * step;
    var ls = scaleFor(top.map(function (i) { return D.loss[i]; }), lossLog, H - m.b, m.t);
    drawAxis(svg, lx, ls, { label: 'loss', kind: 'float', log: lossLog }, axes.length);
    var lines = s('g', { 'class': 'pc-lines' }, svg);
    svg.insertBefore(lines, svg.firstChild);
    for (var r = top.length - 1; r >= 0; r--) {
      var i = top[r], d = [], pen = false;
      for (var q = 0; q < axes.length; q++) {
        var v = D.params[axes[q]].values[i];
        if (v == null) { pen = false; continue; }
        d.push((pen ? 'L' : 'M') + r1(m.l + q * step) + ' ' + r1(scales[q](v)));
        pen = true;
      }
      d.push((pen ? 'L' : 'M') + r1(lx) + ' ' + r1(ls(D.loss[i])));
      s('path', { d: d.join(''), fill: 'none', stroke: lossColor(top.length > 1 ? r / (top.length - 1) : 0),
        'stroke-width': r === 0 ? 2.6 : 1.3, 'stroke-opacity': r === 0 ? 1 : 0.75, 'data-trial': D.number[i] }, lines);
    }
    cap.textContent = 'The ' + K + ' best of ' + okIdx.length + ' ok trials, one line each, from the best (dark orange, thickest) to the '
      + K + 'th (pale blue); a line has a gap where a hyperparameter was inactive. Axes are in order of importance'
      + (order.length > axes.length ? ' (the first ' + axes.length + ' of ' + order.length + ')' : '') + '; they span every ok trial\u2019s values, the loss axis only these trials\u2019.';

    function drawAxis(svgEl, x, sc, p, idx) {
      var ag = s('g', { 'class': 'pc-axis' }, svgEl);
      s('line', { x1: r1(x), x2: r1(x), y1: sc.r0, y2: sc.r1 }, ag);
      // Headers are as wide as the gap between axes at most, shortened from the left, whole on hover.
      textWithTitle(ag, { x: r1(x), y: m.t - 26, 'text-anchor': 'middle', 'font-size': 12, 'font-weight': 600 },
        fitLeft(p.label, step - 14, 13.5), p.label);
      s('text', { x: r1(x), y: m.t - 8, 'text-anchor': 'middle', 'class': 'axis-label', 'font-size': 10 }, ag,
        p.kind === 'categorical' ? 'categories' : (p.log ? 'log' : ''));
      var ticks = p.kind === 'categorical' ? p.categories.map(function (c, ci) { return ci; }) : sc.ticks(4);
      var every = Math.max(1, Math.ceil(ticks.length / 12));
      for (var t = 0; t < ticks.length; t += every) {
        var y = r1(sc(ticks[t]));
        var tg = s('g', { 'class': 'tick' }, ag);
        s('line', { x1: x - 3, x2: x + 3, y1: y, y2: y, stroke: '#9aa3b2' }, tg);
        var txt = p.kind === 'categorical' ? p.categories[ticks[t]] : fmt(ticks[t]);
        textWithTitle(tg, { x: x + 5, y: y + 3.5, 'text-anchor': 'start' }, fitRight(txt, step - 12, 11), txt);
      }
      return idx;
    }
  })();

  // ---- the table: sortable, filterable, one page at a time ----

  (function table() {
    var PAGE = 50;
    var controls = document.getElementById('table-controls');
    var tbl = document.getElementById('trials-table');
    var cols = [
      { key: 'trial', title: '#', num: true, get: function (i) { return D.number[i]; }, text: function (i) { return String(D.number[i]); } },
      { key: 'status', title: 'status', get: function (i) { return D.state[i]; }, html: function (i, td) { h('span', { 'class': 'status ' + D.state[i] }, td, D.state[i]); } },
      { key: 'loss', title: 'loss', num: true, get: function (i) { return D.loss[i]; }, text: function (i) { return D.loss[i] == null ? '\u2014' : String(D.loss[i]); } }
    ];
    // Reported values: how many, and the last one with its step (where a pruned trial stopped).
    if (D.intermediate) {
      var last = function (i, off) { var c = curveOf(i); return c ? c[c.length - off] : null; };
      cols.push(
        { key: 'reports', title: 'reports', num: true, get: function (i) { var c = curveOf(i); return c ? c.length / 2 : 0; },
          text: function (i) { var c = curveOf(i); return c ? String(c.length / 2) : '0'; } },
        { key: 'step', title: 'last step', num: true, get: function (i) { return last(i, 2); },
          text: function (i) { var v = last(i, 2); return v == null ? '\u2014' : String(v); } },
        { key: 'value', title: 'last value', num: true, get: function (i) { return last(i, 1); },
          text: function (i) { var v = last(i, 1); return v == null ? '\u2014' : String(v); } });
    }
    cols.push(
      { key: 'seconds', title: 'seconds', num: true, get: function (i) { return D.millis[i]; }, text: function (i) { return D.millis[i] == null ? '\u2014' : (D.millis[i] / 1000).toFixed(3); } });
    D.params.forEach(function (p) {
      cols.push({ key: 'p:' + p.label, title: p.label, num: p.kind !== 'categorical', param: p,
        get: function (i) { return p.values[i]; }, text: function (i) { return paramText(p, i); } });
    });
    cols.push({ key: 'error', title: 'failure reason', get: function (i) { return D.error[i]; }, error: true,
      text: function (i) { return D.error[i] == null ? '' : D.error[i]; } });

    var filter = 'all', sortCol = 0, sortDir = 1, page = 0, rows = [];
    // A view can be linked: #sort=loss&dir=desc&filter=fail (sort by a column key, 'loss', 'trial', 'p:LABEL', ...).
    var FILTERS = [['all', 'all trials'], ['ok', 'ok only'], ['fail', 'failed only'], ['pruned', 'pruned only']];
    location.hash.replace(/^#/, '').split('&').forEach(function (kv) {
      var e = kv.indexOf('='), k = decodeURIComponent(kv.slice(0, e)), v = decodeURIComponent(kv.slice(e + 1));
      if (e < 0) return;
      if (k === 'filter' && FILTERS.some(function (o) { return o[0] === v; })) filter = v;
      if (k === 'dir') sortDir = v === 'desc' ? -1 : 1;
      if (k === 'sort') cols.forEach(function (c, ci) { if (c.key === v) sortCol = ci; });
    });
    var sel = h('select', { id: 'table-filter', 'aria-label': 'which trials' }, h('label', null, controls, 'show '));
    FILTERS.forEach(function (o) { h('option', { value: o[0] }, sel, o[1]); });
    sel.value = filter;
    sel.addEventListener('change', function () { filter = sel.value; page = 0; refresh(); });
    var prev = h('button', { type: 'button', id: 'table-prev' }, controls, '\u2039 previous');
    var info = h('span', { id: 'table-info' }, controls);
    var next = h('button', { type: 'button', id: 'table-next' }, controls, 'next \u203a');
    prev.addEventListener('click', function () { if (page > 0) { page--; draw(); } });
    next.addEventListener('click', function () { if ((page + 1) * PAGE < rows.length) { page++; draw(); } });
    h('span', null, controls, 'Click a column title to sort.');

    var thead = h('thead', null, tbl), tr = h('tr', null, thead), tbody = h('tbody', null, tbl);
    var ths = cols.map(function (c, ci) {
      var th = h('th', { scope: 'col', 'data-key': c.key }, tr, c.title);
      th.addEventListener('click', function () {
        if (sortCol === ci) sortDir = -sortDir; else { sortCol = ci; sortDir = 1; }
        page = 0; refresh();
      });
      return th;
    });

    function refresh() {
      rows = [];
      for (var i = 0; i < N; i++) if (filter === 'all' || D.state[i] === filter) rows.push(i);
      var c = cols[sortCol];
      rows.sort(function (a, b) {
        var x = c.get(a), y = c.get(b);
        if (x == null && y == null) return a - b;
        if (x == null) return 1;
        if (y == null) return -1;
        if (c.param && c.param.kind === 'categorical') { x = c.param.categories[x] || x; y = c.param.categories[y] || y; }
        var r = x < y ? -1 : x > y ? 1 : 0;
        return r * sortDir || a - b;
      });
      ths.forEach(function (th, ci) { th.className = ci === sortCol ? (sortDir > 0 ? 'sorted-asc' : 'sorted-desc') : ''; });
      draw();
    }

    function draw() {
      while (tbody.firstChild) tbody.removeChild(tbody.firstChild);
      var end = Math.min(rows.length, (page + 1) * PAGE);
      for (var k = page * PAGE; k < end; k++) {
        var i = rows[k];
        var row = h('tr', { 'data-trial': D.number[i], 'class': D.best && D.best.index === i ? 'best' : null }, tbody);
        for (var ci = 0; ci < cols.length; ci++) {
          var c = cols[ci], td = h('td', { 'class': c.error ? 'error' : c.num ? 'num' : null }, row);
          if (c.html) c.html(i, td); else td.textContent = c.text(i);
        }
      }
      info.textContent = rows.length ? 'trials ' + (page * PAGE + 1) + '\u2013' + end + ' of ' + rows.length : 'no trials';
      prev.disabled = page === 0;
      next.disabled = end >= rows.length;
    }

    refresh();
  })();

  // Text that overlaps other text is unreadable: count it, per plot, so that a test (or a reader) can see it.
  (function overlaps() {
    var count = 0, where = [];
    document.querySelectorAll('svg').forEach(function (svg) {
      var boxes = [];
      svg.querySelectorAll('text').forEach(function (t) {
        if (!t.textContent) return;
        var r = t.getBoundingClientRect();
        if (r.width > 0 && r.height > 0) boxes.push([r, t.textContent]);
      });
      for (var a = 0; a < boxes.length; a++) {
        for (var b = a + 1; b < boxes.length; b++) {
          var p = boxes[a][0], q = boxes[b][0];
          // Half a pixel of slack: glyph boxes include line spacing that touches without covering.
          if (p.left < q.right - 0.5 && q.left < p.right - 0.5 && p.top < q.bottom - 0.5 && q.top < p.bottom - 0.5) {
            count++;
            if (where.length < 5) where.push('"' + boxes[a][1] + '" and "' + boxes[b][1] + '"');
          }
        }
      }
    });
    document.documentElement.setAttribute('data-text-overlaps', String(count));
    if (where.length) document.documentElement.setAttribute('data-text-overlaps-first', where.join('; '));
  })();

  var ms = performance.now() - started;
  document.documentElement.setAttribute('data-render-ms', ms.toFixed(1));
  document.documentElement.setAttribute('data-rendered', 'true');
})();
