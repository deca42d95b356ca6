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

  // uPlot's default axis font; sizes below are measured with it, so every label is drawn inside the canvas.
  const AXIS_FONT = "12px system-ui, -apple-system, \"Segoe UI\", Roboto, sans-serif";
  const measure = document.createElement("canvas").getContext("2d");

  function textWidth(text) {
    measure.font = AXIS_FONT;
    return Math.ceil(measure.measureText(String(text)).width);
  }

  /** The room an axis needs across its line: tick labels (rotated ones included), then its title. */
  function needed(axis, values) {
    const widest = Math.max(0, ...(values || []).map(textWidth));
    const angle = Math.abs(axis.rotate || 0) * Math.PI / 180;
    const labels = axis.side === 2 ? widest * Math.sin(angle) + 14 * Math.cos(angle) : widest;
    return Math.ceil(labels + 14 + (axis.label ? 24 : 0));
  }

  /** An axis whose size follows its labels: {@code side} 2 is the x axis below the plot, 3 the y axis left of it. */
  function axis(side, options) {
    options.side = side;
    options.font = AXIS_FONT;
    options.size = (u, values) => needed(options, values);
    return options;
  }

  /**
   * Whether every label of the drawn chart is inside its canvas: each axis has the room its labels need, rotated x
   * labels end before the right edge, and each axis title fits along the plot.
   */
  function fits(u, options) {
    const ratio = window.devicePixelRatio || 1;
    const plotWidth = u.bbox.width / ratio;
    const plotHeight = u.bbox.height / ratio;
    return u.axes.every((a, i) => {
      const spec = options.axes[i];
      const values = (a._values || []).map(String);
      if (needed(spec, values) > a._size) {
        return false;
      }
      if (textWidth(spec.label || "") > (spec.side === 2 ? plotWidth : plotHeight)) {
        return false;
      }
      if (spec.side !== 2) {
        return true;
      }
      const angle = Math.abs(spec.rotate || 0) * Math.PI / 180;
      return (a._splits || []).every((tick, k) => u.valToPos(tick, "x") + u.bbox.left / ratio
        + (angle ? textWidth(values[k] || "") * Math.cos(angle) : textWidth(values[k] || "") / 2) <= u.width);
    });
  }

  /** Draws a chart and records what the browser test checks: points, and that axes and legend read right. */
  function chart(id, options, data, height) {
    const element = document.getElementById(id);
    element.replaceChildren();
    options.width = Math.max(320, element.clientWidth - 10);
    options.height = height || 260;
    // The legend names the series; with values it would read "--" until the mouse is over the chart.
    options.legend = { live: false };
    options.hooks = { draw: [(u) => {
      element.dataset.axesFit = String(fits(u, options));
      element.dataset.axisLabels = options.axes.map((a) => a.label || "").join("|");
      element.dataset.tickLabels = u.axes.map((a) => (a._values || []).map(String).join(";")).join("|");
    }] };
    new uPlot(options, data, element);
    element.dataset.points = String(data[0].length);
  }

  async function national(today) {
    const start = new Date(today);
    start.setFullYear(start.getFullYear() - 2);
    const series = (await api("/analytics/national?start_date=" + isoDay(start))).data;
    chart("national-chart", {
      scales: { x: { time: true } },
      // Room on the right for the last date label.
      padding: [8, 40, 0, 0],
      axes: [
        // One line per label: uPlot's default puts the year under the month.
        axis(2, { label: "day (UTC)", space: 90, values: (u, ticks) => ticks.map((t) => new Date(t * 1000).toISOString().slice(0, 10)) }),
        axis(3, { label: "capacity out (MW)", values: (u, ticks) => ticks.map((t) => number(t)) }),
      ],
      series: [{}, { label: "capacity out (MW)", stroke: "#c0392b", fill: "rgba(192,57,43,.12)", width: 1 }],
    }, [series.map((d) => Date.parse(d.period + "T00:00:00Z") / 1000), series.map((d) => d.outage_mw)]);
  }

  async function topPlants(today) {
    const start = new Date(today);
    start.setDate(start.getDate() - 365);
    const top = (await api("/analytics/top-plants?metric=outage_hours&limit=10&start_date=" + isoDay(start))).data;
    // Short names, so the rotated labels leave the bars room: "Columbia Generating Station 2" -> "Columbia Gener… 2".
    const names = top.map((p) => {
      const name = p.unit_name.replace(/ Unit /, " ");
      return name.length > 18 ? name.slice(0, 14) + "… " + name.split(" ").pop() : name;
    });
    chart("top-plants-chart", {
      // Half a bar of room on both sides: the first and last bar are drawn whole.
      scales: { x: { time: false, range: (u, min, max) => [min - 0.5, max + 0.5] }, y: { range: (u, min, max) => [0, max * 1.08] } },
      // Room on the right for the last rotated label.
      padding: [8, 90, 0, 0],
      axes: [
        axis(2, { label: "generator (plant and unit)", values: (u, ticks) => ticks.map((i) => names[i] || ""), rotate: -30 }),
        axis(3, { label: "outage hours (h)", values: (u, ticks) => ticks.map((t) => number(t)) }),
      ],
      series: [{}, { label: "outage hours", fill: "#2f6f9f", stroke: "#2f6f9f", paths: uPlot.paths.bars({ size: [0.6] }) }],
    }, [top.map((p, i) => i), top.map((p) => p.outage_hours)], 380);
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

  // Outage alerts: the newest 20 from GET /events, then live from GET /events/stream, read with fetch() so the
  // token travels in the Authorization header (EventSource cannot send one, and a token in the URL would be logged).
  const alertRows = [];
  let alertStream = null;

  function alertRow(tr, e) {
    const d = e.data || {};
    cell(tr, (e.time || "").replace("T", " ").slice(0, 19));
    cell(tr, e.type, "event-" + e.type.replace(/\./g, "-"));
    cell(tr, d.unit_name || d.reason || "");
    cell(tr, d.start_date || "");
    cell(tr, d.last_outage_date || "");
    cell(tr, number(d.peak_outage_mw, 1), "num");
  }

  function showAlerts() {
    fill("alerts", alertRows, alertRow);
  }

  async function alerts() {
    const latest = await api("/events?latest=20");
    alertRows.splice(0, alertRows.length, ...latest.slice().reverse());
    showAlerts();
    if (!alertStream) {
      alertStream = follow(latest.length ? latest[latest.length - 1].id : null);
    }
    return latest;
  }

  async function follow(lastId) {
    const headers = { Accept: "text/event-stream" };
    if (tokenInput.value) {
      headers.Authorization = "Bearer " + tokenInput.value;
    }
    if (lastId) {
      headers["Last-Event-ID"] = lastId;
    }
    try {
      const response = await fetch("/events/stream", { headers });
      const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
      let buffer = "";
      for (;;) {
        const { value, done } = await reader.read();
        if (done) {
          break;
        }
        buffer += value;
        let end;
        while ((end = buffer.indexOf("\n\n")) >= 0) {
          const message = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          const data = message.split("\n").filter((l) => l.startsWith("data:")).map((l) => l.slice(5)).join("\n");
          if (data) {
            const event = JSON.parse(data);
            lastId = event.id;
            alertRows.unshift(event);
            alertRows.splice(20);
            showAlerts();
          }
        }
      }
    } catch (e) {
      // The server stopped or the network dropped: try again shortly, from the last event shown.
    }
    setTimeout(() => { alertStream = follow(lastId); }, 5000);
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
    const results = await Promise.allSettled([national(today), topPlants(today), ongoing(), runs(), freshness(), alerts()]);
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
