// The report's charts: ECharts (SVG renderer, so every mark is an element of
// the page) drawn from the data each page carries inline (window.REPORT) or,
// for the index, beside it (window.REPORT_INDEX). A chart with no data is an
// error, not an empty box: it throws, and the page's console says which.
(function () {
  "use strict";

  function format(value) {
    return value === null || value === undefined ? "" : Number(value).toLocaleString("zh-CN", {maximumFractionDigits: 2});
  }

  function draw(id, option) {
    var element = document.getElementById(id);
    if (!element) { throw new Error("chart " + id + ": no element on the page"); }
    var instance = echarts.init(element, null, {renderer: "svg"});
    instance.setOption(Object.assign({animation: false, textStyle: {fontFamily: "sans-serif"}}, option));
    window.addEventListener("resize", function () { instance.resize(); });
    return instance;
  }

  function needData(chart, values) {
    if (!values || values.length === 0) { throw new Error("chart " + chart.id + ": no data to draw"); }
  }

  var kinds = {
    bar: function (chart) {
      needData(chart, chart.data);
      draw(chart.id, {
        grid: {containLabel: true, left: 8, right: 16, top: 16, bottom: 8},
        tooltip: {trigger: "axis", valueFormatter: format},
        xAxis: {type: "category", data: chart.data.map(function (d) { return d.name; }), axisLabel: {interval: 0, rotate: 30}},
        yAxis: {type: "value", name: chart.unit},
        series: [{type: "bar", data: chart.data.map(function (d) { return d.value; })}]
      });
    },
    hbar: function (chart) {
      needData(chart, chart.data);
      var data = chart.data.slice().reverse();
      draw(chart.id, {
        grid: {containLabel: true, left: 8, right: 24, top: 8, bottom: 8},
        tooltip: {trigger: "axis", valueFormatter: format},
        yAxis: {type: "category", data: data.map(function (d) { return d.name; })},
        xAxis: {type: "value", name: chart.unit},
        series: [{type: "bar", data: data.map(function (d) { return d.value; })}]
      });
    },
    pie: function (chart) {
      needData(chart, chart.data);
      draw(chart.id, {
        tooltip: {trigger: "item", valueFormatter: format},
        series: [{type: "pie", radius: ["35%", "70%"], data: chart.data, label: {formatter: "{b}\n{d}%"}}]
      });
    },
    treemap: function (chart) {
      needData(chart, chart.data);
      draw(chart.id, {
        tooltip: {valueFormatter: format},
        series: [{
          type: "treemap", data: chart.data, roam: false, leafDepth: 2, name: "支出",
          label: {show: true, formatter: "{b}"}, upperLabel: {show: true, height: 20},
          levels: [{itemStyle: {gapWidth: 2}}, {itemStyle: {gapWidth: 1}}, {}]
        }]
      });
    },
    stacked: function (chart) { series(chart, true); },
    grouped: function (chart) { series(chart, false); }
  };

  function series(chart, stacked) {
    needData(chart, chart.categories);
    draw(chart.id, {
      grid: {containLabel: true, left: 8, right: 16, top: 32, bottom: 8},
      legend: {top: 0},
      tooltip: {trigger: "axis", valueFormatter: format},
      xAxis: {type: "category", data: chart.categories, axisLabel: {interval: 0, rotate: 20}},
      yAxis: {type: "value", name: chart.unit},
      series: chart.series.map(function (s) {
        return {name: s.name, type: "bar", stack: stacked ? "all" : undefined, data: s.data};
      })
    });
  }

  function documentPage(report) {
    report.charts.forEach(function (chart) {
      var kind = kinds[chart.kind];
      if (!kind) { throw new Error("chart " + chart.id + ": unknown kind " + chart.kind); }
      kind(chart);
    });
  }

  // --- the index: every document, searchable, fifty to a page ---
  var PAGE = 50;

  function indexPage(documents) {
    var search = document.getElementById("search");
    var body = document.getElementById("document-rows");
    var label = document.getElementById("page-label");
    var state = {page: 0, shown: documents};
    var sideBySide = null;
    var shares = null;

    function cell(text, numeric) {
      var td = document.createElement("td");
      if (numeric) { td.className = "num"; }
      td.textContent = text === null || text === undefined ? "" : String(text);
      return td;
    }

    function render() {
      var pages = Math.max(1, Math.ceil(state.shown.length / PAGE));
      state.page = Math.min(state.page, pages - 1);
      var slice = state.shown.slice(state.page * PAGE, (state.page + 1) * PAGE);
      body.textContent = "";
      slice.forEach(function (d) {
        var tr = document.createElement("tr");
        var name = document.createElement("td");
        var link = document.createElement("a");
        link.href = "doc/" + d.doc_id + ".html";
        link.textContent = d.department;
        name.appendChild(link);
        tr.appendChild(name);
        [d.region, d.level, d.year, d.phase, d.scope].forEach(function (v) { tr.appendChild(cell(v)); });
        [d.total, d.basic_share, d.general_public_share, d.three_public, d.findings].forEach(function (v) { tr.appendChild(cell(v, true)); });
        tr.appendChild(cell(d.status + (d.in_totals ? "" : "（已计入部门文档）")));
        body.appendChild(tr);
      });
      label.textContent = "第 " + (state.page + 1) + " / " + pages + " 页，共 " + state.shown.length + " 份";
      var counted = slice.filter(function (d) { return d.in_totals && d.total !== null; });
      // year and phase first, and the department without its region's name (the table above has both):
      // a name cut short still tells one document from another
      var names = counted.map(function (d) {
        var short = d.department.indexOf(d.region) === 0 ? d.department.slice(d.region.length) : d.department;
        return d.year + d.phase + " " + short;
      });
      var option = {
        // rotated names reach left of their bar: room on the left, and long names cut with an ellipsis
        grid: {containLabel: true, left: 96, right: 16, top: 32, bottom: 8},
        tooltip: {trigger: "axis", valueFormatter: format},
        xAxis: {type: "category", data: names, axisLabel: {interval: 0, rotate: 40, width: 150, overflow: "truncate"}},
        yAxis: {type: "value", name: "万元"}
      };
      if (counted.length === 0) { return; }
      sideBySide = sideBySide || draw("chart-side-by-side", option);
      sideBySide.setOption(Object.assign({}, option, {
        title: {text: "支出总计与“三公”经费（万元）", textStyle: {fontSize: 13}}, legend: {top: 0, right: 0},
        series: [
          {name: "支出总计", type: "bar", data: counted.map(function (d) { return Number(d.total); })},
          {name: "“三公”经费", type: "bar", data: counted.map(function (d) { return d.three_public === null ? 0 : Number(d.three_public); })}
        ]
      }), true);
      shares = shares || draw("chart-shares", option);
      shares.setOption(Object.assign({}, option, {
        title: {text: "基本支出占比与一般公共预算占比（%）", textStyle: {fontSize: 13}}, legend: {top: 0, right: 0},
        yAxis: {type: "value", name: "%", max: 100},
        series: [
          {name: "基本支出占比", type: "bar", data: counted.map(function (d) { return d.basic_share === null ? 0 : Number(d.basic_share); })},
          {name: "一般公共预算占比", type: "bar", data: counted.map(function (d) { return d.general_public_share === null ? 0 : Number(d.general_public_share); })}
        ]
      }), true);
    }

    search.addEventListener("input", function () {
      var words = search.value.trim().toLowerCase().split(/\s+/).filter(Boolean);
      state.shown = documents.filter(function (d) {
        var text = [d.department, d.region, d.level, d.year, d.phase, d.scope, d.status].join(" ").toLowerCase();
        return words.every(function (w) { return text.indexOf(w) >= 0; });
      });
      state.page = 0;
      render();
    });
    document.getElementById("previous").addEventListener("click", function () { state.page = Math.max(0, state.page - 1); render(); });
    document.getElementById("next").addEventListener("click", function () { state.page += 1; render(); });
    render();
    overYears(documents);
  }

  function overYears(documents) {
    var groups = {};
    documents.forEach(function (d) {
      if (!d.in_totals || d.total === null) { return; }
      var key = d.department + "｜" + d.phase + "｜" + d.scope;
      (groups[key] = groups[key] || []).push(d);
    });
    var lines = Object.keys(groups).filter(function (k) { return groups[k].length > 1; }).slice(0, 20);
    var holder = document.getElementById("over-years-table");
    if (lines.length === 0) {
      document.getElementById("chart-over-years").remove();
      holder.textContent = "没有同一部门两个以上年度的文档。";
      return;
    }
    var years = [];
    lines.forEach(function (k) { groups[k].forEach(function (d) { if (years.indexOf(d.year) < 0) { years.push(d.year); } }); });
    years.sort();
    draw("chart-over-years", {
      grid: {containLabel: true, left: 8, right: 16, top: 48, bottom: 8},
      legend: {top: 0, type: "scroll"},
      tooltip: {trigger: "axis", valueFormatter: format},
      xAxis: {type: "category", data: years.map(String)},
      yAxis: {type: "value", name: "万元"},
      series: lines.map(function (k) {
        return {
          name: k.replace(/｜/g, " "), type: "line", symbolSize: 8,
          data: years.map(function (y) {
            var found = groups[k].filter(function (d) { return d.year === y; })[0];
            return found ? Number(found.total) : null;
          })
        };
      })
    });
    var table = document.createElement("table");
    table.setAttribute("data-table", "over-years");
    var head = "<thead><tr><th>部门</th>" + years.map(function (y) { return "<th class=num>" + y + "</th>"; }).join("") + "</tr></thead>";
    table.innerHTML = head;
    var tbody = document.createElement("tbody");
    lines.forEach(function (k) {
      var tr = document.createElement("tr");
      var th = document.createElement("td");
      th.textContent = k.replace(/｜/g, " ");
      tr.appendChild(th);
      years.forEach(function (y) {
        var found = groups[k].filter(function (d) { return d.year === y; })[0];
        var td = document.createElement("td");
        td.className = "num";
        td.textContent = found ? found.total : "";
        tr.appendChild(td);
      });
      tbody.appendChild(tr);
    });
    table.appendChild(tbody);
    var wrap = document.createElement("div");
    wrap.className = "table-wrap";
    wrap.appendChild(table);
    holder.appendChild(wrap);
  }

  if (window.REPORT) { documentPage(window.REPORT); }
  if (window.REPORT_INDEX) { indexPage(window.REPORT_INDEX); }
})();
