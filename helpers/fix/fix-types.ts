/**
 * A fix as data: what one diagnosed cause needs changed, once as a setup layer for the twin (the
 * project's setup format, `extends:` semantics of docs/setup-format.md) and once as AWS operations
 * for the real accounts, from which the IAM JSON, the AWS CLI v2 commands and the CloudFormation
 * snippet are rendered (render-fix.ts). One source per change, so the layer and the commands
 * cannot drift apart silently: the tests run both against the emulator.
 *
 * Known gaps: operations are the subset the generators emit (generate-fix.ts lists the causes).
 */
import type { CauseId } from "../diagnosis/catalog/causes.ts";
import type { LinkId } from "../links.ts";

export type PolicyDocument = { Version: string; Statement: Record<string, unknown>[] } & Record<
  string,
  unknown
>;

/** One AWS call that applies a change in a real account (rendered as CLI, CFN, and in tests as an SDK call). */
export type AwsOperation =
  | { kind: "iam-put-role-policy"; roleName: string; policyName: string; document: PolicyDocument }
  | { kind: "iam-delete-role-policy"; roleName: string; policyName: string }
  | { kind: "iam-update-assume-role-policy"; roleName: string; document: PolicyDocument }
  | { kind: "iam-create-policy"; policyName: string; document: PolicyDocument }
  | { kind: "iam-put-role-permissions-boundary"; roleName: string; boundaryArn: string }
  | { kind: "s3-put-bucket-policy"; bucket: string; document: PolicyDocument }
  | { kind: "kms-put-key-policy"; keyId: string; document: PolicyDocument }
  | { kind: "secrets-put-resource-policy"; secretId: string; document: PolicyDocument }
  | {
      kind: "secrets-put-secret-value";
      secretId: string;
      /** The JSON with `$VAR` references for values that are secrets (never written out). */
      secretTemplate: Record<string, string>;
      /** The shell variables the template reads, with what each must hold. */
      variables: Record<string, string>;
    }
  | { kind: "redshift-modify-cluster-iam-roles"; clusterId: string; addRoles: string[] }
  | { kind: "redshift-data-sql"; clusterId: string; database: string; dbUser: string; sql: string }
  | { kind: "organizations-update-policy"; policyId: string; document: PolicyDocument };

/** The chain's own settings (CHAINCHECK_* variables) when the fix is a configuration change. */
export type ChainSettings = Record<string, string>;

export interface FixChange {
  /** The account the change is made in: A, B, the organization's management account, or the chain config. */
  where: "A" | "B" | "organization" | "chain config";
  accountId?: string;
  /** The AWS CLI profile the commands name (an administrator of that account). */
  profile?: string;
  region?: string;
  /** One sentence: what changes. */
  summary: string;
  /** The change as a setup layer fragment (no `extends:`). */
  layer: Record<string, unknown>;
  operations: AwsOperation[];
  /** For chain-config changes: the variables to set (and the same value in the Lambda's own code or settings). */
  settings?: ChainSettings;
}

export interface FixStep {
  cause: CauseId;
  link: LinkId;
  changes: FixChange[];
}

/** Why no machine-applicable fix exists for a cause on this setup. */
export interface NoFix {
  cause: CauseId | undefined;
  link: LinkId;
  reason: string;
}
