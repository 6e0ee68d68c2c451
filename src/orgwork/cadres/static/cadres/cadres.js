/* Cadres app: the five-dimension radar of a cadre against the cohort (data from json_script). */
(function () {
  "use strict";
  function init() {
    var el = document.getElementById("cadre-radar-data");
    var node = document.querySelector('.ow-chart[data-chart="radar"]');
    if (!el || !node || !window.echarts) { return; }
    var data;
    try { data = JSON.parse(el.textContent); } catch (e) { return; }
    if (!data) { return; }
    var chart = window.echarts.init(node, null, { renderer: "canvas" });
    chart.setOption({
      textStyle: { fontFamily: getComputedStyle(document.body).fontFamily },
      color: ["#b8202a", "#1d5fa8"],
      tooltip: {},
      legend: { bottom: 0, data: [data.own_label, data.cohort_label] },
      radar: { indicator: data.indicators, radius: "62%", center: ["50%", "46%"] },
      series: [{
        type: "radar",
        data: [
          { name: data.own_label, value: data.own, areaStyle: { opacity: 0.2 } },
          { name: data.cohort_label, value: data.cohort, lineStyle: { type: "dashed" } }
        ]
      }]
    });
    window.addEventListener("resize", function () { chart.resize(); });
  }
  if (document.readyState === "loading") { document.addEventListener("DOMContentLoaded", init); } else { init(); }
})();
