/**
 * The port through which the Data API reaches Redshift Serverless for `WorkgroupName` requests.
 * The Data API service is built with a `WorkgroupLookup` (emulator/assemble.ts passes the one of
 * emulator/redshift-serverless/workgroup-access.ts); an unknown workgroup is answered with
 * "Redshift endpoint doesn't exist in this region." (docs/failures.md L3-09).
 *
 * What the Data API needs from a workgroup (data-api-iam docs; catalog L3-08):
 * - its ARN, for `redshift-data:<Action>` authorization;
 * - the implicit `redshift-serverless:GetCredentials` check (denial text, which the Data API
 *   reports as ValidationException), and the DB user it maps the caller to (`IAMR:<role>`);
 * - a session on one of its namespace's databases;
 * - the namespace's IAM roles, for COPY's IAM_ROLE.
 */
import type { Caller, Check } from "../core/types.ts";
import type { ClusterState, DbLogin, DbSession } from "../redshift/index.ts";

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
  /** The namespace as the cluster-shaped state COPY resolves IAM_ROLE against (its iamRoles). */
  copyState(): ClusterState;
}

/** The workgroup `name` in (account, region), or undefined. */
export type WorkgroupLookup = (account: string, region: string, name: string) => WorkgroupAccess | undefined;
