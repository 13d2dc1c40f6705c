import { readFileSync, writeFileSync } from "node:fs";
import { describe, expect, test } from "vitest";
import { loadSetup, loadWorld, servicesFor, startEmulator } from "../../emulator/index.ts";
import { PARITY_CASES } from "./cases/index.ts";
import { replayChain } from "./support/chain-replay.ts";
import { Bindings, bindStandalone, compareRecorded, type Difference } from "./support/match-recorded.ts";
import { type Outcome, type ParityResults, RESULTS_FILE, summarise } from "./support/parity-results.ts";
import { NotImplementedStep, ParityRun, parityClients } from "./support/parity-run.ts";
import { PARITY_ADMIN, paritySetup } from "./support/parity-setup.ts";
import { type CatalogEntry, missingOperation, readCatalog, recordedCase } from "./support/recorded-cases.ts";

const catalog = readCatalog();
const implemented = new Map(
  servicesFor(loadWorld(loadSetup(paritySetup))).map((s) => [
    s.signingName,
    new Set(
      Object.entries(s.operations)
        .filter(([, def]) => !def.unimplemented)
        .map(([name]) => name),
    ),
  ]),
);
const outcomes = new Map<string, Outcome>();
const idOf = (e: { service: string; key: string }) => `${e.service}/${e.key}`;
const replayable: CatalogEntry[] = [];

for (const entry of catalog) {
  const missing = missingOperation(entry, implemented);
  if (missing) outcomes.set(idOf(entry), { kind: "unimplemented", operation: missing });
  else if (entry.needs.length > 0) outcomes.set(idOf(entry), { kind: "needs", what: entry.needs.join(", ") });
  else if (PARITY_CASES.has(idOf(entry)) || entry.service === "chain") replayable.push(entry);
}

function compareAll(
  recorded: Record<string, unknown>,
  answers: ReadonlyMap<string, unknown>,
  unverifiedPaths: string[],
): Difference[] {
  const bindings = new Bindings();
  for (const [name, answer] of Object.entries(recorded)) bindStandalone(answer, answers.get(name), bindings);
  return Object.entries(recorded).flatMap(([name, answer]) =>
    answers.has(name)
      ? compareRecorded(answer, answers.get(name), bindings, unverifiedPaths, `$.${name}`)
      : [{ path: `$.${name}`, recorded: "(recorded)", actual: undefined }],
  );
}

function describeDifference(d: Difference): string {
  const show = (v: unknown) => (v === undefined ? "absent" : JSON.stringify(v));
  return `${d.path}: AWS ${show(d.recorded)}, emulator ${show(d.actual)}`;
}

describe("parity with recorded AWS responses", () => {
  test("every replayed case is one the catalog records", () => {
    const known = new Set(catalog.map(idOf));
    expect([...PARITY_CASES.keys()].filter((id) => !known.has(id))).toEqual([]);
  });

  test.each(replayable.map((e) => [idOf(e), e] as const))("%s", async (id, entry) => {
    const recorded = recordedCase(entry)?.["recorded-content"] ?? {};
    if (entry.service === "chain") {
      const answers = await replayChain(recordedCase(entry)?.replay?.setup ?? "");
      const extra = [...answers.keys()].filter((name) => !(name in recorded));
      const found = [
        ...compareAll(recorded, answers, entry.unverifiedPaths),
        ...extra.map((name) => ({ path: `$.${name}`, recorded: undefined, actual: "(answered)" })),
      ].map(describeDifference);
      outcomes.set(id, found.length === 0 ? { kind: "match" } : { kind: "mismatch", reason: found[0]! });
      expect(found).toEqual([]);
      return;
    }
    const parityCase = PARITY_CASES.get(id)!;
    await using emu = await startEmulator({ setup: paritySetup });
    const credentials = emu.credentials(PARITY_ADMIN);
    const run = new ParityRun(parityClients(emu, credentials), recorded, (region) =>
      parityClients(emu, credentials, region),
    );
    try {
      await parityCase.run(run);
    } catch (error) {
      if (!(error instanceof NotImplementedStep)) throw error;
      outcomes.set(id, { kind: "unimplemented", operation: error.message });
      return;
    }
    const found = compareAll(recorded, run.answers, entry.unverifiedPaths).map(describeDifference);
    if (parityCase.mismatch) {
      outcomes.set(id, { kind: "mismatch", reason: parityCase.mismatch });
      expect(found, "a listed mismatch that now matches: remove its `mismatch`").not.toEqual([]);
    } else {
      outcomes.set(id, found.length === 0 ? { kind: "match" } : { kind: "mismatch", reason: found[0]! });
      expect(found).toEqual([]);
    }
  });

  test("the committed results (test/parity/parity-results.json) are what this run measured", () => {
    const fresh = summarise(catalog, outcomes);
    const text = `${JSON.stringify(fresh, null, 2)}\n`;
    if (process.env.CHAINCHECK_PARITY_WRITE === "1") writeFileSync(RESULTS_FILE, text);
    const committed = JSON.parse(readFileSync(RESULTS_FILE, "utf8")) as ParityResults;
    expect(fresh).toEqual(committed);
  });
});
