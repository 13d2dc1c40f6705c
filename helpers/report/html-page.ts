/**
 * The page around the HTML report: its stylesheet and its one script (the copy buttons), both
 * inline, and a Content-Security-Policy that lets the page load nothing at all — no fonts, images,
 * scripts or styles from anywhere, the file itself included — so opening a report never touches
 * the network. The script is allowed by its SHA-256 hash, not by `unsafe-inline`.
 *
 * Known gaps: the copy buttons need a browser with the async clipboard API or `execCommand`
 * (every current one); without script the code blocks can still be selected and copied by hand.
 */
import { createHash } from "node:crypto";
import { escapeXml } from "./xml-escape.ts";

const STYLE = `
:root { color-scheme: light; --fg: #1f2328; --muted: #59636e; --line: #d1d9e0; --bg: #ffffff; --soft: #f6f8fa;
  --pass: #1a7f37; --fail: #cf222e; --blocked: #8c959f; --skipped: #afb8c1; --error: #bf8700; }
* { box-sizing: border-box; }
body { margin: 0; padding: 24px; font: 14px/1.5 "DejaVu Sans", "Liberation Sans", Arial, sans-serif; color: var(--fg); background: var(--bg); }
h1 { font-size: 22px; margin: 0 0 4px; }
h2 { font-size: 17px; margin: 24px 0 8px; }
h3 { font-size: 14px; margin: 16px 0 6px; }
code, pre { font-family: "DejaVu Sans Mono", "Liberation Mono", monospace; font-size: 12.5px; }
pre { margin: 0; padding: 10px 12px; background: var(--soft); border: 1px solid var(--line); border-radius: 6px; white-space: pre-wrap; word-break: break-word; }
.meta { color: var(--muted); margin: 0; }
.verdict { display: inline-block; padding: 1px 10px; border-radius: 12px; color: #fff; font-weight: bold; }
.verdict-pass { background: var(--pass); } .verdict-fail { background: var(--fail); } .verdict-error { background: var(--error); }
.chain-diagram { width: 100%; max-width: 1000px; height: auto; display: block; margin: 12px 0; }
.chain-diagram .account { fill: #fbfcfd; stroke: var(--line); stroke-width: 1.5; }
.chain-diagram .account-title { font-size: 15px; font-weight: bold; fill: var(--fg); }
.chain-diagram .node { fill: #fff; stroke: #818b98; stroke-width: 1.2; }
.chain-diagram .node-title { font-size: 13px; font-weight: bold; text-anchor: middle; fill: var(--fg); }
.chain-diagram .node-name { font-size: 11.5px; text-anchor: middle; fill: var(--muted); }
.chain-diagram .arrow { fill: none; stroke-width: 3; }
.chain-diagram .arrow.dashed { stroke-dasharray: 7 5; }
.chain-diagram .glow { fill: none; stroke-width: 12; opacity: 0.45; }
.chain-diagram .highlight .arrow { stroke-width: 5; }
.chain-diagram .link-number { font-size: 12px; font-weight: bold; fill: #fff; text-anchor: middle; }
.chain-diagram .link-label { font-size: 12px; fill: var(--fg); }
.chain-diagram .link-status { font-size: 11.5px; font-weight: bold; }
.chain-diagram .callout rect { fill: var(--fail); }
.chain-diagram .status-error .callout rect { fill: var(--error); }
.chain-diagram .callout text { font-size: 12px; font-weight: bold; fill: #fff; text-anchor: middle; }
table { border-collapse: collapse; width: 100%; max-width: 1000px; }
th, td { text-align: left; padding: 6px 8px; border-bottom: 1px solid var(--line); vertical-align: top; }
td code { white-space: nowrap; }
th { font-size: 12px; color: var(--muted); font-weight: normal; }
tr.highlight td { background: #ffebe9; }
.badge { display: inline-block; padding: 0 8px; border-radius: 10px; font-size: 12px; font-weight: bold; color: #fff; white-space: nowrap; }
.badge-pass { background: var(--pass); } .badge-fail { background: var(--fail); } .badge-blocked { background: var(--blocked); }
.badge-skipped { background: var(--skipped); } .badge-error { background: var(--error); }
.assurance { font-size: 12px; white-space: nowrap; } .assurance-not-enforced, .assurance-unknown { color: #9a6700; font-weight: bold; }
.bar { height: 8px; background: #8c959f; border-radius: 4px; min-width: 2px; }
.time { white-space: nowrap; font-variant-numeric: tabular-nums; }
.failure { border: 2px solid var(--fail); border-radius: 10px; padding: 4px 16px 16px; max-width: 1000px; margin-top: 20px; }
.could-not-check { border: 2px solid var(--error); border-radius: 10px; padding: 4px 16px 16px; max-width: 1000px; margin-top: 20px; }
.code { margin: 8px 0; } .code-head { display: flex; justify-content: space-between; align-items: center; margin-bottom: 4px; }
.code-head span { font-size: 12px; color: var(--muted); }
button.copy { font: inherit; font-size: 12px; padding: 2px 10px; border: 1px solid var(--line); border-radius: 6px; background: #fff; cursor: pointer; }
.warnings li, .notes li { margin: 4px 0; } .warnings { max-width: 1000px; }
.grid { display: grid; grid-template-columns: repeat(auto-fill, minmax(460px, 1fr)); gap: 16px; }
.card { border: 1px solid var(--line); border-radius: 10px; padding: 12px; }
.card h2 { margin: 0 0 4px; }
details > summary { cursor: pointer; color: var(--muted); }
.environment { border-top: 3px solid var(--line); margin-top: 32px; padding-top: 8px; }
`;

const SCRIPT = `document.addEventListener("click", async (event) => {
  const button = event.target instanceof Element ? event.target.closest("button.copy") : null;
  if (!button) return;
  const text = document.getElementById(button.dataset.copy)?.textContent ?? "";
  let copied = false;
  try { await navigator.clipboard.writeText(text); copied = true; } catch {
    const area = document.createElement("textarea");
    area.value = text; document.body.appendChild(area); area.select();
    try { copied = document.execCommand("copy"); } catch { copied = false; }
    area.remove();
  }
  button.textContent = copied ? "Copied" : "Select and copy";
  setTimeout(() => { button.textContent = "Copy"; }, 1500);
});`;

const SCRIPT_HASH = createHash("sha256").update(SCRIPT).digest("base64");

export function htmlPage(title: string, body: string): string {
  return [
    "<!doctype html>",
    '<html lang="en">',
    "<head>",
    '<meta charset="utf-8">',
    `<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; script-src 'sha256-${SCRIPT_HASH}'">`,
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<title>${escapeXml(title)}</title>`,
    `<style>${STYLE}</style>`,
    "</head>",
    "<body>",
    body,
    `<script>${SCRIPT}</script>`,
    "</body>",
    "</html>",
  ].join("\n");
}
