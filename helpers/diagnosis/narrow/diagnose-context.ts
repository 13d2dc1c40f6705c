/** What in-run diagnosis works with: the config, the values for fixes, and the read access. */
import type { ChainConfig } from "../../../config/chain-config.ts";
import type { FixValues } from "../catalog/fix-values.ts";
import type { ReadAccess } from "../read/read-access.ts";

export interface DiagnoseContext {
  config: ChainConfig;
  /** The config's values plus what the run learnt (the execution role the function really uses). */
  values: FixValues;
  access: ReadAccess;
}
