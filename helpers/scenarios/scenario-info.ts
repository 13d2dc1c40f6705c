/**
 * What `chaincheck scenarios` lists about one scenario, apart from the loader that finds it out
 * (scenario-list.ts), so the listing from its cache (scenario-list-cache.ts) loads no setup parser.
 */
import type { CauseId } from "../diagnosis/catalog/causes.ts";
import type { LinkId } from "../links.ts";

export interface ScenarioExpect {
  link: LinkId;
  cause: CauseId;
  /** When given, whether the diagnosis must be settled (false: several candidates, `cause` first). */
  settled?: boolean;
}

export interface ScenarioInfo {
  /** File name without `.yaml`: the cause id, or `<cause-id>--<variant>`. */
  name: string;
  file: string;
  /** `<name>.fix.yaml`, when there is one. */
  fixFile?: string;
  description: string;
  expect?: ScenarioExpect;
  /** Why the scenario cannot run as declared (bad setup, no expect, unknown link or cause). */
  problem?: string;
}

export const FIX_SUFFIX = ".fix.yaml";
