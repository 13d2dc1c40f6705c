/**
 * The COPY port. The Data API's statement runner sends every statement for which
 * `isCopyStatement(sql)` holds to the world's CopyExecutor instead of the SQL engine, so the COPY
 * integration (which needs S3, IAM_ROLE resolution and the loader in `copy/`) plugs in with
 * `setCopyExecutor(world, executor)` without touching the runner.
 *
 * The default executor fails the statement (status FAILED, the text below in `Error`): this build
 * has no S3 service to read from.
 */
import { type Database, SqlError } from "../sql/index.ts";
import type { World } from "../world/world.ts";
import type { ClusterState } from "./cluster-store.ts";

export interface CopyRequest {
  world: World;
  /** The provisioned cluster, or undefined for a serverless workgroup. */
  cluster?: ClusterState;
  /** account/region of the warehouse, for IAM_ROLE resolution and S3 region checks. */
  account: string;
  region: string;
  database: string;
  db: Database;
  /** The SQL role the statement runs as (table privileges, ASSUMEROLE grants). */
  sqlUser: string;
  sql: string;
  signal?: AbortSignal;
}

export interface CopyOutcome {
  rowsLoaded: number;
  queryId?: number;
}

export type CopyExecutor = (request: CopyRequest) => Promise<CopyOutcome>;

export const COPY_UNAVAILABLE = "chaincheck emulator: COPY needs the S3 service, not available in this build";

const unavailable: CopyExecutor = () => Promise.reject(new SqlError(COPY_UNAVAILABLE, { code: "0A000" }));

const executors = new WeakMap<World, CopyExecutor>();

export function setCopyExecutor(world: World, executor: CopyExecutor): void {
  executors.set(world, executor);
}

export function copyExecutorFor(world: World): CopyExecutor {
  return executors.get(world) ?? unavailable;
}
