/* Charts of the grassroots dashboards: data from json_script, no inline script (CSP). */
(function () {
  "use strict";
  function init() {
    var node = document.getElementById("gr-ab-chart");
    var el = document.getElementById("gr-ab-data");
    if (!node || !el || !window.echarts) { return; }
    var data;
    try { data = JSON.parse(el.textContent); } catch (e) { return; }
    var chart = window.echarts.init(node, null, { renderer: "canvas" });
    chart.setOption({
      textStyle: { fontFamily: getComputedStyle(document.body).fontFamily },
      color: ["#b8202a", "#f59f00"],
      tooltip: { trigger: "axis", axisPointer: { type: "shadow" } },
      legend: { top: 0, data: [node.dataset.branches || "行动支部", node.dataset.served || "服务人次"] },
      grid: { left: 8, right: 8, top: 36, bottom: 8, containLabel: true },
      xAxis: { type: "category", data: data.labels },
      yAxis: [{ type: "value" }, { type: "value", splitLine: { show: false } }],
      series: [
        { name: node.dataset.branches || "行动支部", type: "bar", data: data.branches, barMaxWidth: 28 },
        { name: node.dataset.served || "服务人次", type: "line", yAxisIndex: 1, data: data.served }
      ]
    });
    window.addEventListener("resize", function () { chart.resize(); });
  }
  if (document.readyState === "loading") { document.addEventListener("DOMContentLoaded", init); } else { init(); }
})();
