// The dashboard reads the API like any client. Each chart container records how many points it drew
// (data-points) and each table its rows, which is what the end-to-end test checks.
(function () {
  "use strict";

  const tokenInput = document.getElementById("token");
  tokenInput.value = localStorage.getItem("apiToken") || "";
  tokenInput.addEventListener("change", () => {
    localStorage.setItem("apiToken", tokenInput.value);
    load();
  });

  async function api(path) {
    const headers = { Accept: "application/json" };
    if (tokenInput.value) {
      headers.Authorization = "Bearer " + tokenInput.value;
    }
    const response = await fetch(path, { headers });
    const body = await response.json().catch(() => ({}));
    if (!response.ok) {
      throw new Error(path + ": " + (body.detail || response.status));
    }
    return body;
  }

  function isoDay(date) {
    return date.toISOString().slice(0, 10);
  }

  function cell(row, text, className) {
    const td = document.createElement("td");
    td.textContent = text === null || text === undefined ? "" : String(text);
    if (className) {
      td.className = className;
    }
    row.appendChild(td);
  }

  function fill(tableId, rows, render) {
    const body = document.querySelector("#" + tableId + " tbody");
    body.replaceChildren();
    rows.forEach((item) => {
      const tr = document.createElement("tr");
      render(tr, item);
      body.appendChild(tr);
    });
  }

  function number(value, digits) {
    return value === null || value === undefined ? "" : Number(value).toLocaleString("en-US", { maximumFractionDigits: digits || 0 });
  }

  function chart(id, options, data) {
    const element = document.getElementById(id);
    element.replaceChildren();
    options.width = Math.max(320, element.clientWidth - 10);
    options.height = 260;
    new uPlot(options, data, element);
    element.dataset.points = String(data[0].length);
  }

  async function national(today) {
    const start = new Date(today);
    start.setFullYear(start.getFullYear() - 2);
    const series = (await api("/analytics/national?start_date=" + isoDay(start))).data;
    chart("national-chart", {
      scales: { x: { time: true } },
      series: [{}, { label: "capacity out (MW)", stroke: "#c0392b", fill: "rgba(192,57,43,.12)", width: 1 }],
    }, [series.map((d) => Date.parse(d.period + "T00:00:00Z") / 1000), series.map((d) => d.outage_mw)]);
  }

  async function topPlants(today) {
    const start = new Date(today);
    start.setDate(start.getDate() - 365);
    const top = (await api("/analytics/top-plants?metric=outage_hours&limit=10&start_date=" + isoDay(start))).data;
    const names = top.map((p) => p.unit_name);
    chart("top-plants-chart", {
      scales: { x: { time: false }, y: { range: (u, min, max) => [0, max * 1.08] } },
      axes: [{ values: (u, ticks) => ticks.map((i) => (names[i] || "").replace(/ Unit /, " ")), rotate: -30, size: 90 }, {}],
      series: [{}, { label: "outage hours", fill: "#2f6f9f", stroke: "#2f6f9f", paths: uPlot.paths.bars({ size: [0.6] }) }],
    }, [top.map((p, i) => i), top.map((p) => p.outage_hours)]);
  }

  async function ongoing() {
    const events = (await api("/data?ongoing=true&sort=-peak_outage_mw&limit=100")).data;
    fill("ongoing", events, (tr, e) => {
      cell(tr, e.unit_name);
      cell(tr, e.start_date);
      cell(tr, e.duration_days, "num");
      cell(tr, number(e.peak_outage_mw, 1), "num");
      cell(tr, number(e.capacity_mw, 1), "num");
      cell(tr, number(e.energy_lost_mwh), "num");
    });
    return events;
  }

  async function runs() {
    const list = await api("/runs?limit=10");
    fill("runs", list, (tr, r) => {
      cell(tr, r.run_id);
      cell(tr, r.trigger);
      cell(tr, r.status, "state-" + r.status);
      cell(tr, r.duration_ms === undefined ? "" : (r.duration_ms / 1000).toFixed(1) + " s", "num");
      cell(tr, number(r.rows_accepted), "num");
      cell(tr, r.error);
    });
  }

  async function freshness() {
    const health = await fetch("/actuator/health").then((r) => r.json());
    const pipeline = (health.components || {}).pipeline || { details: { datasets: {} } };
    const datasets = Object.entries(pipeline.details.datasets || {});
    fill("freshness", datasets, (tr, [id, d]) => {
      cell(tr, id);
      cell(tr, d.newest_period);
      cell(tr, d.freshness, "state-" + d.freshness);
      cell(tr, d.last_run ? d.last_run.status + " " + d.last_run.run_id : "");
      cell(tr, d.next_run || "");
    });
  }

  async function load() {
    const error = document.getElementById("error");
    error.hidden = true;
    const today = new Date();
    const results = await Promise.allSettled([national(today), topPlants(today), ongoing(), runs(), freshness()]);
    const failed = results.filter((r) => r.status === "rejected").map((r) => r.reason.message);
    if (failed.length) {
      error.textContent = failed.join(" · ");
      error.hidden = false;
    }
    const data = await api("/data?limit=1").catch(() => null);
    document.getElementById("snapshot").textContent = data ? "model snapshot " + data.snapshot : "";
    document.body.dataset.loaded = "true";
  }

  load();
  setInterval(load, 60000);
})();
