(function () {
  "use strict";
  var started = performance.now();
  var data = JSON.parse(document.getElementById("mlci-data").textContent);
  var runs = data.runs, n = runs.id.length, strings = data.strings;
  var STATUS = data.statuses, GATE = ["passed", "unstable", "failed"];
  var COLORS = ["#0969da", "#cf222e", "#1a7f37", "#8250df", "#bc4c00", "#1b7c83", "#bf3989", "#57606a"];
  var PAGE = 200;

  function el(tag, attrs, text) {
    var e = document.createElement(tag);
    for (var k in attrs || {}) { e.setAttribute(k, attrs[k]); }
    if (text !== undefined) { e.textContent = text; }
    return e;
  }
  function svg(tag, attrs) {
    var e = document.createElementNS("http://www.w3.org/2000/svg", tag);
    for (var k in attrs || {}) { e.setAttribute(k, attrs[k]); }
    return e;
  }
  function fmt(v) {
    if (v === null || v === undefined) { return "-"; }
    if (typeof v !== "number") { return String(v); }
    if (Number.isInteger(v)) { return String(v); }
    var s = v.toPrecision(5);
    return s.indexOf("e") >= 0 ? s : s.replace(/\.?0+$/, "");
  }
  function date(t) { return new Date(t * 1000).toISOString().replace("T", " ").slice(0, 16); }

  // ------------------------------------------------------------------ charts
  function chart(metricIndex) {
    var name = data.metrics[metricIndex], values = runs.m[metricIndex];
    var box = el("div", {"class": "chart", "data-metric": name});
    box.appendChild(el("h3", {}, name));
    var W = 600, H = 200, L = 48, R = 8, T = 8, B = 22;
    var tmin = Infinity, tmax = -Infinity, vmin = Infinity, vmax = -Infinity;
    for (var i = 0; i < n; i++) {
      var v = values[i];
      if (v === null) { continue; }
      tmin = Math.min(tmin, runs.t[i]); tmax = Math.max(tmax, runs.t[i]);
      vmin = Math.min(vmin, v); vmax = Math.max(vmax, v);
    }
    var th = data.thresholds[name] || {};
    if (th.min !== undefined && th.min !== null) { vmin = Math.min(vmin, th.min); vmax = Math.max(vmax, th.min); }
    if (th.max !== undefined && th.max !== null) { vmin = Math.min(vmin, th.max); vmax = Math.max(vmax, th.max); }
    if (!isFinite(vmin)) { box.appendChild(el("p", {}, "no values")); return box; }
    if (vmax === vmin) { vmax += 1; vmin -= 1; }
    if (tmax === tmin) { tmax += 1; }
    var x = function (t) { return L + (W - L - R) * (t - tmin) / (tmax - tmin); };
    var y = function (v) { return T + (H - T - B) * (1 - (v - vmin) / (vmax - vmin)); };
    var s = svg("svg", {viewBox: "0 0 " + W + " " + H, preserveAspectRatio: "none", role: "img", "aria-label": name});
    s.appendChild(svg("line", {"class": "axis", x1: L, y1: H - B, x2: W - R, y2: H - B}));
    s.appendChild(svg("line", {"class": "axis", x1: L, y1: T, x2: L, y2: H - B}));
    [vmin, (vmin + vmax) / 2, vmax].forEach(function (v) {
      var t = svg("text", {"class": "tick", x: L - 4, y: y(v) + 3, "text-anchor": "end"});
      t.textContent = fmt(v);
      s.appendChild(t);
    });
    ["min", "max"].forEach(function (side) {
      var v = th[side];
      if (v === undefined || v === null) { return; }
      s.appendChild(svg("line", {"class": "threshold", "data-threshold": side, "data-value": v,
        x1: L, y1: y(v), x2: W - R, y2: y(v)}));
    });
    var byBranch = {};
    for (var j = 0; j < n; j++) {
      if (values[j] === null) { continue; }
      (byBranch[runs.b[j]] = byBranch[runs.b[j]] || []).push(j);
    }
    var legend = el("div", {"class": "legend"});
    Object.keys(byBranch).forEach(function (b) {
      var idx = byBranch[b].sort(function (p, q) { return runs.t[p] - runs.t[q]; });
      var color = COLORS[b % COLORS.length];
      var points = idx.map(function (k) { return x(runs.t[k]).toFixed(1) + "," + y(values[k]).toFixed(1); }).join(" ");
      s.appendChild(svg("polyline", {points: points, fill: "none", stroke: color, "stroke-width": 1.5,
        "data-branch": data.branches[b], "data-points": idx.length}));
      if (idx.length <= 300) {
        idx.forEach(function (k) {
          var c = svg("circle", {cx: x(runs.t[k]), cy: y(values[k]), r: 2.5, fill: color, "data-run": runs.id[k]});
          var title = svg("title");
          title.textContent = runs.id[k] + " " + data.branches[b] + ": " + fmt(values[k]);
          c.appendChild(title);
          s.appendChild(c);
        });
      }
      var item = el("span");
      item.appendChild(el("i", {style: "background:" + color}));
      item.appendChild(document.createTextNode(data.branches[b]));
      legend.appendChild(item);
    });
    box.appendChild(s);
    box.appendChild(legend);
    return box;
  }

  // ------------------------------------------------------------------ table
  var order = [], shown = PAGE, sortKey = "t", sortDir = -1, filterText = "";
  var columns = [
    {key: "id", label: "run", value: function (i) { return runs.id[i]; }},
    {key: "t", label: "time", value: function (i) { return runs.t[i]; }, text: function (i) { return date(runs.t[i]); }},
    {key: "b", label: "branch", value: function (i) { return data.branches[runs.b[i]]; }},
    {key: "c", label: "commit", value: function (i) { return runs.c[i]; }},
    {key: "s", label: "status", value: function (i) { return STATUS[runs.s[i]]; }, cls: function (i) { return "status-" + STATUS[runs.s[i]]; }},
    {key: "g", label: "gate", value: function (i) { return runs.g[i] < 0 ? "" : GATE[runs.g[i]]; },
      cls: function (i) { return runs.g[i] < 0 ? "" : "gate-" + GATE[runs.g[i]]; }}
  ];
  data.metrics.forEach(function (name, m) {
    columns.push({key: "m" + m, label: name, numeric: true, value: function (i) { return runs.m[m][i]; },
      text: function (i) { return fmt(runs.m[m][i]); }});
  });

  function matches(i) {
    if (!filterText) { return true; }
    var hay = (runs.id[i] + " " + data.branches[runs.b[i]] + " " + runs.c[i] + " " + STATUS[runs.s[i]] + " " +
      (runs.g[i] < 0 ? "" : GATE[runs.g[i]])).toLowerCase();
    return hay.indexOf(filterText) >= 0;
  }
  function compute() {
    var column = columns.filter(function (c) { return c.key === sortKey; })[0];
    order = [];
    for (var i = 0; i < n; i++) { if (matches(i)) { order.push(i); } }
    order.sort(function (p, q) {
      var a = column.value(p), b = column.value(q);
      if (a === b) { return 0; }
      if (a === null || a === undefined || a === "") { return 1; }
      if (b === null || b === undefined || b === "") { return -1; }
      return (a < b ? -1 : 1) * sortDir;
    });
  }
  function renderTable() {
    var table = document.getElementById("runs");
    table.textContent = "";
    var head = el("tr");
    columns.forEach(function (c) {
      var th = el("th", {"data-key": c.key}, c.label);
      if (c.key === sortKey) { th.className = sortDir > 0 ? "sorted-asc" : "sorted-desc"; }
      th.addEventListener("click", function () {
        sortDir = sortKey === c.key ? -sortDir : (c.numeric ? -1 : 1);
        sortKey = c.key;
        compute(); renderTable();
      });
      head.appendChild(th);
    });
    table.appendChild(head);
    order.slice(0, shown).forEach(function (i) {
      var tr = el("tr", {"class": "run", "data-run": runs.id[i]});
      columns.forEach(function (c) {
        var td = el("td", {}, c.text ? c.text(i) : String(c.value(i)));
        var cls = (c.numeric ? "num " : "") + (c.cls ? c.cls(i) : "");
        if (cls.trim()) { td.className = cls.trim(); }
        tr.appendChild(td);
      });
      tr.addEventListener("click", function () { detail(i, tr); });
      table.appendChild(tr);
    });
    document.getElementById("count").textContent = order.length + " of " + n + " runs";
    var more = document.getElementById("more");
    more.style.display = order.length > shown ? "" : "none";
    more.textContent = "show " + Math.min(PAGE, order.length - shown) + " more";
  }

  // ------------------------------------------------------------------ detail and lineage
  function list(title, items) {
    var box = el("div", {"class": "box"});
    box.appendChild(el("h4", {}, title));
    if (!items.length) { box.appendChild(el("div", {}, "none")); }
    items.forEach(function (text) { box.appendChild(el("div", {}, "")).appendChild(el("code", {}, text)); });
    return box;
  }
  function detail(i, row) {
    Array.prototype.forEach.call(document.querySelectorAll("tr.selected"), function (r) { r.className = "run"; });
    row.className = "run selected";
    var panel = document.getElementById("detail");
    panel.textContent = "";
    panel.style.display = "block";
    panel.setAttribute("data-run", runs.id[i]);
    panel.appendChild(el("h2", {}, "run " + runs.id[i] + " — " + STATUS[runs.s[i]] +
      (runs.r[i] >= 0 ? " (outputs of " + strings[runs.r[i]] + ")" : "")));
    panel.appendChild(el("p", {}, data.branches[runs.b[i]] + " @ " + runs.c[i] + ", " + date(runs.t[i]) + ", run key " + runs.k[i]));
    var grid = el("div", {"class": "lineage"});
    var str = function (idx) { return idx.map(function (k) { return strings[k]; }); };
    grid.appendChild(list("data versions", str(runs.d[i])));
    grid.appendChild(el("div", {"class": "arrow"}, "→"));
    grid.appendChild(list("run", [runs.id[i]].concat(str(runs.p[i]))));
    grid.appendChild(el("div", {"class": "arrow"}, "→"));
    grid.appendChild(list("outputs", str(runs.o[i])));
    grid.appendChild(el("div", {"class": "arrow"}, "→"));
    grid.appendChild(list("model versions", str(runs.v[i])));
    panel.appendChild(grid);
    var metrics = el("p");
    metrics.textContent = data.metrics.map(function (name, m) { return name + " " + fmt(runs.m[m][i]); }).join(", ");
    panel.appendChild(metrics);
  }

  // ------------------------------------------------------------------ sweeps
  // One scatter per swept param: the objective of every trial against the param's value (numbers on
  // a linear axis, anything else as evenly spaced categories), the best trial ringed.
  function sweepScatter(sw, param) {
    var W = 300, H = 160, L = 44, R = 8, T = 8, B = 30;
    var trials = sw.trials.filter(function (t) { return t.params[param] !== undefined; });
    var raw = trials.map(function (t) { return t.params[param]; });
    var numeric = raw.every(function (v) { return v !== "" && isFinite(Number(v)); });
    var cats = [];
    raw.forEach(function (v) { if (cats.indexOf(v) < 0) { cats.push(v); } });
    if (numeric) { cats.sort(function (a, b) { return Number(a) - Number(b); }); }
    var xs = raw.map(function (v) { return numeric ? Number(v) : cats.indexOf(v); });
    var vals = trials.map(function (t) { return t.value; }).filter(function (v) { return v !== null; });
    var xmin = Math.min.apply(null, xs), xmax = Math.max.apply(null, xs);
    var vmin = Math.min.apply(null, vals), vmax = Math.max.apply(null, vals);
    if (!vals.length) { vmin = 0; vmax = 1; }
    if (xmax === xmin) { xmax += 1; xmin -= 1; }
    if (vmax === vmin) { vmax += 1; vmin -= 1; }
    var x = function (v) { return L + (W - L - R) * (v - xmin) / (xmax - xmin); };
    var y = function (v) { return T + (H - T - B) * (1 - (v - vmin) / (vmax - vmin)); };
    var box = el("div", {"class": "chart sweep-param", "data-param": param});
    box.appendChild(el("h3", {}, sw.metric + " by " + param));
    var s = svg("svg", {viewBox: "0 0 " + W + " " + H, role: "img", "aria-label": sw.metric + " by " + param});
    s.appendChild(svg("line", {"class": "axis", x1: L, y1: H - B, x2: W - R, y2: H - B}));
    s.appendChild(svg("line", {"class": "axis", x1: L, y1: T, x2: L, y2: H - B}));
    [vmin, vmax].forEach(function (v) {
      var t = svg("text", {"class": "tick", x: L - 4, y: y(v) + 3, "text-anchor": "end"});
      t.textContent = fmt(v);
      s.appendChild(t);
    });
    cats.forEach(function (c) {
      var t = svg("text", {"class": "tick", x: x(numeric ? Number(c) : cats.indexOf(c)), y: H - B + 14, "text-anchor": "middle"});
      t.textContent = c;
      s.appendChild(t);
    });
    trials.forEach(function (t, i) {
      if (t.value === null) { return; }
      var best = t.name === sw.best;
      var c = svg("circle", {cx: x(xs[i]), cy: y(t.value), r: best ? 6 : 3.5, "class": best ? "trial best" : "trial",
        "data-trial": t.name, "data-run": t.run || ""});
      var title = svg("title");
      title.textContent = t.name + ": " + param + "=" + t.params[param] + " → " + sw.metric + " " + fmt(t.value) + " (" + t.status + ")";
      c.appendChild(title);
      s.appendChild(c);
    });
    box.appendChild(s);
    return box;
  }
  function ablationBars(sw) {
    var box = el("div", {"class": "chart ablation"});
    box.appendChild(el("h3", {}, sw.metric + " drop per left-out item"));
    var max = Math.max.apply(null, sw.drops.map(function (d) { return Math.abs(d.drop); }).concat([1e-12]));
    sw.drops.forEach(function (d) {
      var row = el("div", {"class": "bar-row", "data-removed": d.removed});
      row.appendChild(el("span", {"class": "bar-label"}, d.removed));
      var bar = el("span", {"class": "bar" + (d.drop < 0 ? " gain" : "")});
      bar.style.width = (100 * Math.abs(d.drop) / max).toFixed(1) + "%";
      row.appendChild(bar);
      row.appendChild(el("span", {"class": "bar-value"}, fmt(-d.drop)));
      box.appendChild(row);
    });
    return box;
  }
  function sweepView(sw) {
    var section = el("div", {"class": "sweep", "data-sweep": sw.id});
    section.appendChild(el("h2", {}, sw.kind + " " + sw.id + " — " + sw.trials.length + " trials, " + sw.metric +
      " (" + sw.goal + ")" + (sw.best ? ", best " + sw.best : "")));
    var grid = el("div", {"class": "sweep-charts"});
    var params = [];
    sw.trials.forEach(function (t) { Object.keys(t.params).forEach(function (p) { if (params.indexOf(p) < 0) { params.push(p); } }); });
    if (sw.kind === "ablation") {
      grid.appendChild(ablationBars(sw));
    } else {
      params.forEach(function (p) { grid.appendChild(sweepScatter(sw, p)); });
    }
    section.appendChild(grid);
    return section;
  }

  // ------------------------------------------------------------------ cost
  // What training cost per week and per branch, and what skipped runs and restored pipeline stages
  // saved, summed week after week. The charts draw one currency (the one most money was spent or
  // saved in); the tables give every currency.
  function moneyTick(v) { return fmt(Math.round(v * 100) / 100); }
  function weekBars(cost, weeks) {
    var W = 600, H = 200, L = 48, R = 8, T = 8, B = 30;
    var box = el("div", {"class": "chart cost-weeks"});
    box.appendChild(el("h3", {}, "cost per week (" + cost.currency + ")"));
    var max = Math.max.apply(null, weeks.map(function (w) { return Math.max(w.spent, w.saved); }).concat([1e-9]));
    var y = function (v) { return T + (H - T - B) * (1 - v / max); };
    var slot = (W - L - R) / weeks.length, bar = Math.min(24, slot / 2.5);
    var s = svg("svg", {viewBox: "0 0 " + W + " " + H, preserveAspectRatio: "none", role: "img", "aria-label": "cost per week"});
    s.appendChild(svg("line", {"class": "axis", x1: L, y1: H - B, x2: W - R, y2: H - B}));
    s.appendChild(svg("line", {"class": "axis", x1: L, y1: T, x2: L, y2: H - B}));
    [0, max / 2, max].forEach(function (v) {
      var t = svg("text", {"class": "tick", x: L - 4, y: y(v) + 3, "text-anchor": "end"});
      t.textContent = moneyTick(v);
      s.appendChild(t);
    });
    weeks.forEach(function (w, i) {
      var mid = L + slot * (i + 0.5);
      [["spent", -bar], ["saved", 0]].forEach(function (kind) {
        var v = w[kind[0]];
        var r = svg("rect", {"class": "cost-" + kind[0], x: mid + kind[1], y: y(v), width: bar, height: Math.max(0, H - B - y(v)),
          "data-week": w.key, "data-value": v});
        var title = svg("title");
        title.textContent = w.key + ": " + kind[0] + " " + w[kind[0] + "Text"];
        r.appendChild(title);
        s.appendChild(r);
      });
      var t = svg("text", {"class": "tick", x: mid, y: H - B + 14, "text-anchor": "middle"});
      t.textContent = w.key;
      s.appendChild(t);
    });
    box.appendChild(s);
    var legend = el("div", {"class": "legend"});
    [["spent", "cost-spent"], ["saved by skipped runs and restored stages", "cost-saved"]].forEach(function (item) {
      var span = el("span");
      span.appendChild(el("i", {"class": item[1]}));
      span.appendChild(document.createTextNode(item[0]));
      legend.appendChild(span);
    });
    box.appendChild(legend);
    return box;
  }
  function savingsLine(cost, weeks) {
    var W = 600, H = 200, L = 48, R = 8, T = 8, B = 30;
    var box = el("div", {"class": "chart cost-savings"});
    box.appendChild(el("h3", {}, "savings to date (" + cost.currency + ")"));
    var max = Math.max.apply(null, weeks.map(function (w) { return w.savedToDate; }).concat([1e-9]));
    var x = function (i) { return weeks.length === 1 ? (L + W - R) / 2 : L + (W - L - R) * i / (weeks.length - 1); };
    var y = function (v) { return T + (H - T - B) * (1 - v / max); };
    var s = svg("svg", {viewBox: "0 0 " + W + " " + H, preserveAspectRatio: "none", role: "img", "aria-label": "savings to date"});
    s.appendChild(svg("line", {"class": "axis", x1: L, y1: H - B, x2: W - R, y2: H - B}));
    s.appendChild(svg("line", {"class": "axis", x1: L, y1: T, x2: L, y2: H - B}));
    [0, max].forEach(function (v) {
      var t = svg("text", {"class": "tick", x: L - 4, y: y(v) + 3, "text-anchor": "end"});
      t.textContent = moneyTick(v);
      s.appendChild(t);
    });
    s.appendChild(svg("polyline", {"class": "cost-saved-line", fill: "none", "stroke-width": 1.5, "data-points": weeks.length,
      points: weeks.map(function (w, i) { return x(i).toFixed(1) + "," + y(w.savedToDate).toFixed(1); }).join(" ")}));
    weeks.forEach(function (w, i) {
      var c = svg("circle", {"class": "cost-saved-point", cx: x(i), cy: y(w.savedToDate), r: 3, "data-week": w.key,
        "data-value": w.savedToDate});
      var title = svg("title");
      title.textContent = w.key + ": " + moneyTick(w.savedToDate) + " " + cost.currency + " saved to date";
      c.appendChild(title);
      s.appendChild(c);
      var anchor = weeks.length > 1 && i === 0 ? "start" : weeks.length > 1 && i === weeks.length - 1 ? "end" : "middle";
      var t = svg("text", {"class": "tick", x: x(i), y: H - B + 14, "text-anchor": anchor});
      t.textContent = w.key;
      s.appendChild(t);
    });
    box.appendChild(s);
    return box;
  }
  function branchBars(cost) {
    var box = el("div", {"class": "chart cost-branches"});
    box.appendChild(el("h3", {}, "cost per branch (" + cost.currency + ")"));
    var rows = cost.branches.slice().sort(function (a, b) { return b.spent - a.spent; });
    var max = Math.max.apply(null, rows.map(function (r) { return r.spent; }).concat([1e-9]));
    rows.forEach(function (r) {
      var row = el("div", {"class": "bar-row", "data-branch": r.key, "data-value": r.spent});
      row.appendChild(el("span", {"class": "bar-label", title: r.key}, r.key));
      var bar = el("span", {"class": "bar cost-spent"});
      bar.style.width = (100 * r.spent / max).toFixed(1) + "%";
      row.appendChild(bar);
      row.appendChild(el("span", {"class": "bar-value"}, moneyTick(r.spent)));
      box.appendChild(row);
    });
    return box;
  }
  function costTable(by, rows, total) {
    var table = el("table", {"class": "cost-table", "data-by": by});
    var head = el("tr");
    [by, "runs", "trained", "skipped", "restored stages", "hours", "GPU-h", "spent", "saved"].forEach(function (label) {
      head.appendChild(el("th", {}, label));
    });
    table.appendChild(head);
    rows.concat([Object.assign({}, total, {key: "total"})]).forEach(function (r) {
      var tr = el("tr", {"data-key": r.key});
      [r.key, r.runs, r.trained, r.skipped, r.restored, r.hours, r.gpuHours, r.spentText, r.savedText].forEach(function (v, i) {
        tr.appendChild(el("td", i ? {"class": "num"} : {}, String(v)));
      });
      table.appendChild(tr);
    });
    return table;
  }
  function costView(cost) {
    var section = el("div", {"class": "cost"});
    if (!cost || !cost.total.runs) { return section; }
    section.appendChild(el("h2", {}, "Cost: " + cost.total.spentText + " spent, " + cost.total.savedText + " saved by " +
      cost.total.skipped + " skipped run(s) and " + cost.total.restored + " restored stage(s)"));
    if (cost.total.unpriced) {
      section.appendChild(el("p", {"class": "note"}, cost.total.unpriced + " run(s) have no price: set cost.prices or " +
        "cost.pricePerHour in mlci.yaml, or MLCI_PRICE_PER_HOUR"));
    }
    var dated = cost.weeks.filter(function (w) { return w.savedToDate !== undefined; });
    if (cost.currency && dated.length) {
      var grid = el("div", {"class": "cost-charts"});
      grid.appendChild(weekBars(cost, dated));
      grid.appendChild(savingsLine(cost, dated));
      grid.appendChild(branchBars(cost));
      section.appendChild(grid);
    }
    var tables = el("div", {"class": "cost-tables"});
    tables.appendChild(costTable("week", cost.weeks, cost.total));
    tables.appendChild(costTable("branch", cost.branches, cost.total));
    section.appendChild(tables);
    return section;
  }

  // ------------------------------------------------------------------ page
  var charts = document.getElementById("charts");
  for (var m = 0; m < data.metrics.length; m++) { charts.appendChild(chart(m)); }
  document.getElementById("cost").appendChild(costView(data.cost));
  var sweeps = document.getElementById("sweeps");
  (data.sweeps || []).forEach(function (sw) { sweeps.appendChild(sweepView(sw)); });
  document.getElementById("filter").addEventListener("input", function (e) {
    filterText = e.target.value.trim().toLowerCase();
    shown = PAGE; compute(); renderTable();
  });
  document.getElementById("more").addEventListener("click", function () { shown += PAGE; renderTable(); });
  compute();
  renderTable();
  var ms = performance.now() - started;
  document.body.setAttribute("data-render-ms", ms.toFixed(1));
  document.body.setAttribute("data-ready", "true");
  document.getElementById("rendered").textContent = n + " runs rendered in " + ms.toFixed(0) + " ms";
})();
