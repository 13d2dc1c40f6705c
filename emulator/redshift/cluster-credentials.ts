/**
 * Who may get database credentials for a cluster, as IAM decides for GetClusterCredentials and
 * GetClusterCredentialsWithIAM. Exported because the Data API runs the same check implicitly
 * before a statement (docs/failures.md L3-01: a denial there surfaces as ValidationException).
 *
 * GetClusterCredentials: `redshift:GetClusterCredentials` on the dbuser ARN, then on the dbname ARN
 * when a database is named; `redshift:CreateClusterUser` on the dbuser ARN with AutoCreate;
 * `redshift:JoinGroup` on each dbgroup ARN. Context keys redshift:DbUser, redshift:DbName,
 * redshift:DurationSeconds.
 * https://docs.aws.amazon.com/redshift/latest/mgmt/redshift-iam-access-control-identity-based.html#redshift-policy-resources.getclustercredentials-resources
 * GetClusterCredentialsWithIAM: `redshift:GetClusterCredentialsWithIAM` on the dbname ARN; the DB
 * user is `IAMR:<role>` for a role session, `IAM:<user>` for an IAM user.
 * https://docs.aws.amazon.com/redshift/latest/APIReference/API_GetClusterCredentialsWithIAM.html
 *
 * Known gaps: the account root maps to `IAM:root` (AWS's mapping for root is not documented).
 */
import { denyMessage } from "../../policy/index.ts";
import type { Caller, Check } from "../core/types.ts";
import { type ClusterRef, dbGroupArn, dbNameArn, dbUserArn } from "./redshift-arns.ts";

export interface ClusterCredentialRequest {
  cluster: ClusterRef;
  dbUser: string;
  dbName?: string;
  autoCreate?: boolean;
  dbGroups?: string[];
  durationSeconds?: number;
}

/** The first check that did not allow, with AWS's AccessDenied text. */
export interface CredentialDenial {
  action: string;
  resource: string;
  message: string;
}

function firstDenial(
  check: Check,
  caller: Caller,
  account: string,
  steps: { action: string; resource: string }[],
  context: Record<string, string | undefined>,
): CredentialDenial | undefined {
  for (const step of steps) {
    const result = check({ ...step, resourceAccount: account, context });
    if (result.decision !== "Allow") {
      return { ...step, message: denyMessage(result, { callerArn: caller.arn, ...step }) };
    }
  }
  return undefined;
}

export function authorizeClusterCredentials(
  check: Check,
  caller: Caller,
  req: ClusterCredentialRequest,
): CredentialDenial | undefined {
  const userArn = dbUserArn(req.cluster, req.dbUser);
  const steps = [{ action: "redshift:GetClusterCredentials", resource: userArn }];
  if (req.dbName)
    steps.push({ action: "redshift:GetClusterCredentials", resource: dbNameArn(req.cluster, req.dbName) });
  if (req.autoCreate) steps.push({ action: "redshift:CreateClusterUser", resource: userArn });
  for (const group of req.dbGroups ?? []) {
    steps.push({ action: "redshift:JoinGroup", resource: dbGroupArn(req.cluster, group) });
  }
  return firstDenial(check, caller, req.cluster.account, steps, {
    "redshift:DbUser": req.dbUser,
    "redshift:DbName": req.dbName,
    "redshift:DurationSeconds": String(req.durationSeconds ?? 900),
  });
}

export function authorizeClusterCredentialsWithIam(
  check: Check,
  caller: Caller,
  req: { cluster: ClusterRef; dbName?: string; durationSeconds?: number },
): CredentialDenial | undefined {
  const resource = dbNameArn(req.cluster, req.dbName ?? "*");
  return firstDenial(
    check,
    caller,
    req.cluster.account,
    [{ action: "redshift:GetClusterCredentialsWithIAM", resource }],
    { "redshift:DbName": req.dbName, "redshift:DurationSeconds": String(req.durationSeconds ?? 900) },
  );
}

/** The database user IAM maps a caller to: GetClusterCredentialsWithIAM, and Redshift Serverless's
 *  GetCredentials (`IAMR:<role>` for a role session, `IAM:<user>` for a user). */
export function dbUserFor(caller: Caller): string {
  if (caller.kind === "assumed-role") return `IAMR:${caller.roleName}`;
  if (caller.kind === "user") return `IAM:${caller.username}`;
  return "IAM:root";
}
