// tocsin web console: vanilla JS over the query API. Every value from the API is attacker-
// influenced (log lines, CloudTrail fields), so text is only ever set with textContent.
"use strict";

const TOKEN_KEY = "tocsin.token";
const FILTERS = ["status", "severity", "rule", "tag", "account", "principal", "log_group", "q", "from", "to", "sort"];
const SVG = "http://www.w3.org/2000/svg";
// ?refresh=SECONDS (1-60, default 5) and ?page=ROWS (1-500, default 100) tune the console.
const option = (name, min, max, fallback) => {
  const asked = Number(new URLSearchParams(location.search).get(name));
  return Number.isInteger(asked) && asked >= min && asked <= max ? asked : fallback;
};
const refreshSeconds = option("refresh", 1, 60, 5);
const PAGE = option("page", 1, 500, 100);

const $ = (id) => document.getElementById(id);
// pages: how many pages of the list are shown; a refresh walks that many again.
// loading: the list's requests in order, so a refresh and "Load more" never interleave.
const state = { shown: [], next: null, pages: 1, loading: Promise.resolve(), seen: new Set(), query: null, rendered: "", timer: null, view: "" };

// ---------- helpers ----------

function el(tag, attrs, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs || {})) {
    if (key === "class") node.className = value;
    else if (key === "text") node.textContent = value;
    else if (key.startsWith("on")) node.addEventListener(key.slice(2), value);
    else node.setAttribute(key, value);
  }
  for (const child of children) {
    if (child === null || child === undefined) continue;
    node.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return node;
}

function utc(iso) {
  if (!iso) return "—";
  return iso.replace("T", " ").replace(/\.\d+Z$/, "Z");
}

function ago(iso) {
  const seconds = Math.round((Date.now() - Date.parse(iso)) / 1000);
  if (seconds < 0) return "";
  if (seconds < 90) return seconds + "s ago";
  if (seconds < 5400) return Math.round(seconds / 60) + "m ago";
  if (seconds < 172800) return Math.round(seconds / 3600) + "h ago";
  return Math.round(seconds / 86400) + "d ago";
}

function badge(severity) {
  return el("span", { class: "sev sev-" + severity, text: severity });
}

function statusTag(status) {
  return el("span", { class: "st st-" + status, text: status });
}

function safeHref(href) {
  return /^https?:\/\//i.test(href || "") ? href : null;
}

// ---------- API ----------

class Unauthorized extends Error {}

async function api(path, options = {}) {
  const token = sessionStorage.getItem(TOKEN_KEY);
  const headers = Object.assign({ Accept: "application/json" }, options.headers || {});
  if (token) headers.Authorization = "Bearer " + token;
  const response = await fetch(path, Object.assign({}, options, { headers }));
  const body = await response.json().catch(() => ({}));
  if (response.status === 401) throw new Unauthorized(body.message || "unauthorized");
  if (!response.ok) throw new Error(body.message || "HTTP " + response.status);
  return body;
}

function failed(error, where) {
  if (error instanceof Unauthorized) {
    sessionStorage.removeItem(TOKEN_KEY);
    showLogin("The token was refused: " + error.message);
  } else {
    where.textContent = "Error: " + error.message;
    where.classList.add("error");
  }
}

// ---------- login ----------

function showLogin(message) {
  stopLive();
  $("app").hidden = true;
  $("login").hidden = false;
  $("login-error").textContent = message || "";
  $("token").focus();
}

$("login-form").addEventListener("submit", (event) => {
  event.preventDefault();
  sessionStorage.setItem(TOKEN_KEY, $("token").value.trim());
  $("token").value = "";
  start();
});

$("logout").addEventListener("click", () => {
  sessionStorage.removeItem(TOKEN_KEY);
  showLogin("");
});

// ---------- routing ----------

