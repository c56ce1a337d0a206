import Crypto
import Foundation

/// The dashboard every node serves at `/`: one self-contained page (no external assets, works
/// offline) that reads the node's JSON routes and refreshes itself every 5 seconds.
enum DashboardPage {
    static let html = #"""
<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Argus</title>
<style>
  .spaced { margin-top: 12px; }
  :root { --ok: #2da44e; --down: #cf222e; --part: #d4a72c; --fg: #1f2328; --muted: #656d76; --line: #d8dee4; }
  * { box-sizing: border-box; }
  body { margin: 0; font: 14px/1.45 -apple-system, "Segoe UI", Helvetica, Arial, sans-serif; color: var(--fg); background: #f6f8fa; }
  header { background: #24292f; color: #fff; padding: 12px 24px; display: flex; align-items: baseline; gap: 16px; flex-wrap: wrap; }
  header h1 { margin: 0; font-size: 20px; } header span { color: #c9d1d9; }
  main { padding: 16px 24px; display: grid; gap: 16px; grid-template-columns: 1fr; max-width: 1400px; margin: 0 auto; }
  section { background: #fff; border: 1px solid var(--line); border-radius: 8px; padding: 12px 16px; }
  h2 { font-size: 15px; margin: 0 0 8px; }
  table { border-collapse: collapse; width: 100%; }
  th, td { text-align: left; padding: 5px 8px; border-bottom: 1px solid var(--line); vertical-align: middle; }
  th { font-size: 12px; color: var(--muted); font-weight: 600; }
  .badge { display: inline-block; padding: 1px 8px; border-radius: 10px; color: #fff; font-size: 12px; font-weight: 600; }
  .up { background: var(--ok); } .down { background: var(--down); } .warn { background: var(--part); }
  .bar { display: flex; gap: 1px; height: 22px; min-width: 240px; }
  .bar i { flex: 1; border-radius: 2px; background: var(--ok); }
  .bar i.d { background: var(--down); } .bar i.p { background: var(--part); }
  .muted { color: var(--muted); } .mono { font-family: ui-monospace, SFMono-Regular, Menlo, monospace; font-size: 12px; }
  .grid2 { display: grid; grid-template-columns: 1fr 1fr; gap: 16px; }
  @media (max-width: 1000px) { .grid2 { grid-template-columns: 1fr; } }
  pre { background: #f6f8fa; border: 1px solid var(--line); border-radius: 6px; padding: 8px; overflow: auto; max-height: 260px; white-space: pre-wrap; word-break: break-all; }
  input, select, button { font: inherit; padding: 3px 6px; }
  #filter { width: 240px; }
  .err { color: var(--down); }
</style>
</head>
<body>
<header><h1>Argus</h1><span id="who">verifiable downtime monitoring</span><span id="clock" class="mono"></span></header>
<main>
  <section id="cluster-panel"><h2>Cluster</h2><div id="cluster">loading…</div></section>
  <section>
    <h2>Targets <input id="filter" placeholder="filter by address"> <select id="state-filter"><option value="">any state</option><option value="down">down</option><option value="up">up</option></select>
      <span id="counts" class="muted"></span> <button id="prev">‹</button> <span id="range" class="muted"></span> <button id="next">›</button></h2>
    <table><thead><tr><th>target</th><th>state</th><th>since</th><th>24 h</th><th>7 d</th><th>30 d</th><th>last 24 h (30 min each)</th><th>last check</th></tr></thead>
    <tbody id="targets"><tr><td colspan="8">loading…</td></tr></tbody></table>
  </section>
  <div class="grid2">
    <section><h2>Event timeline</h2><table><thead><tr><th>time</th><th>target</th><th>state</th><th>Zellular</th><th>signers</th><th>non-signers</th></tr></thead>
      <tbody id="events"></tbody></table>
      <h2 class="spaced">Rejected events</h2><table><thead><tr><th>Zellular</th><th>reason</th></tr></thead><tbody id="rejections"></tbody></table>
      <h2 class="spaced">Maintenance windows <span class="muted">(announced in advance: not downtime)</span></h2>
      <table><thead><tr><th>target</th><th>window</th><th>announced</th><th>reason</th></tr></thead><tbody id="maintenance"></tbody></table>
    </section>
    <section id="proof-panel"><h2>Downtime proof</h2>
      <div>target <input id="p-target" class="mono" list="p-targets" size="16"><datalist id="p-targets"></datalist> from <input id="p-from" class="mono" size="11"> to <input id="p-to" class="mono" size="11">
      <button id="p-go">Get proof</button></div>
      <p class="muted">Unix seconds. A window is signed once it is settled (it ended <span id="p-age">max_event_age</span> s ago).</p>
      <div id="p-result" class="muted">Pick a target and a window.</div>
    </section>
  </div>
  <section id="epochs-panel" hidden><h2>Settlement epochs <span id="e-sched" class="muted"></span></h2>
    <div class="grid2">
      <div><table><thead><tr><th>epoch</th><th>window</th><th>status</th><th>root</th></tr></thead><tbody id="epochs"></tbody></table></div>
      <div id="e-report" class="muted">No settled epoch yet.</div>
    </div>
  </section>
</main>
<script>
"use strict";
const $ = (s) => document.querySelector(s);
const esc = (s) => String(s).replace(/[&<>"']/g, (c) => ({"&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;"}[c]));
async function json(url) { const r = await fetch(url); const t = await r.text(); if (!r.ok) throw new Error(r.status + " " + t); return JSON.parse(t); }
function dur(s) { s = Math.round(s); if (s < 60) return s + " s"; const h = Math.floor(s / 3600), m = Math.floor((s % 3600) / 60), r = s % 60;
  return (h ? h + " h " : "") + (m ? m + " min " : "") + (r && !h ? r + " s" : "").trim(); }
function when(t) { return t ? new Date(t * 1000).toISOString().replace("T", " ").slice(0, 19) + "Z" : "always"; }
function pct(x) { return (Math.floor(x * 100000) / 1000).toFixed(3) + " %"; }
let cluster = null, summary = null, seenTargets = "";
// One page of targets at a time, filtered on the server: the page stays fast at 10,000 targets.
const pageSize = 50;
let page = 0;
function summaryURL() {
  const q = $("#filter").value.trim(), st = $("#state-filter").value;
  return "/dashboard/summary?limit=" + pageSize + "&offset=" + page * pageSize + (q ? "&q=" + encodeURIComponent(q) : "") + (st ? "&state=" + st : "");
}

function renderCluster(c) {
  cluster = c;
  if (c.mode === "standalone") { $("#cluster").innerHTML = "<span class='muted'>standalone node (stage 01): no cluster, no proofs</span>"; return; }
  $("#who").textContent = (c.name || "replica") + " — " + c.mode + (c.quorum ? " — quorum " + c.quorum : "");
  $("#p-age").textContent = c.max_event_age;
  const peers = (c.members || []).map((m) => "<tr><td>" + esc(m.name) + (m.name === c.name ? " <span class='muted'>(this node)</span>" : "") + "</td><td class='mono'>" + esc(m.url) +
    "</td><td><span class='badge " + (m.answers ? "up'>answers" : "down'>no answer") + "</span></td></tr>").join("");
  const z = c.zellular;
  $("#cluster").innerHTML = "<table><thead><tr><th>member</th><th>url</th><th>status</th></tr></thead><tbody>" + peers + "</tbody></table>" +
    "<p>Zellular app <b>" + esc(z.app) + "</b> via <span class='mono'>" + esc(z.gateway) + "</span> — cursor <b>" + z.cursor + "</b>" +
    (z.lag === null ? "" : ", lag <b>" + z.lag + "</b> batch" + (z.lag === 1 ? "" : "es")) + ", outbox <b>" + c.outbox + "</b> — <a href='/registry'>registry</a> · <a href='/metrics'>metrics</a> · <a href='/openapi.yaml'>API</a></p>";
}

function renderTargets() {
  if (!summary) return;
  const list = summary.targets;
  const span = summary.bucket_seconds;
  const rows = list.map((t) => {
    const bar = t.bar.map((down, i) => {
      const start = summary.now - (t.bar.length - i) * span;
      const outs = (t.bucket_outages[i] || []).map((k) => { const o = t.outages[k]; return "down " + when(o[0]) + " → " + (o[1] ? when(o[1]) + " (" + dur(o[1] - o[0]) + ")" : "now"); });
      const cls = down === 0 ? "" : down >= span ? "d" : "p";
      return "<i class='" + cls + "' title='" + esc(when(start) + ": " + (down ? dur(down) + " down" : "up") + (outs.length ? "\n" + outs.join("\n") : "")) + "'></i>";
    }).join("");
    const last = t.last_check ? (t.last_check.healthy && !t.last_check.degraded ? "ok" : esc(t.last_check.error || "failed")) + " <span class='muted'>" + t.last_check.latency_ms + " ms</span>" : "<span class='muted'>none yet</span>";
    return "<tr><td class='mono'>" + esc(t.address) + "<br><span class='muted'>" + esc(t.endpoint) + "</span></td><td><span class='badge " + t.state + "'>" + t.state +
      "</span>" + (t.degraded ? " <span class='badge warn' title='up, but only partially healthy'>degraded</span>" : "") + "</td><td>" + (t.since ? when(t.since) : "<span class='muted'>always</span>") + "</td><td>" + pct(t.uptime["24h"]) + "</td><td>" + pct(t.uptime["7d"]) +
      "</td><td>" + pct(t.uptime["30d"]) + "</td><td><div class='bar'>" + bar + "</div></td><td>" + last + "</td></tr>";
  }).join("");
  $("#targets").innerHTML = rows || "<tr><td colspan='8' class='muted'>no targets</td></tr>";
  const w = summary.worst;
  $("#counts").textContent = summary.total + " targets, " + summary.counts.down + " down" + (summary.counts.degraded ? ", " + summary.counts.degraded + " degraded" : "") + ", worst 24 h: " + (w ? w.address + " " + pct(w.uptime_24h) : "none below 100 %") +
    (summary.matched !== summary.total ? " — " + summary.matched + " match" : "");
  $("#range").textContent = summary.matched ? (summary.offset + 1) + "–" + (summary.offset + list.length) + " of " + summary.matched : "none";
  $("#prev").disabled = summary.offset === 0;
  $("#next").disabled = summary.offset + list.length >= summary.matched;
  const names = list.map((t) => t.address).join("\n");
  if (names !== seenTargets) {
    seenTargets = names;
    $("#p-targets").innerHTML = list.map((t) => "<option value='" + esc(t.address) + "'>").join("");
    if (!$("#p-target").value && list.length) $("#p-target").value = list[0].address;
  }
}

function renderTimeline(tl) {
  $("#events").innerHTML = tl.events.map((e) => "<tr><td>" + when(e.timestamp) + "</td><td class='mono'>" + esc(e.address) + "</td><td><span class='badge " + e.state + "'>" + e.state +
    "</span></td><td>" + (e.zellular_index ?? "—") + "</td><td>" + esc((e.signers || []).join(", ") || "—") + "</td><td>" + esc((e.non_signers || []).join(", ") || "none") + "</td></tr>").join("") ||
    "<tr><td colspan='6' class='muted'>no state changes yet</td></tr>";
  $("#rejections").innerHTML = tl.rejections.map((r) => "<tr><td>" + r.zellular_index + "</td><td>" + esc(r.reason) + "</td></tr>").join("") ||
    "<tr><td colspan='2' class='muted'>none</td></tr>";
}

// Settlement: the latest epochs, and the newest settled one's signers and its targets with downtime.
let shownReport = null;
async function renderEpochs(c) {
  const st = c.settlement;
  $("#epochs-panel").hidden = !st;
  if (!st) return;
  $("#e-sched").textContent = "— " + dur(st.epoch_seconds) + " each, domain " + st.domain.slice(0, 10) + "…, registry root " + st.registry_root.slice(0, 10) + "…";
  const current = Math.floor(Date.now() / 1000 / st.epoch_seconds);
  const after = current - 12 >= st.first_epoch ? "&after=" + (current - 12) : "";
  const list = (await json("/epochs?limit=12" + after)).epochs.reverse();
  $("#epochs").innerHTML = list.map((e) => "<tr><td><a href='/epochs/" + e.epoch + "'>" + e.epoch + "</a></td><td>" + when(e.from_timestamp) + " → " + when(e.to_timestamp).slice(11) +
    "</td><td><span class='badge " + (e.status === "settled" ? "up'>settled" : "warn'>pending") + "</span></td><td class='mono'>" + (e.root ? esc(e.root.slice(0, 18)) + "…" : "—") + "</td></tr>").join("") ||
    "<tr><td colspan='4' class='muted'>the first epoch has not begun</td></tr>";
  const settled = list.find((e) => e.status === "settled");
  if (!settled || shownReport === settled.epoch) return;
  const r = await json("/epochs/" + settled.epoch);
  shownReport = settled.epoch;
  const down = r.leaves.filter((l) => Number(l.downtime_seconds) > 0).sort((a, b) => Number(b.downtime_seconds) - Number(a.downtime_seconds));
  $("#e-report").innerHTML = "<p>Epoch <b>" + r.epoch + "</b>: <b>" + r.leaf_count + "</b> targets, root <span class='mono'>" + esc(r.root) + "</span>, signed by " +
    esc(r.signers.join(", ")) + (r.non_signing_nodes.length ? " (not: " + esc(r.non_signing_nodes.join(", ")) + ")" : "") + ".</p>" +
    "<table><thead><tr><th>target with downtime</th><th>down</th><th>inclusion proof</th></tr></thead><tbody>" +
    (down.slice(0, 10).map((l) => "<tr><td class='mono'>" + esc(l.address) + "</td><td>" + dur(Number(l.downtime_seconds)) + "</td><td><a href='/epochs/" + r.epoch +
      "/proof?address=" + encodeURIComponent(l.address) + "'>proof</a></td></tr>").join("") || "<tr><td colspan='3' class='muted'>every target was up the whole epoch</td></tr>") +
    "</tbody></table><p>Verify it offline (<a download='epoch.json' href='/epochs/" + r.epoch + "'>epoch.json</a>, <a download='monitoring_nodes.json' href='/registry'>monitoring_nodes.json</a>):</p>" +
    "<pre class='mono'>argus verify --registry monitoring_nodes.json --domain " + esc(r.domain) + " epoch.json</pre>";
}

// Maintenance windows of the last 7 days and to come, newest first.
function renderMaintenance(mw) {
  const now = Date.now() / 1000;
  $("#maintenance").innerHTML = mw.windows.slice().reverse().slice(0, 20).map((w) => "<tr><td class='mono'>" + esc(w.address) + "</td><td>" + when(w.from) + " → " +
    when(w.to).slice(11) + " <span class='badge " + (w.to <= now ? "up'>over" : w.from <= now ? "warn'>now" : "up'>planned") + "</span></td><td>" + when(w.announced) +
    "</td><td>" + esc(w.reason || "—") + "</td></tr>").join("") || "<tr><td colspan='4' class='muted'>none in the last 7 days</td></tr>";
}

async function refresh() {
  const started = performance.now();
  try {
    const since = Math.floor(Date.now() / 1000) - 7 * 86400;
    const [s, tl, c, mw] = await Promise.all([json(summaryURL()), json("/timeline?limit=50"), json("/cluster"), json("/maintenance?from=" + since)]);
    summary = s; renderCluster(c); renderTargets(); renderTimeline(tl); renderMaintenance(mw);
    await renderEpochs(c);
    $("#clock").textContent = when(Date.now() / 1000) + " · refreshed in " + Math.round(performance.now() - started) + " ms";
    if (!$("#p-to").value && c.max_event_age !== undefined) {
      const to = Math.floor(Date.now() / 1000 - c.max_event_age - 5); $("#p-to").value = to; $("#p-from").value = to - 3600;
    }
  } catch (e) { $("#clock").innerHTML = "<span class='err'>" + esc(e.message) + "</span>"; }
}

async function reloadTargets() {
  try { summary = await json(summaryURL()); renderTargets(); } catch (e) { $("#clock").innerHTML = "<span class='err'>" + esc(e.message) + "</span>"; }
}
let typing = null;
$("#filter").addEventListener("input", () => { page = 0; clearTimeout(typing); typing = setTimeout(reloadTargets, 200); });
$("#state-filter").addEventListener("change", () => { page = 0; reloadTargets(); });
$("#prev").addEventListener("click", () => { page = Math.max(0, page - 1); reloadTargets(); });
$("#next").addEventListener("click", () => { page += 1; reloadTargets(); });
$("#p-go").addEventListener("click", async () => {
  const q = "address=" + encodeURIComponent($("#p-target").value) + "&from_timestamp=" + encodeURIComponent($("#p-from").value) + "&to_timestamp=" + encodeURIComponent($("#p-to").value);
  $("#p-result").textContent = "asking the cluster…";
  try {
    const r = await fetch("/aggregate_downtime?" + q); const text = await r.text();
    if (!r.ok) { $("#p-result").innerHTML = "<span class='err'>" + r.status + ": " + esc(JSON.parse(text).detail || text) + "</span>"; return; }
    const proof = JSON.parse(text);
    const blob = URL.createObjectURL(new Blob([text], {type: "application/json"}));
    $("#p-result").innerHTML = "<p><b>" + esc(proof.address) + "</b> was down <b>" + dur(proof.total_downtime_seconds) + "</b> in this window, signed by " +
      esc(proof.signers.join(", ")) + (proof.non_signing_nodes.length ? " (not: " + esc(proof.non_signing_nodes.join(", ")) + ")" : "") + ".</p><pre class='mono'>" +
      esc(JSON.stringify(proof, null, 2)) + "</pre><p>Verify it offline (<a download='proof.json' href='" + blob + "'>proof.json</a>, <a download='monitoring_nodes.json' href='/registry'>monitoring_nodes.json</a>):</p>" +
      "<pre class='mono'>argus verify --registry monitoring_nodes.json proof.json</pre>";
  } catch (e) { $("#p-result").innerHTML = "<span class='err'>" + esc(e.message) + "</span>"; }
});
refresh();
setInterval(refresh, 5000);
</script>
</body>
</html>
"""#
}

extension DashboardPage {
    /// The page's policy: its one `<script>` and one `<style>` block allowed by hash (CSP level 2),
    /// its JSON fetched from this node only, nothing else loaded, never framed.
    static let contentSecurityPolicy: String = {
        "default-src 'none'; script-src '\(hash(between: "<script>", and: "</script>"))'; style-src '\(hash(between: "<style>", and: "</style>"))'; "
            + "connect-src 'self'; img-src 'self' data:; base-uri 'none'; form-action 'self'; frame-ancestors 'none'"
    }()

    /// `sha256-<base64>` of the text between the first `open` and the `close` after it.
    static func hash(between open: String, and close: String) -> String {
        guard let start = html.range(of: open), let end = html.range(of: close, range: start.upperBound..<html.endIndex) else { return "none" }
        let digest = SHA256.hash(data: Data(html[start.upperBound..<end.lowerBound].utf8))
        return "sha256-" + Data(digest).base64EncodedString()
    }
}
