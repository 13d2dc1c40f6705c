import { describe, expect, it } from "vitest";
import { evaluate } from "../../policy/index.ts";
import { generateCases } from "./differential-cases.ts";
import { oracleDecision } from "./oracle.ts";
import { knownDisagreements } from "./oracle-allow-list.ts";

const CASES = 1500;
const SEED = 20240611;

describe("differential test against @cloud-copilot/iam-simulate", () => {
  it(`agrees with the oracle on ${CASES} seeded requests except for the documented, named disagreements`, async () => {
    const cases = generateCases(CASES, SEED);
    const unexplained: string[] = [];
    const oracleErrors: string[] = [];
    const explained = new Map<string, number>(knownDisagreements.map((k) => [k.name, 0]));
    let agreements = 0;
    for (const c of cases) {
      const oracle = await oracleDecision(c);
      if (oracle.startsWith("error")) {
        oracleErrors.push(`#${c.id}: ${oracle}`);
        continue;
      }
      const ours = evaluate(c.request, c.policies);
      if (ours.decision === oracle) {
        agreements++;
        continue;
      }
      const known = knownDisagreements.find((k) => k.applies(c, ours, oracle));
      if (known) explained.set(known.name, (explained.get(known.name) ?? 0) + 1);
      else unexplained.push(`#${c.id} ours=${ours.decision} oracle=${oracle} [${[...c.features].join(",")}]`);
    }
    const disagreements = CASES - agreements - oracleErrors.length;
    console.info(
      `differential: ${CASES} requests, ${agreements} agree, ${disagreements} disagree ` +
        `(${JSON.stringify(Object.fromEntries(explained))}), ${oracleErrors.length} oracle errors`,
    );
    expect(oracleErrors).toEqual([]);
    expect(unexplained).toEqual([]);
    expect(agreements).toBeGreaterThanOrEqual(CASES * 0.95);
  });

  it("generates the same requests for the same seed", () => {
    const a = generateCases(50, 7).map((c) => JSON.stringify([c.request, c.policies]));
    const b = generateCases(50, 7).map((c) => JSON.stringify([c.request, c.policies]));
    expect(a).toEqual(b);
  });
});
