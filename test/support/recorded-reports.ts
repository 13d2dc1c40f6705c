/**
 * The reports the HTML report's screenshots are taken of: real runs on the embedded emulator (the
 * seed, and one failing scenario), recorded under test/fixtures/html-report/ with what changes from
 * run to run made fixed — times, dates, request and statement ids, this checkout's path — so the
 * page renders the same pixels every time. CHAINCHECK_UPDATE_SCREENSHOTS=1 records them again.
 */
import { readFileSync, writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { checkChain } from "../../helpers/index.ts";
import type { Report } from "../../helpers/report/types.ts";

export const RECORDED_DIR = fileURLToPath(new URL("../fixtures/html-report/", import.meta.url));
const ROOT = fileURLToPath(new URL("../../", import.meta.url));

export const RECORDINGS = {
  "seed-green": "fixtures/setups/seed.yaml",
  "trust-policy-missing-principal": "fixtures/scenarios/trust-policy-missing-principal.yaml",
} as const;

export type RecordingName = keyof typeof RECORDINGS;

const LINK_TIMES = [240, 160, 20, 1900, 450];

/** The run with every volatile value fixed. */
export function fixVolatile(report: Report): Report {
  let ids = 0;
  const uuid = () => `00000000-0000-4000-8000-${String(++ids).padStart(12, "0")}`;
  const text = JSON.stringify(report)
    .split(ROOT)
    .join("")
    .replace(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/g, uuid);
  const fixed = JSON.parse(text) as Report;
  fixed.startedAt = "2026-12-01T09:00:00.000Z";
  fixed.links.forEach((link, i) => {
    if (link.durationMs !== undefined) link.durationMs = LINK_TIMES[i];
    for (const [n, call] of (link.calls ?? []).entries()) call.durationMs = 10 + n;
  });
  fixed.durationMs = fixed.links.reduce((sum, l) => sum + (l.durationMs ?? 0), 0) + 500;
  return fixed;
}

export async function recordReport(name: RecordingName): Promise<Report> {
  const report = fixVolatile(
    await checkChain({ target: "embedded", setup: `${ROOT}${RECORDINGS[name]}` }, {}),
  );
  writeFileSync(`${RECORDED_DIR}${name}.json`, `${JSON.stringify(report, null, 2)}\n`);
  return report;
}

export function recordedReport(name: RecordingName): Report {
  return JSON.parse(readFileSync(`${RECORDED_DIR}${name}.json`, "utf8")) as Report;
}
