/**
 * What a parity run measured, per case and per service, in the form committed as
 * test/parity/parity-results.json (read by the README's generated parity table).
 */

import { emptyFigures, type ServiceFigures } from "../../../helpers/docs/parity-table.ts";
import type { CatalogEntry } from "./recorded-cases.ts";

export type Outcome =
  | { kind: "match" }
  | { kind: "mismatch"; reason: string }
  | { kind: "unimplemented"; operation: string }
  | { kind: "needs"; what: string }
  | { kind: "not-replayed" };

export type { ServiceFigures };

export interface ParityResults {
  services: Record<string, ServiceFigures>;
  mismatches: { service: string; key: string; reason: string }[];
}

export function summarise(
  entries: readonly CatalogEntry[],
  outcomes: ReadonlyMap<string, Outcome>,
): ParityResults {
  const services: Record<string, ServiceFigures> = {};
  const mismatches: ParityResults["mismatches"] = [];
  for (const entry of entries) {
    services[entry.service] ??= emptyFigures();
    const figures = services[entry.service]!;
    figures.recorded += 1;
    const outcome = outcomes.get(`${entry.service}/${entry.key}`) ?? { kind: "not-replayed" };
    if (outcome.kind === "unimplemented") figures.unimplemented += 1;
    else if (outcome.kind === "needs") figures.outOfScope += 1;
    else {
      figures.applicable += 1;
      if (outcome.kind === "match") figures.matching += 1;
      else if (outcome.kind === "not-replayed") figures.notReplayed += 1;
      else {
        figures.mismatching += 1;
        mismatches.push({ service: entry.service, key: entry.key, reason: outcome.reason });
      }
    }
  }
  return { services, mismatches };
}

export const RESULTS_FILE = new URL("../parity-results.json", import.meta.url);