function route() {
  const hash = location.hash || "#/alerts";
  const [path, query] = hash.slice(1).split("?");
  for (const id of ["alerts-view", "detail-view", "silences-view", "rules-view", "deployments-view", "deployment-view"]) $(id).hidden = true;
  $("nav-alerts").classList.toggle("current", path.startsWith("/alert"));
  $("nav-silences").classList.toggle("current", path === "/silences");
  $("nav-rules").classList.toggle("current", path === "/rules");
  $("nav-deploys").classList.toggle("current", path.startsWith("/deploy"));
  if (path.startsWith("/deploy")) {
    state.view = "deployments";
    routeDeployments(path);
  } else if (path.startsWith("/alert/")) {
    state.view = "detail";
    $("detail-view").hidden = false;
    loadDetail(decodeURIComponent(path.slice("/alert/".length)));
  } else if (path === "/rules") {
    state.view = "rules";
    $("rules-view").hidden = false;
    loadRuleView();
  } else if (path === "/silences") {
    state.view = "silences";
    $("silences-view").hidden = false;
    loadSilences(new URLSearchParams(query || ""));
  } else {
    state.view = "alerts";
    $("alerts-view").hidden = false;
    formFromParams(new URLSearchParams(query || ""));
    loadAlerts(false);
  }
}

window.addEventListener("hashchange", route);

// ---------- alert list ----------

function paramsFromForm() {
  const form = $("filters");
  const params = new URLSearchParams();
  for (const name of FILTERS) {
    let value = form.elements[name].value.trim();
    if (!value || (name === "sort" && value === "status")) continue;
    if (name === "from" || name === "to") value = (value.length === 16 ? value + ":00" : value) + "Z";
    params.set(name, value);
  }
  return params;
}

function formFromParams(params) {
  const form = $("filters");
  for (const name of FILTERS) {
    let value = params.get(name) || (name === "sort" ? "status" : "");
    if ((name === "from" || name === "to") && value) value = value.replace(/Z$/, "").slice(0, 19);
    form.elements[name].value = value;
  }
}

$("filters").addEventListener("submit", (event) => {
  event.preventDefault();
  const query = paramsFromForm().toString();
  const target = "#/alerts" + (query ? "?" + query : "");
  if (location.hash === target) loadAlerts(false);
  else location.hash = target;
});

$("clear").addEventListener("click", () => {
  location.hash = "#/alerts";
});

$("more").addEventListener("click", () => loadAlerts(true));

// more: append the page after the last one shown; otherwise reload the pages shown (live refresh).
function loadAlerts(more) {
  state.loading = state.loading.then(() => loadPages(more));
  return state.loading;
}

function fetchPage(params, cursor) {
  const query = new URLSearchParams(params);
  query.set("limit", PAGE);
  if (cursor) query.set("cursor", cursor);
  return api("/api/alerts?" + query.toString());
}

async function loadPages(more) {
  const params = paramsFromForm();
  const query = params.toString();
  if (query !== state.query) {
    Object.assign(state, { query, shown: [], next: null, pages: 1, rendered: "" });
    state.seen.clear();
  }
  if (more && !state.next) return;
  const status = $("list-status");
  status.classList.remove("error");
  try {
    let alerts = more ? state.shown : [];
    let cursor = more ? state.next : null;
    const pages = more ? 1 : state.pages;
    let loaded = 0;
    do {
      const page = await fetchPage(params, cursor);
      alerts = alerts.concat(page.alerts);
      cursor = page.next;
      loaded++;
    } while (loaded < pages && cursor);
    if (paramsFromForm().toString() !== query) return; // the filters changed meanwhile
    const fingerprints = new Set();
    state.shown = alerts.filter((a) => !fingerprints.has(a.fingerprint) && fingerprints.add(a.fingerprint));
    state.next = cursor;
    state.pages = more ? state.pages + 1 : Math.max(1, loaded);
    renderAlerts();
    status.textContent =
      state.shown.length + " alerts" + (state.next ? " shown, more to load" : "") + " · refreshed " +
      new Date().toISOString().slice(11, 19) + " UTC";
  } catch (error) {
    failed(error, status);
  }
}

