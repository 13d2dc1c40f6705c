/**
 * The README's parity table, from what the parity suite last measured (test/parity/parity-results.json,
 * which test/parity/parity.test.ts checks against a fresh run): per service, the recorded AWS cases,
 * how many the emulator can be asked (applicable), how many match, and every mismatch with its reason.
 */
import { readFileSync } from "node:fs";

/** One service's row of the parity table (written by test/parity, read here). */
export interface ServiceFigures {
  recorded: number;
  /** Needs an operation the emulator does not implement (by the catalog or found on replay). */
  unimplemented: number;
  /** Needs raw HTTP, presigned URLs, a second account or has no test source: not replayed by SDK calls. */
  outOfScope: number;
  applicable: number;
  matching: number;
  mismatching: number;
  notReplayed: number;
}

interface ParityResults {
  services: Record<string, ServiceFigures>;
  mismatches: { service: string; key: string; reason: string }[];
}

const RESULTS = new URL("../../test/parity/parity-results.json", import.meta.url);

/** A service's figures before any case is counted. */
export function emptyFigures(): ServiceFigures {
  return {
    recorded: 0,
    unimplemented: 0,
    outOfScope: 0,
    applicable: 0,
    matching: 0,
    mismatching: 0,
    notReplayed: 0,
  };
}

const percent = (part: number, whole: number) =>
  whole === 0 ? "–" : `${Math.floor((part / whole) * 100)} %`;

export function parityTable(results: ParityResults = JSON.parse(readFileSync(RESULTS, "utf8"))): string {
  const names = Object.keys(results.services).sort();
  const total = emptyFigures();
  const row = (name: string, f: ServiceFigures) =>
    `| ${name} | ${f.recorded} | ${f.unimplemented} | ${f.outOfScope} | ${f.applicable} | ${f.matching} | ${f.mismatching} | ${f.notReplayed} | ${percent(f.matching, f.matching + f.mismatching)} |`;
  const rows = names.map((name) => {
    const f = results.services[name]!;
    for (const k of Object.keys(total) as (keyof ServiceFigures)[]) total[k] += f[k];
    return row(name, f);
  });
  const mismatches = results.mismatches.length
    ? results.mismatches.map((m) => `- ${m.service} \`${m.key}\`: ${m.reason}`)
    : ["- none"];
  return [
    "| service | recorded | needs unimplemented operations | needs raw HTTP / presigning / a 2nd account, or no request in the source | applicable | matching | mismatching | applicable, not yet replayed | matching of replayed |",
    "|---|---|---|---|---|---|---|---|---|",
    ...rows,
    row("**all**", total),
    "",
    "Mismatches:",
    "",
    ...mismatches,
  ].join("\n");
}
