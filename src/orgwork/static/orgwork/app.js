/* OrgWork page behaviour. Loaded on every page after Tabler and htmx; no inline scripts (CSP). */
(function () {
  "use strict";

  function $all(root, sel) { return Array.prototype.slice.call((root || document).querySelectorAll(sel)); }

  /* --- Lists: select all, selection count, bulk edit -------------------------------------- */
  function bulkBoxes() { return $all(document, 'input[name="pk"][form="bulk-form"]'); }

  function syncSelection() {
    var boxes = bulkBoxes();
    var checked = boxes.filter(function (b) { return b.checked; });
    boxes.forEach(function (b) {
      var tr = b.closest("tr");
      if (tr) { tr.classList.toggle("is-selected", b.checked); }
    });
    $all(document, ".js-select-all").forEach(function (all) {
      all.checked = boxes.length > 0 && checked.length === boxes.length;
      all.indeterminate = checked.length > 0 && checked.length < boxes.length;
    });
    var count = document.querySelector(".ow-selected-count");
    if (count) {
      count.textContent = (count.getAttribute("data-template") || "{n}").replace("{n}", checked.length);
    }
    $all(document, ".js-bulk-submit").forEach(function (btn) { btn.disabled = checked.length === 0; });
  }

  document.addEventListener("change", function (e) {
    var t = e.target;
    if (t.classList && t.classList.contains("js-select-all")) {
      bulkBoxes().forEach(function (b) { b.checked = t.checked; });
      syncSelection();
    } else if (t.name === "pk" && t.getAttribute("form") === "bulk-form") {
      syncSelection();
    } else if (t.closest && t.closest(".ow-multi-menu")) {
      var multi = t.closest(".ow-multi");
      var label = multi.querySelector(".ow-multi-label");
      var names = $all(multi, "input:checked").map(function (c) { return c.parentNode.textContent.trim(); });
      label.textContent = names.length ? names.join("、") : label.getAttribute("data-empty");
      label.classList.toggle("text-secondary", !names.length);
    } else if (t.classList && t.classList.contains("js-autosubmit") && t.form) {
      if (t.form.requestSubmit) { t.form.requestSubmit(); } else { t.form.submit(); }
    }
  });

  /* --- Org tree: expand / collapse (children are loaded once by htmx) ---------------------- */
  document.addEventListener("click", function (e) {
    var toggle = e.target.closest && e.target.closest(".ow-tree-toggle");
    if (!toggle) { return; }
    var node = toggle.closest(".ow-tree-node");
    var open = !node.classList.contains("is-open");
    node.classList.toggle("is-open", open);
    toggle.setAttribute("aria-expanded", open ? "true" : "false");
  });

  /* --- Global search dropdown --------------------------------------------------------------- */
  function searchBox() { return document.getElementById("global-search-results"); }
  document.addEventListener("click", function (e) {
    var box = searchBox();
    if (box && !e.target.closest(".ow-search")) { box.classList.add("is-hidden"); }
  });
  document.addEventListener("focusin", function (e) {
    var box = searchBox();
    if (box && e.target.closest && e.target.closest(".ow-search")) { box.classList.remove("is-hidden"); }
  });
  document.addEventListener("keydown", function (e) {
    var box = searchBox();
    if (e.key === "Escape" && box) { box.classList.add("is-hidden"); }
  });

  /* --- Autocomplete select (core.widgets.AutocompleteSelect) ------------------------------- */
  function setupAutocomplete(ac) {
    if (ac.getAttribute("data-ready")) { return; }
    ac.setAttribute("data-ready", "1");
    var input = ac.querySelector(".ac-input");
    var select = ac.querySelector("select");
    var menu = ac.querySelector(".ac-menu");
    var url = ac.getAttribute("data-lookup-url");
    var timer = null, controller = null, results = [], active = -1;
    var chosenLabel = input.value;

    function hide() { menu.classList.remove("show"); active = -1; }
    function setChoice(id, text) {
      select.innerHTML = "";
      var empty = new Option("---------", "", !id, !id);
      select.add(empty);
      if (id) { select.add(new Option(text, id, true, true)); }
      chosenLabel = text || "";
      input.value = chosenLabel;
      select.dispatchEvent(new Event("change", { bubbles: true }));
    }
    function highlight(i) {
      var items = $all(menu, ".dropdown-item");
      items.forEach(function (it, k) { it.classList.toggle("active", k === i); });
      active = i;
      if (items[i]) { items[i].scrollIntoView({ block: "nearest" }); }
    }
    function render(rows) {
      results = rows;
      menu.innerHTML = "";
      if (!rows.length) {
        var none = document.createElement("span");
        none.className = "dropdown-item-text text-secondary";
        none.textContent = ac.getAttribute("data-empty-text") || "—";
        menu.appendChild(none);
      }
      rows.forEach(function (r, i) {
        var a = document.createElement("a");
        a.href = "#";
        a.className = "dropdown-item";
        a.setAttribute("role", "option");
        a.textContent = r.text;
        if (r.hint) {
          var hint = document.createElement("span");
          hint.className = "ac-hint";
          hint.textContent = r.hint;
          a.appendChild(hint);
        }
        a.addEventListener("mousedown", function (ev) { ev.preventDefault(); setChoice(String(r.id), r.text); hide(); });
        a.addEventListener("click", function (ev) { ev.preventDefault(); });
        menu.appendChild(a);
      });
      menu.classList.add("show");
    }
    function search() {
      if (controller) { controller.abort(); }
      controller = window.AbortController ? new AbortController() : null;
      var q = input.value.trim();
      var full = url + (url.indexOf("?") >= 0 ? "&" : "?") + "q=" + encodeURIComponent(q);
      fetch(full, { credentials: "same-origin", headers: { Accept: "application/json" }, signal: controller ? controller.signal : undefined })
        .then(function (r) { if (!r.ok) { throw new Error(r.status); } return r.json(); })
        .then(function (data) { render(data.results || []); })
        .catch(function (err) {
          if (err && err.name === "AbortError") { return; }
          menu.innerHTML = "";
          var msg = document.createElement("span");
          msg.className = "dropdown-item-text text-danger";
          msg.textContent = ac.getAttribute("data-error-text") || "!";
          menu.appendChild(msg);
          menu.classList.add("show");
        });
    }
    input.addEventListener("input", function () {
      clearTimeout(timer);
      timer = setTimeout(search, 250);
    });
    input.addEventListener("focus", function () { if (!input.disabled) { input.select(); search(); } });
    input.addEventListener("keydown", function (e) {
      var n = results.length;
      if (e.key === "ArrowDown" && n) { e.preventDefault(); highlight((active + 1) % n); }
      else if (e.key === "ArrowUp" && n) { e.preventDefault(); highlight((active - 1 + n) % n); }
      else if (e.key === "Enter") {
        if (menu.classList.contains("show")) {
          e.preventDefault();
          var r = results[active >= 0 ? active : 0];
          if (r) { setChoice(String(r.id), r.text); }
          hide();
        }
      } else if (e.key === "Escape") { hide(); input.value = chosenLabel; }
    });
    input.addEventListener("blur", function () {
      setTimeout(function () {
        hide();
        if (!input.value.trim()) { if (chosenLabel) { setChoice("", ""); } }
        else { input.value = chosenLabel; }
      }, 150);
    });
  }

  function initAutocomplete(root) { $all(root, ".ac").forEach(setupAutocomplete); }

  /* --- Charts of the org detail page (data from json_script) -------------------------------- */
  var charts = [];
  var PALETTE = ["#b8202a", "#f59f00", "#1d5fa8", "#2fb344", "#ae3ec9", "#0ca678", "#f76707"];

  function initCharts() {
    var el = document.getElementById("org-chart-data");
    if (!el || !window.echarts) { return; }
    var data;
    try { data = JSON.parse(el.textContent); } catch (e) { return; }
    var font = getComputedStyle(document.body).fontFamily;
    var base = { textStyle: { fontFamily: font }, color: PALETTE, animationDuration: 400 };

    $all(document, '.ow-chart[data-chart="shares"]').forEach(function (node) {
      if (!data.shares || !data.shares.series.length) { return; }
      var chart = window.echarts.init(node, null, { renderer: "canvas" });
      chart.setOption(Object.assign({}, base, {
        tooltip: { trigger: "axis", axisPointer: { type: "shadow" }, valueFormatter: function (v) { return v == null ? "—" : v + "%"; } },
        legend: { top: 0, data: data.shares.series.map(function (s) { return s.name; }) },
        grid: { left: 8, right: 24, top: 36, bottom: 8, containLabel: true },
        xAxis: { type: "value", max: 100, axisLabel: { formatter: "{value}%" }, splitLine: { lineStyle: { type: "dashed" } } },
        yAxis: { type: "category", data: data.shares.labels, inverse: true, axisTick: { show: false } },
        series: data.shares.series.map(function (s) {
          return { name: s.name, type: "bar", data: s.data, barMaxWidth: 16, label: { show: true, position: "right", formatter: function (p) { return p.value == null ? "" : p.value + "%"; } } };
        })
      }));
      charts.push(chart);
    });

    $all(document, '.ow-chart[data-chart="by_kind"]').forEach(function (node) {
      if (!data.by_kind || !data.by_kind.length) { return; }
      var chart = window.echarts.init(node, null, { renderer: "canvas" });
      chart.setOption(Object.assign({}, base, {
        tooltip: { trigger: "item", formatter: "{b}: {c} ({d}%)" },
        legend: { bottom: 0, type: "scroll" },
        series: [{
          type: "pie", radius: ["45%", "70%"], center: ["50%", "44%"], avoidLabelOverlap: true,
          itemStyle: { borderColor: "#fff", borderWidth: 2 },
          label: { formatter: "{c}" },
          data: data.by_kind
        }]
      }));
      charts.push(chart);
    });
  }

  var resizeTimer = null;
  window.addEventListener("resize", function () {
    clearTimeout(resizeTimer);
    resizeTimer = setTimeout(function () { charts.forEach(function (c) { c.resize(); }); }, 150);
  });

  /* --- htmx integration ------------------------------------------------------------------------ */
  document.addEventListener("htmx:afterSwap", function (e) {
    initAutocomplete(e.target);
    syncSelection();
  });
  document.addEventListener("htmx:responseError", function (e) {
    var target = e.detail && e.detail.target;
    if (target && target.id === "global-search-results") { return; }
    var box = document.querySelector(".ow-messages") || document.querySelector(".page-body .container-xl");
    if (!box) { return; }
    var alert = document.createElement("div");
    alert.className = "alert alert-danger alert-dismissible";
    alert.setAttribute("role", "alert");
    alert.textContent = (document.body.getAttribute("data-error-text") || "Error") + " (" + e.detail.xhr.status + ")";
    box.insertBefore(alert, box.firstChild);
  });

  function init() {
    initAutocomplete(document);
    syncSelection();
    initCharts();
  }
  if (document.readyState === "loading") { document.addEventListener("DOMContentLoaded", init); } else { init(); }
})();