function renderAlerts() {
  // Rebuild only when something changed (or a minute passed, for the "ago" column), so a
  // refresh does not take keyboard focus or the hovered row away from the reader.
  const signature = JSON.stringify([state.shown.map((a) => [a.id, a.silencedBy]), state.next,
    Math.floor(Date.now() / 60000)]);
  if (signature === state.rendered) return;
  state.rendered = signature;
  const body = $("alert-table").tBodies[0];
  const first = state.seen.size === 0;
  const rows = state.shown.map((alert) => {
    const fresh = !first && !state.seen.has(alert.id);
    state.seen.add(alert.id);
    const row = el("tr", {
      class: ["alert", "sev-row-" + alert.rule.severity, "row-" + alert.status, fresh ? "fresh" : ""].join(" "),
      "data-fingerprint": alert.fingerprint,
      tabindex: "0",
      onclick: () => (location.hash = "#/alert/" + encodeURIComponent(alert.fingerprint)),
      onkeydown: (event) => {
        if (event.key === "Enter") location.hash = "#/alert/" + encodeURIComponent(alert.fingerprint);
      },
    },
      el("td", {}, badge(alert.rule.severity)),
      el("td", {}, statusTag(alert.status), alert.silences ? el("span", { class: "muted-tag", title: silenceNote(alert.silences[0]), text: "silenced" }) : null),
      el("td", { class: "title" },
        el("div", { text: alert.title }),
        el("div", { class: "sub" }, el("span", { class: "rule-id", text: alert.rule.id }), " · " + (alert.summary || ""))),
      el("td", { class: "num", text: alert.count }),
      alert.status === "firing"
        ? el("td", { class: "mono when since" }, utc(alert.startsAt), el("div", { class: "sub", text: "for " + ago(alert.startsAt).replace(/ ago$/, "") }))
        : el("td", { class: "mono when since muted", text: "—" }),
      el("td", { class: "mono when changed" }, utc(alert.updatedAt), el("div", { class: "sub", text: ago(alert.updatedAt) })));
    return row;
  });
  body.replaceChildren(...rows);
  if (rows.length === 0) {
    body.append(el("tr", {}, el("td", { colspan: "6", class: "empty", text: "No alerts match these filters." })));
  }
  $("more").hidden = !state.next;
}

async function loadRules() {
  try {
    const { rules } = await api("/api/rules");
    $("filters").elements.rule.replaceChildren(
      el("option", { value: "", text: "any" }),
      ...rules.map((rule) => el("option", { value: rule.id, text: rule.id + " — " + rule.title })));
  } catch (error) {
    failed(error, $("list-status"));
  }
}

async function loadSummary() {
  try {
    const page = await api("/api/alerts?status=firing&limit=500");
    const bySeverity = {};
    for (const alert of page.alerts) bySeverity[alert.rule.severity] = (bySeverity[alert.rule.severity] || 0) + 1;
    const parts = ["critical", "high", "medium", "low", "info"]
      .filter((s) => bySeverity[s])
      .map((s) => el("span", { class: "sum sev-" + s, text: bySeverity[s] + " " + s }));
    $("summary").replaceChildren(
      parts.length ? el("span", { class: "sum-label", text: "firing" }) : el("span", { class: "sum-label", text: "nothing firing" }),
      ...parts);
  } catch (error) {
    if (error instanceof Unauthorized) failed(error, $("summary"));
  }
}

// ---------- detail ----------

function field(label, value) {
  if (value === null || value === undefined || value === "") return null;
  return [el("dt", { text: label }), el("dd", {}, value instanceof Node ? value : String(value))];
}

