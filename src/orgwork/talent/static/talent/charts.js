/* Charts of the talent map and plan pages (data from json_script; no inline script, CSP). */
(function () {
  "use strict";
  var PALETTE = ["#b8202a", "#1d5fa8", "#f59f00", "#2fb344", "#ae3ec9", "#0ca678", "#f76707", "#4263eb"];
  function base() {
    return { textStyle: { fontFamily: getComputedStyle(document.body).fontFamily }, color: PALETTE, animationDuration: 400 };
  }
  function read(id) {
    var el = document.getElementById(id);
    if (!el) { return null; }
    try { return JSON.parse(el.textContent); } catch (e) { return null; }
  }
  function bar(el, rows, onClick) {
    var c = window.echarts.init(el, null, { renderer: "canvas" });
    c.setOption(Object.assign(base(), {
      tooltip: { trigger: "axis" },
      grid: { left: 8, right: 24, top: 8, bottom: 8, containLabel: true },
      xAxis: { type: "value" },
      yAxis: { type: "category", inverse: true, data: rows.map(function (r) { return r.name; }) },
      series: [{ type: "bar", data: rows.map(function (r) { return r.value; }), barMaxWidth: 18, label: { show: true, position: "right" } }]
    }));
    if (onClick) { c.on("click", function (p) { onClick(rows[p.dataIndex]); }); }
    return c;
  }
  function pie(el, rows) {
    var c = window.echarts.init(el, null, { renderer: "canvas" });
    c.setOption(Object.assign(base(), {
      tooltip: { trigger: "item", formatter: "{b}: {c} ({d}%)" },
      legend: { bottom: 0, type: "scroll" },
      series: [{ type: "pie", radius: ["45%", "70%"], center: ["50%", "44%"], label: { formatter: "{c}" }, data: rows }]
    }));
    return c;
  }
  function init() {
    if (!window.echarts) { return; }
    var charts = [];
    var map = read("talent-map-data");
    if (map) {
      document.querySelectorAll(".ow-chart[data-chart]").forEach(function (el) {
        var key = el.getAttribute("data-chart");
        var rows = map[key];
        if (!rows || !rows.length) { return; }
        if (key === "region") {
          charts.push(bar(el, rows, function (r) { if (r && r.id) { window.location.search = "?within=" + r.id; } }));
        } else if (key === "industry" || key === "level") {
          charts.push(bar(el, rows));
        } else {
          charts.push(pie(el, rows));
        }
      });
    }
    var plan = read("talent-plan-data");
    var planEl = document.querySelector('.ow-chart[data-chart="talent-plan"]');
    if (plan && planEl) {
      var c = window.echarts.init(planEl, null, { renderer: "canvas" });
      c.setOption(Object.assign(base(), {
        tooltip: { trigger: "axis" },
        legend: { top: 0 },
        grid: { left: 8, right: 8, top: 36, bottom: 8, containLabel: true },
        xAxis: { type: "category", data: plan.years },
        yAxis: { type: "value" },
        series: plan.series.map(function (s) {
          return { name: s.name, type: "line", data: s.data, markLine: { symbol: "none", data: [{ yAxis: s.target, name: s.name }] } };
        })
      }));
      charts.push(c);
    }
    window.addEventListener("resize", function () { charts.forEach(function (ch) { ch.resize(); }); });
  }
  if (document.readyState === "loading") { document.addEventListener("DOMContentLoaded", init); } else { init(); }
})();
