/**
 * What the fix generators read from the effective setup being run (the twin): the chain's accounts,
 * roles, policies, cluster, bucket, objects and keys, each found the way the emulator finds it.
 * Pure: no I/O beyond what loadSetup already did.
 */

import type { Setup } from "../../emulator/index.ts";
import { findAwsManagedPolicy } from "../../emulator/world/aws-managed-policies.ts";
import { matchesPattern } from "../../policy/wildcard-pattern.ts";
import type { PolicyDocument } from "./fix-types.ts";

export type SetupRole = Setup["roles"][number];
export type Chain = NonNullable<Setup["chain"]>;

export interface FixContext {
  setup: Setup;
  chain: Chain;
  accountA: string;
  accountB: string;
  region: string;
}

export function fixContext(setup: Setup): FixContext {
  if (!setup.chain) throw new Error("the setup has no chain: section");
  return {
    setup,
    chain: setup.chain,
    accountA: setup.accounts[0]?.id ?? "",
    accountB: setup.accounts[1]?.id ?? setup.accounts[0]?.id ?? "",
    region: setup.chain.region ?? "ap-northeast-1",
  };
}

export function accountOfArn(arn: string): string | undefined {
  const account = arn.split(":")[4];
  return account && /^\d{12}$/.test(account) ? account : undefined;
}

export function roleNameOf(arn: string): string {
  return arn.split("/").pop() ?? arn;
}

export function roleArnOf(role: SetupRole): string {
  return `arn:aws:iam::${role.account}:role${role.path ?? "/"}${role.name}`;
}

export function findRole(ctx: FixContext, arn: string | undefined): SetupRole | undefined {
  if (!arn) return undefined;
  const account = accountOfArn(arn);
  const name = roleNameOf(arn);
  return ctx.setup.roles.find((r) => r.account === account && r.name === name);
}

/** The chain's function in A, in the chain's region. */
export function chainFunction(ctx: FixContext) {
  return ctx.setup.lambdaFunctions.find(
    (f) => f.name === ctx.chain.functionName && f.account === ctx.accountA && f.region === ctx.region,
  );
}

/** The execution role the function really runs as (else the configured one). */
export function execRoleArn(ctx: FixContext): string {
  return (
    chainFunction(ctx)?.role ?? ctx.chain.lambdaRoleArn ?? `arn:aws:iam::${ctx.accountA}:role/<ExecRole>`
  );
}

export function chainCluster(ctx: FixContext) {
  return ctx.setup.redshiftClusters.find((c) => c.id === ctx.chain.clusterId && c.region === ctx.region);
}

/** The roles of the COPY's IAM_ROLE, in chain order. */
export function copyRoleArns(ctx: FixContext): string[] {
  return (ctx.chain.copyRoleArn ?? "")
    .split(",")
    .map((s) => s.trim())
    .filter(Boolean);
}

export function bucketAndKey(uri: string | undefined): { bucket: string; key: string } | undefined {
  const m = /^s3:\/\/([^/]+)\/?(.*)$/.exec(uri ?? "");
  return m ? { bucket: m[1], key: m[2] } : undefined;
}

export function findBucket(ctx: FixContext, name: string) {
  return ctx.setup.s3Buckets.find((b) => b.name === name);
}

/** A document as the setup holds it, copied so a generator may change it. */
export function copyDocument(document: unknown): PolicyDocument {
  const doc = structuredClone(document ?? { Version: "2012-10-17", Statement: [] }) as PolicyDocument;
  if (!Array.isArray(doc.Statement)) doc.Statement = doc.Statement ? [doc.Statement as never] : [];
  return doc;
}

export function policyOf(...statements: Record<string, unknown>[]): PolicyDocument {
  return { Version: "2012-10-17", Statement: statements };
}

/** A managed policy's document: the setup's own, or AWS's for `arn:aws:iam::aws:policy/…`. */
export function managedPolicyDocument(ctx: FixContext, arn: string): PolicyDocument | undefined {
  const aws = findAwsManagedPolicy(arn);
  if (aws) return copyDocument(aws.Document);
  const account = accountOfArn(arn);
  const name = arn.split("/").pop();
  const own = ctx.setup.policies.find((p) => p.account === account && p.name === name);
  return own ? copyDocument(own.document) : undefined;
}

export function asList(value: unknown): string[] {
  if (value === undefined || value === null) return [];
  return (Array.isArray(value) ? value : [value]).map(String);
}

/** IAM's wildcard match (`*`, `?`), case-insensitive for actions; the policy engine's linear matcher. */
export function wildcardMatches(pattern: string, value: string, ignoreCase = false): boolean {
  return matchesPattern(pattern, value, ignoreCase ? "action" : "arn");
}

/** Whether a statement's Action and Resource elements cover the action on the resource (conditions ignored). */
export function statementCovers(
  statement: Record<string, unknown>,
  action: string,
  resource: string,
): boolean {
  const actions = asList(statement.Action);
  const notActions = asList(statement.NotAction);
  const actionOk = statement.Action
    ? actions.some((a) => wildcardMatches(a, action, true))
    : !notActions.some((a) => wildcardMatches(a, action, true));
  if (!actionOk) return false;
  if (statement.Resource === undefined && statement.NotResource === undefined) return true;
  return statement.Resource
    ? asList(statement.Resource).some((r) => wildcardMatches(r, resource))
    : !asList(statement.NotResource).some((r) => wildcardMatches(r, resource));
}

/** The AWS principals a trust or resource statement names. */
export function awsPrincipals(statement: Record<string, unknown>): string[] {
  const p = statement.Principal;
  if (p === "*") return ["*"];
  if (p && typeof p === "object") return asList((p as Record<string, unknown>).AWS);
  return [];
}

export function servicePrincipals(statement: Record<string, unknown>): string[] {
  const p = statement.Principal;
  if (p && typeof p === "object") return asList((p as Record<string, unknown>).Service);
  return [];
}

/** Whether a resource or trust statement names the role (its ARN, its account, or anyone). */
export function namesRole(statement: Record<string, unknown>, roleArn: string): boolean {
  const account = accountOfArn(roleArn);
  return awsPrincipals(statement).some(
    (p) => p === "*" || p === roleArn || p === account || p === `arn:aws:iam::${account}:root`,
  );
}

/** The AWS CLI profile for an account: its alias in the setup, else account-a / account-b. */
export function profileFor(ctx: FixContext, accountId: string): string {
  const account = ctx.setup.accounts.find((a) => a.id === accountId);
  if (account?.alias) return account.alias;
  if (accountId === ctx.accountA) return "account-a";
  if (accountId === ctx.accountB) return "account-b";
  return `account-${accountId}`;
}

export function sideOf(ctx: FixContext, accountId: string | undefined): "A" | "B" | "organization" {
  if (accountId === ctx.accountA) return "A";
  if (accountId === ctx.accountB) return "B";
  return "organization";
}