function table(headers, rows) {
  return el("table", { class: "plain" },
    el("thead", {}, el("tr", {}, ...headers.map((h) => el("th", { text: h })))),
    el("tbody", {}, ...rows.map((cells) => el("tr", {}, ...cells.map((c) => el("td", {}, c instanceof Node ? c : String(c ?? "—")))))));
}

function silenceNote(s) {
  return "silenced by " + s.createdBy + " until " + utc(s.endsAt) + ": " + s.comment;
}

// What to do: the rule's description (its response steps) and its runbook.
function whatToDo(rule) {
  const box = el("section", { id: "what-to-do", class: "todo" }, el("h3", { text: "What to do" }));
  const runbook = rule && safeHref(rule.runbook);
  if (rule && rule.description) box.append(el("p", { class: "todo-text", text: rule.description }));
  if (runbook) box.append(el("p", {}, el("a", { href: runbook, target: "_blank", rel: "noopener noreferrer", text: "Runbook: " + runbook })));
  if (!rule) box.append(el("p", { class: "muted", text: "The rule is no longer loaded on this instance." }));
  else if (!rule.description && !runbook) box.append(el("p", { class: "muted", text: "Rule " + rule.id + " has no description or runbook yet: add them to " + rule.file + "." }));
  return box;
}

// A samples list, collapsed: for CloudTrail alerts each sample is the raw event JSON.
function rawEvents(samples) {
  if (!samples.length) return el("p", { class: "muted", text: "No sample kept." });
  const pretty = (text) => {
    try { return JSON.stringify(JSON.parse(text), null, 2); } catch (e) { return text; }
  };
  return el("details", { id: "raw-events", class: "raw" },
    el("summary", { text: "Raw event" + (samples.length > 1 ? "s (" + samples.length + ")" : "") }),
    ...samples.map((sample) => el("pre", { class: "sample", text: pretty(sample) })));
}

async function loadDetail(fingerprint) {
  const target = $("detail");
  target.replaceChildren(el("p", { text: "Loading…" }));
  try {
    const { alert, action, rule, history, receipts } = await api("/api/alerts/" + encodeURIComponent(fingerprint));
    const r = alert.resource || {};
    const facts = [
      field("Rule", alert.rule.id + " — " + alert.rule.title),
      field("Kind", alert.rule.kind),
      field("Tags", (alert.rule.tags || []).join(", ")),
      field("Firing since", alert.status === "firing" ? utc(alert.startsAt) + " (" + ago(alert.startsAt) + ")" : null),
      field("Started", alert.status === "firing" ? null : utc(alert.startsAt)),
      field("Last change", utc(alert.updatedAt) + " (" + ago(alert.updatedAt) + ")"),
      field("Ended", alert.endsAt ? utc(alert.endsAt) : null),
      field("Events", alert.count),
      field("Account", r.account), field("Region", r.region), field("Log group", r.logGroup),
      field("Event source", r.eventSource), field("Principal", r.principalArn),
      field("Source IP", r.sourceIp), field("User agent", r.userAgent),
      field("Fingerprint", alert.fingerprint), field("State change id", alert.id),
    ].flat().filter(Boolean);
    const labels = Object.entries(alert.labels || {}).map(([k, v]) => el("span", { class: "label", text: k + "=" + v }));
    const links = (alert.links || []).map((link) => {
      const href = safeHref(link.href);
      return href ? el("a", { href, target: "_blank", rel: "noopener noreferrer", text: link.text }) : el("span", { text: link.text });
    });
    const silenceLink = el("a", { class: "button", href: "#/silences?" + new URLSearchParams({ matcher: "rule=" + alert.rule.id }).toString(), text: "Silence this rule…" });
    const silenced = (alert.silences || []).map((s) => el("p", { class: "silenced-by", text: silenceNote(s) }));
    const chartBox = alert.evaluation ? el("section", { id: "chart", class: "chart-box" }, el("h3", { text: "Series" }), el("p", { class: "muted", text: "Loading…" })) : null;
    target.replaceChildren(
      el("header", { class: "detail-head sev-row-" + alert.rule.severity },
        el("div", {}, badge(alert.rule.severity), " ", statusTag(alert.status)),
        el("h2", { id: "detail-title", text: alert.title }),
        action ? el("p", { id: "action", class: "action", text: action }) : null,
        deployNote(alert),
        el("p", { class: "summary-text", text: alert.summary || "" }),
        ...silenced,
        el("div", { class: "links" }, ...links, silenceLink)),
      whatToDo(rule),
      ...(chartBox ? [chartBox] : []),
      el("section", { class: "cols" },
        el("div", {}, el("h3", { text: "Context" }), el("dl", { class: "facts" }, ...facts),
          labels.length ? el("div", { class: "labels" }, ...labels) : null,
          alert.evaluation ? el("div", {}, el("h3", { text: "Evaluation" }), el("pre", { text: JSON.stringify(alert.evaluation, null, 2) })) : null,
          alert.context ? el("details", { class: "raw" }, el("summary", { text: "Rule context (JSON)" }), el("pre", { text: JSON.stringify(alert.context, null, 2) })) : null),
        el("div", {}, el("h3", { text: "Evidence" }), rawEvents(alert.samples || []))),
      el("h3", { text: "History" }),
      table(["Status", "At (UTC)", "Events", "State change id"],
        history.map((h) => [statusTag(h.status), utc(h.updatedAt), h.count, el("span", { class: "mono", text: h.id })])),
      el("h3", { text: "Deliveries" }),
      receipts.length
        ? table(["At (UTC)", "Receiver", "Sink", "Attempt", "Outcome", "HTTP", "Error", "Latency"],
          receipts.map((d) => [utc(d.at), d.receiver, d.sink, d.attempt,
            el("span", { class: "outcome outcome-" + d.outcome.toLowerCase(), text: d.outcome }),
            d.status ?? "—", d.error || "", d.latencyMillis + " ms"]))
        : el("p", { class: "muted", text: "No delivery recorded." }));
    if (chartBox) loadChart(alert.fingerprint, chartBox);
  } catch (error) {
    failed(error, target);
  }
}

