/**
 * The COPY port. The Data API's statement runner sends every statement for which
 * `isCopyStatement(sql)` holds to a CopyExecutor instead of the SQL engine; the Data API service is
 * built with one (emulator/assemble.ts passes `runCopy` from `copy-runner/`, which needs S3,
 * IAM_ROLE resolution and the loader in `copy/`), so the runner never imports the COPY integration.
 */
import type { Database } from "../sql/index.ts";
import type { World } from "../world/world.ts";
import type { ClusterState } from "./cluster-store.ts";

export interface CopyRequest {
  world: World;
  /** The provisioned cluster, or a serverless workgroup's namespace in the same shape (its iamRoles). */
  cluster?: ClusterState;
  /** A workgroup's ARN: the `aws:SourceArn` of COPY's role sessions instead of the cluster's. */
  sourceArn?: string;
  /** account/region of the warehouse, for IAM_ROLE resolution and S3 region checks. */
  account: string;
  region: string;
  database: string;
  db: Database;
  /** The SQL role the statement runs as (table privileges, ASSUMEROLE grants). */
  sqlUser: string;
  sql: string;
  signal?: AbortSignal;
  /** The Data API session the COPY runs in: its temp tables and search_path are the ones seen. */
  session?: string;
}

export interface CopyOutcome {
  rowsLoaded: number;
  queryId?: number;
}

export type CopyExecutor = (request: CopyRequest) => Promise<CopyOutcome>;
