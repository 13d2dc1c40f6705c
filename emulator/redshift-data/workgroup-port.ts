/**
 * The port through which the Data API reaches Redshift Serverless for `WorkgroupName` requests.
 * By default workgroups come from `emulator/redshift-serverless/` (serverless-workgroups.ts);
 * `setWorkgroupResolver(world, resolver)` replaces that. An unknown workgroup is answered with
 * "Redshift endpoint doesn't exist in this region." (docs/failure-catalog.md L3-09).
 *
 * What the Data API needs from a workgroup (data-api-iam docs; catalog L3-08):
 * - its ARN, for `redshift-data:<Action>` authorization;
 * - the implicit `redshift-serverless:GetCredentials` check (denial text, which the Data API
 *   reports as ValidationException), and the DB user it maps the caller to (`IAMR:<role>`);
 * - a session on one of its namespace's databases.
 */
import type { Caller } from "../core/types.ts";
import type { Check, DbLogin, DbSession } from "../redshift/index.ts";
import type { World } from "../world/world.ts";
import { serverlessWorkgroup } from "./serverless-workgroups.ts";

export interface WorkgroupAccess {
  arn: string;
  name: string;
  /** The denial message of redshift-serverless:GetCredentials for this caller, or undefined when allowed. */
  authorizeCredentials(check: Check, caller: Caller, database: string): string | undefined;
  /** The DB login the caller gets through GetCredentials (`IAMR:<role>` / `IAM:<user>`). */
  iamLogin(caller: Caller): DbLogin;
  open(database: string, login: DbLogin): Promise<DbSession>;
  /** The namespace's database names (ListDatabases). */
  databases(): string[];
}

export type WorkgroupResolver = (
  account: string,
  region: string,
  name: string,
) => WorkgroupAccess | undefined;

const resolvers = new WeakMap<World, WorkgroupResolver>();

export function setWorkgroupResolver(world: World, resolver: WorkgroupResolver): void {
  resolvers.set(world, resolver);
}

export function findWorkgroup(
  world: World,
  account: string,
  region: string,
  name: string,
): WorkgroupAccess | undefined {
  const resolver = resolvers.get(world);
  return resolver ? resolver(account, region, name) : serverlessWorkgroup(world, account, region, name);
}
