// tocsin web console, Deployments: recent deploys with the post-deployment watch's verdict, one
// deploy with its before/after figures, a chart of the error ratio around it and the alerts that
// started after it. Loaded before console.js and called from its router; it uses console.js's
// helpers (el, api, utc, ago, svg, table, field, failed) only inside functions, at call time.
"use strict";

function percent(ratio, digits) {
  return ratio === null || ratio === undefined ? "—" : (ratio * 100).toFixed(digits) + " %";
}

function verdictOf(deploy) {
  return deploy.verdict ? deploy.verdict.status : "none";
}

function verdictTag(deploy) {
  const verdict = verdictOf(deploy);
  return el("span", { class: "verdict verdict-" + verdict, text: verdict === "none" ? "not judged" : verdict });
}

function deployTitle(d) {
  return d.resource + (d.version ? " · version " + d.version : "") + " · " + d.kind + " " + d.action;
}

function openDeploy(id) {
  location.hash = "#/deploy/" + encodeURIComponent(id);
}

// The router's entry: the list at #/deploys, one deploy at #/deploy/<id>.
function routeDeployments(path) {
  const one = path.startsWith("/deploy/");
  $("deployments-view").hidden = one;
  $("deployment-view").hidden = !one;
  if (one) loadDeployment(decodeURIComponent(path.slice("/deploy/".length)));
  else loadDeployments();
}

// ---------- list ----------

async function loadDeployments() {
  const status = $("deploy-status");
  status.classList.remove("error");
  try {
    const { deployments, next } = await api("/api/deployments?limit=100");
    const rows = deployments.map((d) => {
      const v = d.verdict || {};
      return el("tr", {
        class: "deploy verdict-row-" + verdictOf(d),
        "data-id": d.id,
        tabindex: "0",
        onclick: () => openDeploy(d.id),
        onkeydown: (event) => { if (event.key === "Enter") openDeploy(d.id); },
      },
        el("td", { class: "mono when" }, utc(d.time), el("div", { class: "sub", text: ago(d.time) })),
        el("td", { class: "title" }, el("div", { text: d.resource }), el("div", { class: "sub", text: d.kind + " " + d.action + (d.stack ? " · stack " + d.stack : "") })),
        el("td", { class: "mono", text: d.version || "—" }),
        el("td", { text: d.actor ? d.actor.name || d.actor.arn || "—" : "—" }),
        el("td", { text: d.outcome ? d.outcome.status.replace("_", " ") : "—" }),
        el("td", {}, verdictTag(d), v.decidedAt ? el("div", { class: "sub", text: "after " + v.afterSeconds + " s" }) : null),
        el("td", { class: "num mono figures", text: percent(v.baseline && v.baseline.errorRatio, 1) + " → " + percent(v.after && v.after.errorRatio, 1) }));
    });
    const body = $("deploy-table").tBodies[0];
    body.replaceChildren(...rows);
    if (!rows.length) body.append(el("tr", {}, el("td", { colspan: "7", class: "empty", text: "No deployment seen yet." })));
    status.textContent = deployments.length + " deployments" + (next ? " (the most recent)" : "") + " · refreshed " + new Date().toISOString().slice(11, 19) + " UTC";
  } catch (error) {
    failed(error, status);
  }
}

// ---------- one deployment ----------

function figuresTable(v) {
  const b = v.baseline || {}, a = v.after || {};
  const span = (w) => (w.from ? utc(w.from).slice(11) + " – " + utc(w.to).slice(11) : "—");
  const share = (w, n, r) => (w[n] === undefined ? "—" : w[n] + " (" + percent(w[r], 2) + ")");
  const ms = (w) => (w.p99DurationMs === null || w.p99DurationMs === undefined ? "—" : Math.round(w.p99DurationMs) + " ms");
  return el("table", { id: "deploy-figures", class: "plain figures" },
    el("thead", {}, el("tr", {}, el("th", { text: "" }), el("th", { text: "Before" }), el("th", { text: "After" }))),
    el("tbody", {}, ...[
      ["Window (UTC)", span(b), span(a)],
      ["Invocations", b.invocations ?? "—", a.invocations ?? "—"],
      ["Errors", share(b, "errors", "errorRatio"), share(a, "errors", "errorRatio")],
      ["Timeouts", share(b, "timeouts", "timeoutRatio"), share(a, "timeouts", "timeoutRatio")],
      ["p99 duration", ms(b), ms(a)],
    ].map((cells) => el("tr", {}, ...cells.map((c) => el("td", { text: String(c) }))))));
}