// ---------- chart ----------

async function loadChart(fingerprint, box) {
  try {
    const series = await api("/api/alerts/" + encodeURIComponent(fingerprint) + "/series");
    box.replaceChildren(el("h3", { text: "Series · " + series.statistic + " " + series.comparison + " " + figure(series, series.threshold) + " · " + series.mode + " " + series.periodSeconds + "s" }), chart(series));
  } catch (error) {
    failed(error, box);
  }
}

function figure(series, value) {
  if (value === null || value === undefined) return "missing";
  return series.statistic === "ratio" ? +(value * 100).toFixed(2) + " %" : String(+value.toPrecision(4));
}

function svg(tag, attrs, text) {
  const node = document.createElementNS(SVG, tag);
  for (const [key, value] of Object.entries(attrs || {})) node.setAttribute(key, value);
  if (text !== undefined) node.textContent = text;
  return node;
}

// Inline SVG: the figures as a line with dots, the threshold dashed, ALARM periods shaded and
// every transition marked; each dot's title says its time and numbers.
function chart(series) {
  const W = 760, H = 240, L = 64, R = 16, T = 14, B = 30;
  const from = Date.parse(series.from), to = Date.parse(series.to);
  // A missing figure has no "value" member at all (the API omits nulls).
  const values = series.points.map((p) => p.value).filter((v) => typeof v === "number");
  const top = Math.max(series.threshold, ...values, 0) * 1.15 || 1;
  const x = (t) => L + ((Date.parse(t) - from) / (to - from)) * (W - L - R);
  const y = (v) => T + (1 - v / top) * (H - T - B);
  const root = svg("svg", { id: "chart-svg", class: "chart", viewBox: `0 0 ${W} ${H}`, role: "img",
    "aria-label": series.statistic + " of " + series.fingerprint + " from " + utc(series.from) + " to " + utc(series.to) });
  let firing = series.statusAtFrom === "firing" ? series.from : null;
  for (const change of series.transitions.concat([{ at: series.to, status: "end" }])) {
    if (firing && change.status !== "firing") {
      root.append(svg("rect", { class: "alarm-band", x: x(firing), y: T, width: Math.max(1, x(change.at) - x(firing)), height: H - T - B }));
      firing = null;
    } else if (!firing && change.status === "firing") {
      firing = change.at;
    }
  }
  root.append(svg("line", { class: "axis", x1: L, y1: H - B, x2: W - R, y2: H - B }));
  root.append(svg("line", { class: "axis", x1: L, y1: T, x2: L, y2: H - B }));
  for (const v of [0, top / 2, top]) root.append(svg("text", { class: "tick", x: L - 6, y: y(v) + 4, "text-anchor": "end" }, figure(series, v)));
  for (const t of [from, (from + to) / 2, to]) {
    const iso = new Date(t).toISOString();
    root.append(svg("text", { class: "tick", x: x(iso), y: H - 10, "text-anchor": "middle" }, iso.slice(11, 16)));
  }
  root.append(svg("line", { class: "threshold", x1: L, y1: y(series.threshold), x2: W - R, y2: y(series.threshold) }));
  root.append(svg("text", { class: "threshold-label", x: W - R - 4, y: y(series.threshold) - 5, "text-anchor": "end" }, "threshold " + figure(series, series.threshold)));
  let run = [];
  const flush = () => {
    if (run.length > 1) root.append(svg("polyline", { class: "series", points: run.join(" ") }));
    run = [];
  };
  for (const p of series.points) {
    if (typeof p.value !== "number") { flush(); continue; }
    run.push(x(p.at) + "," + y(p.value));
    const dot = svg("circle", { class: "point point-" + p.source, cx: x(p.at), cy: y(p.value), r: p.source === "minute" ? 2.5 : 3.5 });
    const counts = p.denominator !== null && p.denominator !== undefined ? " (" + p.numerator + " of " + p.denominator + ")" : "";
    dot.append(svg("title", {}, utc(p.at) + " · " + figure(series, p.value) + counts));
    root.append(dot);
  }
  flush();
  series.transitions.forEach((change, i) => {
    root.append(svg("line", { class: "transition transition-" + change.status, x1: x(change.at), y1: T, x2: x(change.at), y2: H - B }));
    // Labels step down so that close transitions stay readable; near the right edge they end at the line.
    const right = x(change.at) > W - R - 120;
    root.append(svg("text", { class: "transition-label transition-" + change.status, x: x(change.at) + (right ? -4 : 4), y: T + 12 + (i % 3) * 14, "text-anchor": right ? "end" : "start" }, change.status + " " + utc(change.at).slice(11, 16)));
  });
  if (!series.points.length) root.append(svg("text", { class: "tick", x: W / 2, y: H / 2, "text-anchor": "middle" }, "no figures in this hour"));
  return root;
}

