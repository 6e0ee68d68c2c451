/* Charts of the member statistics page: data from the json_script "members-chart-data". */
(function () {
  "use strict";
  var PALETTE = ["#b8202a", "#f59f00", "#1d5fa8", "#2fb344", "#ae3ec9", "#0ca678", "#f76707", "#868e96"];
  function init() {
    var el = document.getElementById("members-chart-data");
    if (!el || !window.echarts) { return; }
    var data = JSON.parse(el.textContent);
    var font = getComputedStyle(document.body).fontFamily;
    var charts = [];
    document.querySelectorAll("[data-members-chart]").forEach(function (node) {
      var rows = data[node.getAttribute("data-members-chart")] || [];
      var chart = window.echarts.init(node, null, { renderer: "canvas" });
      var base = { textStyle: { fontFamily: font }, color: PALETTE, animationDuration: 300, tooltip: {} };
      if (node.getAttribute("data-kind") === "pie") {
        chart.setOption(Object.assign(base, {
          tooltip: { trigger: "item", formatter: "{b}: {c} ({d}%)" },
          legend: { bottom: 0, type: "scroll" },
          series: [{ type: "pie", radius: ["40%", "68%"], center: ["50%", "42%"], label: { formatter: "{c}" }, data: rows }]
        }));
      } else {
        chart.setOption(Object.assign(base, {
          grid: { left: 8, right: 16, top: 16, bottom: 8, containLabel: true },
          xAxis: { type: "category", data: rows.map(function (r) { return r.name; }) },
          yAxis: { type: "value" },
          series: [{ type: "bar", data: rows.map(function (r) { return r.value; }), barMaxWidth: 28, label: { show: true, position: "top" } }]
        }));
      }
      charts.push(chart);
    });
    window.addEventListener("resize", function () { charts.forEach(function (c) { c.resize(); }); });
  }
  if (document.readyState === "loading") { document.addEventListener("DOMContentLoaded", init); } else { init(); }
})();