async function loadDeployment(id) {
  const target = $("deployment");
  target.replaceChildren(el("p", { text: "Loading…" }));
  try {
    const { deployment: d, alerts } = await api("/api/deployments/" + encodeURIComponent(id));
    const v = d.verdict;
    const o = d.outcome || {};
    const facts = [
      field("Deployed", utc(d.time) + " (" + ago(d.time) + ")"),
      field("By", d.actor ? [d.actor.name, d.actor.arn].filter(Boolean).join(" · ") : null),
      field("Account", d.account + " " + (d.region || "")),
      field("Stack", d.stack),
      field("Code SHA-256", d.codeSha256),
      field("Outcome", o.status ? o.status.replace("_", " ") : null),
      field("Failed resource", o.failedResource),
      field("Reason", o.reason),
      field("Evidence", (d.evidence || []).join(", ")),
      field("CloudTrail / EventBridge id", d.sourceEventId),
      field("Deployment id", d.id),
    ].flat().filter(Boolean);
    const verdictBox = v
      ? el("section", { id: "verdict", class: "verdict-box verdict-box-" + v.status },
        el("h3", { text: "Verdict" }),
        el("p", { id: "verdict-line", class: "action" }, verdictTag(d), " " + v.afterSeconds + " s after the deploy, at " + utc(v.decidedAt)),
        v.test ? el("p", { class: "muted", text: v.test }) : null,
        v.baseline || v.after ? figuresTable(v) : null,
        v.baseline || v.after ? deployChart(d, alerts) : null)
      : el("section", { id: "verdict", class: "verdict-box" }, el("h3", { text: "Verdict" }), el("p", { class: "muted", text: "The watch has not judged this deployment yet." }));
    target.replaceChildren(
      el("header", { class: "detail-head deploy-head verdict-row-" + verdictOf(d) },
        el("div", {}, verdictTag(d)),
        el("h2", { id: "deploy-title", text: deployTitle(d) })),
      verdictBox,
      el("section", { class: "cols" },
        el("div", {}, el("h3", { text: "Deployment" }), el("dl", { class: "facts" }, ...facts)),
        el("div", {}, el("h3", { text: "Resources" }),
          table(["Type", "Name", "ARN"], (d.resources || []).map((r) => [r.type, r.name, r.arn])))),
      el("h3", { text: "Alerts that started after it" }),
      alerts.length
        ? table(["Severity", "Status", "Alert", "Started (UTC)", "After deploy"], alerts.map((a) => [
          badge(a.rule.severity), statusTag(a.status),
          el("a", { href: "#/alert/" + encodeURIComponent(a.fingerprint), class: "linked-alert", text: a.title }),
          utc(a.startsAt), a.context.deploy.secondsAfterDeploy + " s"]))
        : el("p", { id: "no-linked-alerts", class: "muted", text: "No alert started after this deployment." }));
  } catch (error) {
    failed(error, target);
  }
}

