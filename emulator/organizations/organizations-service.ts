/**
 * AWS Organizations (awsJson1_1, signing name `organizations`, target prefix
 * `AWSOrganizationsV20161128`), on the setup's `organizations:` — what
 * `chaincheck matrix --from-org` reads to list a fleet's accounts, and the diagnosis and snapshot
 * read to find the SCPs that bear on an account (organization-reads.ts).
 * https://docs.aws.amazon.com/organizations/latest/APIReference/API_ListAccounts.html
 *
 * ListAccounts: authorized as `organizations:ListAccounts` on `*` first; a caller in no organization
 * gets AWSOrganizationsNotInUseException, a member account AccessDeniedException (only the
 * management account may list). The management account comes first, then the members in the
 * setup's order; pages of MaxResults (1–20, default 20) with an opaque NextToken.
 *
 * UpdatePolicy (update-policy.ts) changes an SCP, as a fix does.
 *
 * Known gaps: every other write, and the listings not named here (ListRoots, ListChildren,
 * ListTargetsForPolicy); delegated administrators (refused like any member); every account is ACTIVE, joined by invitation at the
 * world's start, and its Email (which setups do not carry) is made from its id [I].
 */
import type { OperationContext, ServiceDefinition } from "../core/types.ts";
import type { World } from "../world/world.ts";
import {
  describeOrganization,
  describePolicy,
  listParents,
  listPoliciesForTarget,
} from "./organization-reads.ts";
import { notInUse, organizationsAccessDenied } from "./organizations-errors.ts";
import { onePage } from "./organizations-paging.ts";
import { updatePolicy } from "./update-policy.ts";

function listAccounts(world: World, joined: number, ctx: OperationContext) {
  ctx.authorize({ action: "organizations:ListAccounts", resource: "*" });
  const org = world.setup.organizations.find(
    (o) => o.managementAccount === ctx.caller.account || o.accounts.includes(ctx.caller.account),
  );
  if (!org) throw notInUse();
  if (org.managementAccount !== ctx.caller.account) throw organizationsAccessDenied();
  const ids = [org.managementAccount, ...org.accounts.filter((a) => a !== org.managementAccount)];
  const { page: pageIds, next } = onePage("accounts", ids, ctx.input);
  const page = pageIds.map((id) => {
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
  return { Accounts: page, ...next };
}

export function createOrganizationsService(world: World): ServiceDefinition {
  const joined = Math.floor(world.clock().getTime() / 1000);
  return {
    signingName: "organizations",
    protocol: "awsJson1_1",
    targetPrefix: "AWSOrganizationsV20161128",
    accessDenied: (message) => organizationsAccessDenied(message),
    operations: {
      ListAccounts: { handler: (ctx) => listAccounts(world, joined, ctx) },
      DescribeOrganization: { handler: (ctx) => describeOrganization(world, ctx) },
      ListParents: { handler: (ctx) => listParents(world, ctx) },
      ListPoliciesForTarget: { handler: (ctx) => listPoliciesForTarget(world, ctx) },
      DescribePolicy: { handler: (ctx) => describePolicy(world, ctx) },
      UpdatePolicy: { handler: (ctx) => updatePolicy(world, ctx) },
    },
  };
}
