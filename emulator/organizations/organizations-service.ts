/**
 * AWS Organizations (awsJson1_1, signing name `organizations`, target prefix
 * `AWSOrganizationsV20161128`), read-only, on the setup's `organizations:` — what
 * `chaincheck matrix --from-org` reads to list a fleet's accounts.
 * https://docs.aws.amazon.com/organizations/latest/APIReference/API_ListAccounts.html
 *
 * ListAccounts: authorized as `organizations:ListAccounts` on `*` first; a caller in no organization
 * gets AWSOrganizationsNotInUseException, a member account AccessDeniedException (only the
 * management account may list). The management account comes first, then the members in the
 * setup's order; pages of MaxResults (1–20, default 20) with an opaque NextToken.
 *
 * Known gaps: every other operation (OUs, policies, delegated administrators: a delegated
 * administrator is refused like any member); every account is ACTIVE, joined by invitation at the
 * world's start, and its Email (which setups do not carry) is made from its id [I].
 */
import type { OperationContext, ServiceDefinition } from "../core/types.ts";
import type { World } from "../world/world.ts";
import { invalidInput, notInUse, organizationsAccessDenied } from "./organizations-errors.ts";

const MAX_RESULTS = 20;

const token = (offset: number) => Buffer.from(`chaincheck-accounts:${offset}`).toString("base64");

function offsetOf(raw: unknown): number {
  if (raw === undefined || raw === null) return 0;
  const match = /^chaincheck-accounts:(\d{1,6})$/.exec(Buffer.from(String(raw), "base64").toString());
  if (!match) throw invalidInput("INVALID_NEXT_TOKEN", "You specified an invalid value for nextToken.");
  return Number(match[1]);
}

function pageSize(raw: unknown): number {
  if (raw === undefined || raw === null) return MAX_RESULTS;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 1 || n > MAX_RESULTS)
    throw invalidInput(
      "INVALID_INPUT",
      `1 validation error detected: Value '${raw}' at 'maxResults' failed to satisfy constraint: Member must have value ${n < 1 ? "greater than or equal to 1" : `less than or equal to ${MAX_RESULTS}`}`,
    );
  return n;
}

function listAccounts(world: World, joined: number, ctx: OperationContext) {
  ctx.authorize({ action: "organizations:ListAccounts", resource: "*" });
  const org = world.setup.organizations.find(
    (o) => o.managementAccount === ctx.caller.account || o.accounts.includes(ctx.caller.account),
  );
  if (!org) throw notInUse();
  if (org.managementAccount !== ctx.caller.account) throw organizationsAccessDenied();
  const offset = offsetOf(ctx.input.NextToken);
  const size = pageSize(ctx.input.MaxResults);
  const ids = [org.managementAccount, ...org.accounts.filter((a) => a !== org.managementAccount)];
  const page = ids.slice(offset, offset + size).map((id) => {
    const account = world.setup.accounts.find((a) => a.id === id);
    return {
      Id: id,
      Arn: `arn:aws:organizations::${org.managementAccount}:account/${org.id}/${id}`,
      Email: `aws-${id}@example.com`,
      Name: account?.name ?? account?.alias ?? id,
      Status: "ACTIVE",
      State: "ACTIVE",
      JoinedMethod: id === org.managementAccount ? "CREATED" : "INVITED",
      JoinedTimestamp: joined,
    };
  });
  const next = offset + size < ids.length ? { NextToken: token(offset + size) } : {};
  return { Accounts: page, ...next };
}

export function createOrganizationsService(world: World): ServiceDefinition {
  const joined = Math.floor(world.clock().getTime() / 1000);
  return {
    signingName: "organizations",
    protocol: "awsJson1_1",
    targetPrefix: "AWSOrganizationsV20161128",
    accessDenied: (message) => organizationsAccessDenied(message),
    operations: { ListAccounts: { handler: (ctx) => listAccounts(world, joined, ctx) } },
  };
}