$("back").addEventListener("click", () => history.back());

// ---------- silences ----------

async function loadSilences(params) {
  const matcher = params.get("matcher");
  if (matcher) $("silence-form").elements.matchers.value = matcher;
  const body = $("silence-table").tBodies[0];
  try {
    const { silences } = await api("/api/silences" + ($("show-expired").checked ? "?expired=true" : ""));
    body.replaceChildren(...silences.map((s) => el("tr", { class: "silence-" + s.state },
      el("td", {}, el("span", { class: "st st-" + s.state, text: s.state })),
      el("td", { class: "mono" }, s.matchers.map((m) => m.name + m.op + m.value).join(", ")),
      el("td", { class: "mono", text: utc(s.startsAt) }),
      el("td", { class: "mono", text: utc(s.endsAt) }),
      el("td", { text: s.createdBy }),
      el("td", { text: s.comment }),
      el("td", {}, s.state === "expired" ? null : el("button", { type: "button", class: "quiet expire", onclick: () => expire(s.id), text: "Expire" })))));
    if (silences.length === 0) body.append(el("tr", {}, el("td", { colspan: "7", class: "empty", text: "No silences." })));
  } catch (error) {
    failed(error, $("silence-error"));
  }
}

async function expire(id) {
  try {
    await api("/api/silences/" + encodeURIComponent(id), { method: "DELETE" });
    loadSilences(new URLSearchParams());
  } catch (error) {
    failed(error, $("silence-error"));
  }
}

