/* Charts of the training statistics page (data from json_script; no inline script, CSP). */
(function () {
  "use strict";
  var PALETTE = ["#b8202a", "#1d5fa8", "#f59f00", "#2fb344", "#ae3ec9", "#0ca678"];
  function init() {
    var el = document.getElementById("training-chart-data");
    if (!el || !window.echarts) { return; }
    var data;
    try { data = JSON.parse(el.textContent); } catch (e) { return; }
    var font = getComputedStyle(document.body).fontFamily;
    var base = { textStyle: { fontFamily: font }, color: PALETTE, animationDuration: 400 };
    var charts = [];
    var months = document.querySelector('.ow-chart[data-chart="training-months"]');
    if (months && data.months.length) {
      var c = window.echarts.init(months, null, { renderer: "canvas" });
      c.setOption(Object.assign({}, base, {
        tooltip: { trigger: "axis" },
        legend: { top: 0, data: [data.labels.classes, data.labels.trainee_times] },
        grid: { left: 8, right: 8, top: 36, bottom: 8, containLabel: true },
        xAxis: { type: "category", data: data.months },
        yAxis: [{ type: "value", name: data.labels.classes }, { type: "value", name: data.labels.trainee_times }],
        series: [
          { name: data.labels.classes, type: "bar", data: data.classes, barMaxWidth: 18 },
          { name: data.labels.trainee_times, type: "line", yAxisIndex: 1, smooth: true, data: data.trainee_times }
        ]
      }));
      charts.push(c);
    }
    var kinds = document.querySelector('.ow-chart[data-chart="training-kinds"]');
    if (kinds && data.kinds.length) {
      var k = window.echarts.init(kinds, null, { renderer: "canvas" });
      k.setOption(Object.assign({}, base, {
        tooltip: { trigger: "item", formatter: "{b}: {c} ({d}%)" },
        legend: { bottom: 0, type: "scroll" },
        series: [{ type: "pie", radius: ["45%", "70%"], center: ["50%", "44%"], label: { formatter: "{c}" }, data: data.kinds }]
      }));
      charts.push(k);
    }
    window.addEventListener("resize", function () { charts.forEach(function (ch) { ch.resize(); }); });
  }
  if (document.readyState === "loading") { document.addEventListener("DOMContentLoaded", init); } else { init(); }
})();
