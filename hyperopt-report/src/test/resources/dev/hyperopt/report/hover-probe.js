/* Appended to a report by ReportBrowserTest: points at plot elements the way a mouse would and writes what the
   page showed as JSON into a pre element with id probe. */
(function () {
  var tooltip = document.getElementById('tooltip');

  function numbers(d) {
    return d.replace('h0', '').replace(/[MLl]/g, ' ').trim().split(/\s+/).map(Number);
  }

  // A mouse move to the plot coordinates (x, y) of svg; what the tooltip says afterwards.
  function moveTo(svg, x, y) {
    var p = svg.createSVGPoint();
    p.x = x; p.y = y;
    var at = p.matrixTransform(svg.getScreenCTM());
    svg.dispatchEvent(new MouseEvent('mousemove', { clientX: at.x, clientY: at.y }));
    return tooltip.hidden ? null : tooltip.textContent;
  }

  var out = {};
  var curves = document.getElementById('curves-svg');
  var path = curves.querySelector('path.curve.pruned');
  var xy = numbers(path.getAttribute('d'));
  var hl = curves.querySelector('path.curve-hover');
  out.curve = {
    trial: Number(path.getAttribute('data-trial')),
    tooltip: moveTo(curves, xy[xy.length - 2], xy[xy.length - 1]),
    d: path.getAttribute('d'),
    highlight: hl.getAttribute('d'),
    highlightVisibility: hl.getAttribute('visibility')
  };
  curves.dispatchEvent(new MouseEvent('mouseleave'));
  out.afterLeaving = { tooltipHidden: tooltip.hidden, highlightVisibility: hl.getAttribute('visibility') };

  // The first cross on the history's pruned strip: "M x-s y-s l 2s 2s M x+s y-s l -2s 2s".
  var history = document.getElementById('history-svg');
  var c = numbers(history.querySelector('path.pruned-mark').getAttribute('d'));
  var half = (c[4] - c[0]) / 2;
  out.history = moveTo(history, c[0] + half, c[1] + half);

  var pre = document.createElement('pre');
  pre.id = 'probe';
  pre.textContent = JSON.stringify(out);
  document.body.appendChild(pre);
})();
