/* The dashboard's addition to a study's report: a bar back to the list, and a reload whenever
   the study's version (trials added, values reported, trials finished) changes, at the same scroll position. */
(function () {
  'use strict';
  var me = document.getElementById('dashboard-live');
  var url = me.getAttribute('data-version-url');
  var version = me.getAttribute('data-version');
  var key = 'hyperopt-dashboard-scroll:' + location.pathname;
  // A large study's page takes long to compute and draw: poll no more often than three times what this load took.
  var POLL_MS = Math.max(2000, Math.round(3 * performance.now()));

  try {
    var y = sessionStorage.getItem(key);
    if (y !== null) {
      sessionStorage.removeItem(key);
      window.scrollTo(0, Number(y));
    }
  } catch (e) { /* storage refused (private mode): the page starts at the top */ }

  var bar = document.createElement('nav');
  bar.id = 'dashboard-bar';
  bar.className = 'dashboard-bar';
  var back = document.createElement('a');
  back.href = '/';
  back.textContent = '\u2190 all studies';
  bar.appendChild(back);
  var status = document.createElement('span');
  status.id = 'dashboard-status';
  status.className = 'dashboard-status';
  status.textContent = 'live \u00b7 ' + me.getAttribute('data-trials') + ' trials \u00b7 updates as trials finish';
  bar.appendChild(status);
  document.body.insertBefore(bar, document.body.firstChild);

  function poll() {
    fetch(url, { cache: 'no-store' }).then(function (r) {
      if (!r.ok) throw new Error('status ' + r.status);
      return r.json();
    }).then(function (v) {
      if (v.version !== version) {
        try { sessionStorage.setItem(key, String(window.scrollY)); } catch (e) { /* reload at the top */ }
        location.reload();
        return;
      }
      status.textContent = 'live \u00b7 ' + v.trials + ' trials \u00b7 updates as trials finish';
      setTimeout(poll, POLL_MS);
    }, function () {
      status.textContent = 'the dashboard cannot be reached; retrying';
      setTimeout(poll, POLL_MS);
    });
  }
  setTimeout(poll, POLL_MS);
})();
