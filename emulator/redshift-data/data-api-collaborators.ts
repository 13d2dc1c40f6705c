/**
 * What the Data API service is built with (emulator/assemble.ts passes them): the pieces of other
 * services it reaches at run time, passed in so the Data API imports neither Redshift Serverless
 * nor the COPY integration.
 */
import type { CopyExecutor } from "../redshift/index.ts";
import type { WorkgroupLookup } from "./workgroup-port.ts";

export interface DataApiCollaborators {
  /** Redshift Serverless workgroups, for `WorkgroupName` requests. */
  workgroups: WorkgroupLookup;
  /** Runs the statements for which `isCopyStatement(sql)` holds. */
  copy: CopyExecutor;
}
