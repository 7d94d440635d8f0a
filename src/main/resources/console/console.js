// tocsin web console: vanilla JS over the query API. Every value from the API is attacker-
// influenced (log lines, CloudTrail fields), so text is only ever set with textContent.
"use strict";

const TOKEN_KEY = "tocsin.token";
const FILTERS = ["status", "severity", "rule", "tag", "account", "principal", "log_group", "q", "from", "to", "sort"];
const PAGE = 100;
const refreshSeconds = (() => {
  const asked = Number(new URLSearchParams(location.search).get("refresh"));
  return asked >= 1 && asked <= 60 ? asked : 5;
})();

const $ = (id) => document.getElementById(id);
const state = { shown: [], next: null, seen: new Set(), query: null, rendered: "", timer: null, view: "" };

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
  for (const id of ["alerts-view", "detail-view", "silences-view"]) $(id).hidden = true;
  $("nav-alerts").classList.toggle("current", path.startsWith("/alert"));
  $("nav-silences").classList.toggle("current", path === "/silences");
  if (path.startsWith("/alert/")) {
    state.view = "detail";
    $("detail-view").hidden = false;
    loadDetail(decodeURIComponent(path.slice("/alert/".length)));
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
    if (!value || (name === "sort" && value === "newest")) continue;
    if (name === "from" || name === "to") value = (value.length === 16 ? value + ":00" : value) + "Z";
    params.set(name, value);
  }
  return params;
}

function formFromParams(params) {
  const form = $("filters");
  for (const name of FILTERS) {
    let value = params.get(name) || (name === "sort" ? "newest" : "");
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

async function loadAlerts(more) {
  const params = paramsFromForm();
  if (params.toString() !== state.query) {
    state.query = params.toString();
    state.seen.clear();
    state.shown = [];
  }
  const status = $("list-status");
  status.classList.remove("error");
  if (more && state.next) {
    params.set("cursor", state.next);
    params.set("limit", PAGE);
  } else {
    params.set("limit", Math.min(500, Math.max(PAGE, state.shown.length)));
  }
  try {
    const page = await api("/api/alerts?" + params.toString());
    state.shown = more ? state.shown.concat(page.alerts) : page.alerts;
    state.next = page.next;
    renderAlerts();
    status.textContent =
      state.shown.length + (state.next ? "+" : "") + " alerts · refreshed " +
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
      el("td", {}, statusTag(alert.status), alert.silencedBy ? el("span", { class: "muted-tag", text: "silenced" }) : null),
      el("td", { class: "title" },
        el("div", { text: alert.title }),
        el("div", { class: "sub" }, el("span", { class: "rule-id", text: alert.rule.id }), " · " + (alert.summary || ""))),
      el("td", { class: "num", text: alert.count }),
      el("td", { class: "mono when" }, utc(alert.updatedAt), el("div", { class: "sub", text: ago(alert.updatedAt) })));
    return row;
  });
  body.replaceChildren(...rows);
  if (rows.length === 0) {
    body.append(el("tr", {}, el("td", { colspan: "5", class: "empty", text: "No alerts match these filters." })));
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

async function loadDetail(fingerprint) {
  const target = $("detail");
  target.replaceChildren(el("p", { text: "Loading…" }));
  try {
    const { alert, history, receipts } = await api("/api/alerts/" + encodeURIComponent(fingerprint));
    const r = alert.resource || {};
    const facts = [
      field("Rule", alert.rule.id + " — " + alert.rule.title),
      field("Kind", alert.rule.kind),
      field("Tags", (alert.rule.tags || []).join(", ")),
      field("Started", utc(alert.startsAt)),
      field("Last change", utc(alert.updatedAt)),
      field("Ended", alert.endsAt ? utc(alert.endsAt) : null),
      field("Events", alert.count),
      field("Account", r.account), field("Region", r.region), field("Log group", r.logGroup),
      field("Event source", r.eventSource), field("Principal", r.principalArn),
      field("Source IP", r.sourceIp), field("User agent", r.userAgent),
      field("Fingerprint", alert.fingerprint), field("State change id", alert.id),
      field("Silenced by", alert.silencedBy ? alert.silencedBy.join(", ") : null),
    ].flat().filter(Boolean);
    const labels = Object.entries(alert.labels || {}).map(([k, v]) => el("span", { class: "label", text: k + "=" + v }));
    const links = (alert.links || []).map((link) => {
      const href = safeHref(link.href);
      return href ? el("a", { href, target: "_blank", rel: "noopener noreferrer", text: link.text }) : el("span", { text: link.text });
    });
    const silenceLink = el("a", { class: "button", href: "#/silences?" + new URLSearchParams({ matcher: "rule=" + alert.rule.id }).toString(), text: "Silence this rule…" });
    target.replaceChildren(
      el("header", { class: "detail-head sev-row-" + alert.rule.severity },
        el("div", {}, badge(alert.rule.severity), " ", statusTag(alert.status)),
        el("h2", { id: "detail-title", text: alert.title }),
        el("p", { class: "summary-text", text: alert.summary || "" }),
        el("div", { class: "links" }, ...links, silenceLink)),
      el("section", { class: "cols" },
        el("div", {}, el("h3", { text: "Context" }), el("dl", { class: "facts" }, ...facts),
          labels.length ? el("div", { class: "labels" }, ...labels) : null,
          alert.evaluation ? el("div", {}, el("h3", { text: "Evaluation" }), el("pre", { text: JSON.stringify(alert.evaluation, null, 2) })) : null,
          alert.context ? el("div", {}, el("h3", { text: "Rule context" }), el("pre", { text: JSON.stringify(alert.context, null, 2) })) : null),
        el("div", {}, el("h3", { text: "Samples (" + (alert.samples || []).length + ")" }),
          ...(alert.samples || []).map((s) => el("pre", { class: "sample", text: s })))),
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
  } catch (error) {
    failed(error, target);
  }
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
  const payload = {
    matchers: form.elements.matchers.value.split("\n").map((m) => m.trim()).filter(Boolean),
    duration: form.elements.duration.value.trim(),
    createdBy: form.elements.createdBy.value.trim(),
    comment: form.elements.comment.value.trim(),
  };
  try {
    await api("/api/silences", { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify(payload) });
    form.elements.matchers.value = "";
    form.elements.comment.value = "";
    loadSilences(new URLSearchParams());
  } catch (error) {
    failed(error, $("silence-error"));
  }
});

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
