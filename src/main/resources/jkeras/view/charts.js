/* jkeras: draws training histories as one uPlot chart per metric, training solid and validation
   dashed, one colour per run. Used by the live metrics page and the run comparison page.
   Metric names and titles are only ever set as text (uPlot does the same), never parsed as HTML. */
(function () {
  "use strict";

  var COLORS = ["#2563eb", "#dc2626", "#16a34a", "#9333ea", "#ea580c", "#0891b2"];
  var VALIDATION = "#ea580c";

  /* Panels of metric names: loss first, then the others by name; "val_x" joins "x" when there is one. */
  function panels(names) {
    var present = {};
    names.forEach(function (n) { present[n] = true; });
    var bases = names.filter(function (n, i) {
      return names.indexOf(n) === i && !(n.indexOf("val_") === 0 && present[n.slice(4)]);
    });
    bases.sort(function (a, b) {
      if (a === b) { return 0; }
      if (a === "loss") { return -1; }
      if (b === "loss") { return 1; }
      return a < b ? -1 : 1;
    });
    return bases.map(function (base) {
      return { name: base, names: present["val_" + base] ? [base, "val_" + base] : [base] };
    });
  }

  /* Metric names of runs, in panel order. */
  function metricNames(runs) {
    var names = [];
    function add(n) { if (names.indexOf(n) < 0) { names.push(n); } }
    runs.forEach(function (run) {
      run.epochs.forEach(function (e) { Object.keys(e.logs).forEach(add); });
      if (run.progress) { Object.keys(run.progress.logs).forEach(add); }
    });
    var ordered = [];
    panels(names).forEach(function (p) { ordered = ordered.concat(p.names); });
    return ordered;
  }

  /* A log value as a chart value: NaN and infinities arrive as strings and become gaps. */
  function numeric(v) {
    return typeof v === "number" && isFinite(v) ? v : null;
  }

  /* runs: [{label, epochs: [{epoch, logs}], progress: {epoch, batch, logs} or null}].
     Epochs are Keras' 0-based numbers; charts number them from 1, as Keras prints them,
     and draw the epoch in progress (running values) where it will end. */
  function Charts(container) {
    this.container = container;
    this.plots = [];
    this.key = null;
    var self = this;
    window.addEventListener("resize", function () { self.resize(); });
  }

  Charts.prototype.draw = function (runs) {
    var groups = panels(metricNames(runs));
    var labels = runs.map(function (r) { return r.label; });
    var key = JSON.stringify([groups, labels]);
    if (key !== this.key) {
      this.rebuild(groups, runs);
      this.key = key;
    }
    var xs = [];
    runs.forEach(function (run) {
      run.epochs.forEach(function (e) { if (xs.indexOf(e.epoch + 1) < 0) { xs.push(e.epoch + 1); } });
      if (run.progress && xs.indexOf(run.progress.epoch + 1) < 0) { xs.push(run.progress.epoch + 1); }
    });
    xs.sort(function (a, b) { return a - b; });
    var self = this;
    groups.forEach(function (group, i) {
      var data = [xs];
      runs.forEach(function (run) {
        group.names.forEach(function (name) {
          var byX = {};
          run.epochs.forEach(function (e) { byX[e.epoch + 1] = numeric(e.logs[name]); });
          if (run.progress && name in run.progress.logs) {
            byX[run.progress.epoch + 1] = numeric(run.progress.logs[name]);
          }
          data.push(xs.map(function (x) { return x in byX ? byX[x] : null; }));
        });
      });
      self.plots[i].setData(data);
    });
  };

  Charts.prototype.rebuild = function (groups, runs) {
    this.plots.forEach(function (p) { p.destroy(); });
    this.plots = [];
    while (this.container.firstChild) { this.container.removeChild(this.container.firstChild); }
    var self = this;
    groups.forEach(function (group) {
      var panel = document.createElement("div");
      panel.className = "panel";
      self.container.appendChild(panel);
      var series = [{ label: "epoch" }];
      runs.forEach(function (run, r) {
        group.names.forEach(function (name) {
          var validation = name.indexOf("val_") === 0 && group.names.length > 1;
          // One run: training and validation in two colours, as R's view_metrics draws them.
          // Several: a colour per run, validation dashed.
          var color = runs.length > 1 ? COLORS[r % COLORS.length] : validation ? VALIDATION : COLORS[0];
          series.push({
            label: (runs.length > 1 ? run.label + " " : "") + name,
            stroke: color,
            width: 2,
            dash: validation && runs.length > 1 ? [6, 4] : undefined,
            spanGaps: true,
            points: { show: true, size: 5 }
          });
        });
      });
      var plot = new uPlot({
        title: group.name,
        width: self.widthOf(panel),
        height: 260,
        scales: { x: { time: false } },
        series: series,
        axes: [
          { label: "epoch", incrs: [1, 2, 5, 10, 20, 50, 100, 200, 500, 1000] },
          { size: 64 }
        ],
        cursor: { drag: { x: false, y: false } }
      }, [[]].concat(series.slice(1).map(function () { return []; })), panel);
      self.plots.push(plot);
    });
  };

  Charts.prototype.widthOf = function (panel) {
    return Math.max(300, panel.clientWidth - 16);
  };

  Charts.prototype.resize = function () {
    var self = this;
    this.plots.forEach(function (p) {
      p.setSize({ width: self.widthOf(p.root.parentNode), height: 260 });
    });
  };

  window.JkerasCharts = { Charts: Charts, metricNames: metricNames, numeric: numeric };
})();