$("show-expired").addEventListener("change", () => loadSilences(new URLSearchParams()));

$("silence-form").addEventListener("submit", async (event) => {
  event.preventDefault();
  const form = event.target;
  $("silence-error").textContent = "";
  $("silence-warnings").replaceChildren();
  const payload = {
    matchers: form.elements.matchers.value.split("\n").map((m) => m.trim()).filter(Boolean),
    duration: form.elements.duration.value.trim(),
    createdBy: form.elements.createdBy.value.trim(),
    comment: form.elements.comment.value.trim(),
    force: form.elements.force.checked,
  };
  try {
    const created = await api("/api/silences", { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify(payload) });
    $("silence-warnings").replaceChildren(...(created.warnings || []).map((w) => el("li", { text: w })));
    form.elements.matchers.value = "";
    form.elements.comment.value = "";
    form.elements.force.checked = false;
    loadSilences(new URLSearchParams());
  } catch (error) {
    failed(error, $("silence-error"));
  }
});

// ---------- rules ----------

function place(error) {
  return error.line > 0 ? error.file + ":" + error.line + ":" + error.column : error.file;
}

async function loadRuleView() {
  const errorBody = $("rule-errors").tBodies[0];
  try {
    const [{ errors }, { rules }] = await Promise.all([api("/api/rules/errors"), api("/api/rules")]);
    $("rule-errors-status").textContent = errors.length === 0
      ? "No errors: every rule of the loaded files runs."
      : errors.length + (errors.length === 1 ? " rule refused" : " rules refused") + "; the rest run.";
    errorBody.replaceChildren(...errors.map((e) => el("tr", { class: "rule-error" },
      el("td", { class: "mono", text: place(e) }),
      el("td", { text: e.ruleId || "—" }),
      el("td", { class: "mono", text: e.field || "—" }),
      el("td", { text: e.hint ? e.message + "; " + e.hint : e.message }))));
    $("rule-errors").hidden = errors.length === 0;
    $("rule-table").tBodies[0].replaceChildren(...rules.map((r) => el("tr", { class: "rule" },
      el("td", {}, badge(r.severity)),
      el("td", {}, el("span", { class: "mono", text: r.id }), " ", r.title),
      el("td", { text: r.source }),
      el("td", { text: r.kind }),
      el("td", { class: "mono", text: r.file }))));
  } catch (error) {
    failed(error, $("rule-errors-status"));
  }
}

// ---------- live refresh ----------

function tick() {
  $("clock").textContent = new Date().toISOString().slice(0, 19).replace("T", " ") + "Z";
}

function stopLive() {
  clearInterval(state.timer);
  state.timer = null;
}

function startLive() {
  stopLive();
  state.timer = setInterval(() => {
    tick();
    if (document.hidden) return;
    loadSummary();
    if (state.view === "alerts") loadAlerts(false);
    if (state.view === "deployments" && location.hash === "#/deploys") loadDeployments();
  }, refreshSeconds * 1000);
  $("live").title = "Refreshes every " + refreshSeconds + " s";
}

async function start() {
  if (!sessionStorage.getItem(TOKEN_KEY)) {
    showLogin("");
    return;
  }
  $("login").hidden = true;
  $("app").hidden = false;
  tick();
  await loadRules();
  loadSummary();
  route();
  startLive();
}

start();