// Inline SVG of the error ratio around the deploy: the baseline and after windows as steps at
// their ratios, the deploy and the verdict as vertical lines, linked alerts as marks on the axis.
// The baseline shows its last stretch only (at most three times the after window) so that both
// read at the same scale; its label gives its whole span.
function deployChart(d, alerts) {
  const W = 760, H = 220, L = 64, R = 16, T = 16, B = 30;
  const v = d.verdict, base = v.baseline, after = v.after;
  const deployAt = Date.parse(d.time);
  const afterEnd = after ? Date.parse(after.to) : Date.parse(v.decidedAt);
  const afterSpan = Math.max(afterEnd - deployAt, 60000);
  const from = base ? Math.max(Date.parse(base.from), deployAt - 3 * afterSpan) : deployAt - afterSpan;
  const to = afterEnd + afterSpan * 0.15;
  const ratios = [base && base.errorRatio, after && after.errorRatio].filter((r) => r !== null && r !== undefined);
  const top = Math.max(...ratios, 0.01) * 1.3;
  const x = (t) => L + ((t - from) / (to - from)) * (W - L - R);
  const y = (r) => T + (1 - r / top) * (H - T - B);
  const root = svg("svg", { id: "deploy-chart", class: "chart", viewBox: `0 0 ${W} ${H}`, role: "img",
    "aria-label": "error ratio of " + d.resource + " before and after the deploy at " + utc(d.time) });
  root.append(svg("line", { class: "axis", x1: L, y1: H - B, x2: W - R, y2: H - B }));
  root.append(svg("line", { class: "axis", x1: L, y1: T, x2: L, y2: H - B }));
  for (const r of [0, top / 2, top]) root.append(svg("text", { class: "tick", x: L - 6, y: y(r) + 4, "text-anchor": "end" }, percent(r, 1)));
  for (const t of [from, deployAt, afterEnd]) root.append(svg("text", { class: "tick", x: x(t), y: H - 10, "text-anchor": "middle" }, new Date(t).toISOString().slice(11, 19)));
  const step = (window, cls, start, label) => {
    if (!window || window.errorRatio === null || window.errorRatio === undefined) return;
    const x1 = x(start), x2 = x(Date.parse(window.to)), yy = y(window.errorRatio);
    const line = svg("line", { class: "ratio " + cls, x1, y1: yy, x2, y2: yy });
    line.append(svg("title", {}, label + ": " + window.errors + " errors of " + window.invocations + " invocations, " + utc(window.from) + " – " + utc(window.to)));
    root.append(line);
    root.append(svg("text", { class: "ratio-label " + cls, x: (x1 + x2) / 2, y: yy - 6, "text-anchor": "middle" }, label + " " + percent(window.errorRatio, 2)));
  };
  const baseMinutes = base ? Math.round((Date.parse(base.to) - Date.parse(base.from)) / 60000) : 0;
  step(base, "ratio-before", from, "before (" + baseMinutes + " min)");
  step(after, "ratio-after", deployAt, "after");
  root.append(svg("line", { class: "deploy-line", x1: x(deployAt), y1: T, x2: x(deployAt), y2: H - B }));
  root.append(svg("text", { class: "deploy-label", x: x(deployAt) + 4, y: T + 10 }, "deploy" + (d.version ? " " + d.version : "")));
  const decided = Date.parse(v.decidedAt);
  root.append(svg("line", { class: "verdict-line verdict-" + v.status, x1: x(decided), y1: T, x2: x(decided), y2: H - B }));
  root.append(svg("text", { class: "verdict-label verdict-" + v.status, x: x(decided) - 4, y: T + 24, "text-anchor": "end" }, v.status));
  for (const a of alerts) {
    const at = Date.parse(a.startsAt);
    if (at < from || at > to) continue;
    const mark = svg("circle", { class: "alert-mark", cx: x(at), cy: H - B, r: 4 });
    mark.append(svg("title", {}, a.title + " · started " + utc(a.startsAt)));
    root.append(mark);
  }
  return root;
}

// ---------- on an alert ----------

// The alert detail's line for context.deploy: "started 90 s after deploy 42 of orders-api by
// alice", linking to the deployment; null when the alert has none.
function deployNote(alert) {
  const deploy = alert.context && alert.context.deploy;
  if (!deploy || !deploy.id) return null;
  const text = "started " + deploy.secondsAfterDeploy + " s after deploy" + (deploy.version ? " " + deploy.version : "") +
    " of " + deploy.resource + (deploy.actor ? " by " + deploy.actor : "");
  return el("p", { id: "deploy-note", class: "deploy-note" }, text + " · ",
    el("a", { href: "#/deploy/" + encodeURIComponent(deploy.id), text: "the deployment" }));
}
