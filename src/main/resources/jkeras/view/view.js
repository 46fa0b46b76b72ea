/* jkeras: the live metrics page. /fits/N/ shows fit N; / follows the newest fit of the program.
   Each fit arrives as server-sent events: a snapshot of everything so far (also after a
   reconnect), then one event per epoch, per few batches (when asked) and per status change.
   Everything from the server is put into the page as text (textContent), never as HTML. */
(function () {
  "use strict";

  var pinned = location.pathname.match(/^\/fits\/(\d+)\/?$/);
  var pinnedId = pinned ? Number(pinned[1]) : null;
  var shownId = null;
  var state = null;
  var source = null;
  var lost = false;
  var programGone = false;
  var renderQueued = false;
  // How the data came: a test reads these to tell live events from snapshots.
  var stats = { snapshots: 0, liveEpochs: 0, liveBatches: 0 };
  var charts = new window.JkerasCharts.Charts(document.getElementById("charts"));

  window.jkerasView = {
    state: function () { return state; },
    stats: stats,
    shownId: function () { return shownId; }
  };

  function show(id) {
    if (source) { source.close(); }
    shownId = id;
    state = null;
    lost = false;
    source = new EventSource("/fits/" + id + "/events");
    source.addEventListener("snapshot", function (m) {
      state = JSON.parse(m.data);
      stats.snapshots++;
      lost = false;
      if (state.status === "finished") { source.close(); }
      schedule();
    });
    source.addEventListener("plan", function (m) {
      if (state) { state.plannedEpochs = JSON.parse(m.data).plannedEpochs; schedule(); }
    });
    source.addEventListener("status", function (m) {
      if (!state) { return; }
      state.status = JSON.parse(m.data).status;
      if (state.status === "finished") { state.progress = null; source.close(); }
      schedule();
    });
    source.addEventListener("epoch", function (m) {
      if (!state) { return; }
      state.epochs.push(JSON.parse(m.data));
      state.epochCount = state.epochs.length;
      state.progress = null;
      stats.liveEpochs++;
      schedule();
    });
    source.addEventListener("batch", function (m) {
      if (!state) { return; }
      state.progress = JSON.parse(m.data);
      stats.liveBatches++;
      schedule();
    });
    source.onopen = function () { lost = false; schedule(); };
    // EventSource reconnects by itself (the server asks for 1 s) and then gets a new snapshot.
    source.onerror = function () { lost = true; schedule(); };
    schedule();
  }

  function schedule() {
    if (!renderQueued) {
      renderQueued = true;
      setTimeout(function () { renderQueued = false; render(); }, 40);
    }
  }

  function text(id, value, className) {
    var el = document.getElementById(id);
    el.textContent = value;
    if (className !== undefined) { el.className = className; }
  }

  function statusLine() {
    if (!state) { return shownId === null ? "waiting for a fit" : "connecting"; }
    var done = state.epochs.length;
    var of = state.plannedEpochs ? " of " + state.plannedEpochs : "";
    var line;
    if (state.status === "waiting") {
      line = "waiting for the fit to start";
    } else if (state.status === "training") {
      var last = done ? state.epochs[done - 1].epoch + 1 : 0;
      line = "training: " + last + " epoch" + (last === 1 ? "" : "s") + " done" + (of ? of : "");
      if (state.progress) { line += ", epoch " + (state.progress.epoch + 1) + " at batch " + (state.progress.batch + 1); }
    } else {
      line = "finished: " + done + " epoch" + (done === 1 ? "" : "s");
    }
    if (lost && state.status !== "finished") {
      line += programGone ? " (the program has ended: this is all it sent)" : " (connection lost, retrying)";
    }
    return line;
  }

  function format(v) {
    if (typeof v === "number") { return Math.abs(v) >= 1e5 || (v !== 0 && Math.abs(v) < 1e-3) ? v.toExponential(3) : v.toFixed(4); }
    return v === null || v === undefined ? "" : String(v);
  }

  function renderTable(names) {
    var table = document.getElementById("epochs");
    var head = table.tHead;
    var body = table.tBodies[0];
    while (head.firstChild) { head.removeChild(head.firstChild); }
    while (body.firstChild) { body.removeChild(body.firstChild); }
    if (!state) { return; }
    var hr = head.insertRow();
    ["epoch"].concat(names).forEach(function (n) {
      var th = document.createElement("th");
      th.textContent = n;
      hr.appendChild(th);
    });
    function row(epoch, logs, label, className) {
      var tr = body.insertRow();
      tr.dataset.epoch = String(epoch);
      if (className) { tr.className = className; }
      tr.insertCell().textContent = label;
      names.forEach(function (n) { tr.insertCell().textContent = format(logs[n]); });
    }
    state.epochs.forEach(function (e) { row(e.epoch, e.logs, String(e.epoch + 1)); });
    if (state.progress) {
      row(state.progress.epoch, state.progress.logs, (state.progress.epoch + 1) + " (running)", "progress");
    }
  }

  function render() {
    var status = state ? state.status : "waiting";
    text("title", state ? state.title : "training metrics");
    text("status", statusLine(), "status " + (lost && status !== "finished" ? "lost" : status));
    document.title = (state ? state.title + " · " : "") + "jkeras metrics";
    if (!state) {
      renderTable([]);
      return;
    }
    var runs = [{ label: state.title, epochs: state.epochs, progress: state.progress }];
    renderTable(window.JkerasCharts.metricNames(runs));
    charts.draw(runs);
    markCurrent();
  }

  function markCurrent() {
    var links = document.getElementById("fits").children;
    for (var i = 0; i < links.length; i++) {
      links[i].className = Number(links[i].dataset.id) === shownId ? "current" : "";
    }
  }

  /* The program's fits, for the links and to follow the newest one. */
  function poll() {
    fetch("/fits.json", { cache: "no-store" }).then(function (r) { return r.json(); }).then(function (fits) {
      programGone = false;
      var nav = document.getElementById("fits");
      while (nav.firstChild) { nav.removeChild(nav.firstChild); }
      if (fits.length > 1) {
        fits.forEach(function (f) {
          var a = document.createElement("a");
          a.href = f.url;
          a.dataset.id = String(f.id);
          a.textContent = "#" + f.id + " " + f.title + " · " + f.status;
          nav.appendChild(a);
        });
      }
      var newest = fits.length ? fits[fits.length - 1].id : null;
      var wanted = pinnedId !== null ? pinnedId : newest;
      if (wanted !== null && wanted !== shownId) { show(wanted); }
      markCurrent();
      setTimeout(poll, 1000);
    }).catch(function () {
      programGone = true;
      schedule();
      setTimeout(poll, 3000);
    });
  }

  if (pinnedId !== null) { show(pinnedId); }
  poll();
})();
