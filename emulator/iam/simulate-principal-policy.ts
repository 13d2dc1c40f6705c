/**
 * iam:SimulatePrincipalPolicy with the real simulator's limits (docs/failures.md L1-02 tip, and
 * docs/peers.md): it evaluates the user's or role's identity policies, permissions boundary and the
 * account's SCPs (plus PolicyInputList), and
 * - ignores role trust policies for sts:AssumeRole* — it cannot answer "will B's trust let me in"
 *   (aws/aws-cli#10314), so a trust-side denial is invisible here;
 * - applies ResourcePolicy only for IAM-user sources and never for sts:Assume* actions;
 * - rejects an assumed-role session ARN as PolicySourceArn (InvalidInput).
 * https://docs.aws.amazon.com/IAM/latest/APIReference/API_SimulatePrincipalPolicy.html
 *
 * Known gaps: no pagination; MissingContextValues is always empty; MatchedStatements carry no
 * positions; groups are not simulated.
 */

import { buildRequestContext, evaluate } from "../../policy/index.ts";
import type { NamedPolicy, TraceStep } from "../../policy/types.ts";
import type { Caller, OperationDef } from "../core/types.ts";
import { userCaller } from "../world/iam-entities.ts";
import { policySetFor, principalOf } from "../world/policy-set.ts";
import type { World } from "../world/world.ts";
import { invalidInput, malformedPolicy, noSuchRole, noSuchUser } from "./iam-errors.ts";
import { str, strList } from "./iam-input.ts";

const DECISION = { Allow: "allowed", ExplicitDeny: "explicitDeny", ImplicitDeny: "implicitDeny" } as const;

function sourceCaller(world: World, arn: string): Caller {
  const m = /^arn:aws:iam::(\d{12}):(role|user)\/(?:.*\/)?([^/]+)$/.exec(arn);
  if (!m) throw invalidInput(`Invalid Entity Arn: ${arn} does not clearly define entity type and name.`);
  const [, account, type, name] = m as unknown as [string, string, string, string];
  if (type === "role") {
    const role = world.iam.getRole(account, name);
    if (!role) throw noSuchRole(name);
    return {
      accessKeyId: "",
      account,
      arn: role.arn,
      kind: "assumed-role",
      userId: role.roleId,
      uniqueId: role.roleId,
      roleArn: role.arn,
      roleName: role.name,
      tags: role.tags,
      temporary: false,
    };
  }
  const user = world.iam.getUser(account, name);
  if (!user) throw noSuchUser(name);
  return userCaller(user);
}

function contextEntries(raw: unknown): Record<string, string | string[]> {
  const out: Record<string, string | string[]> = {};
  if (!Array.isArray(raw)) return out;
  for (const e of raw as {
    ContextKeyName?: unknown;
    ContextKeyValues?: unknown;
    ContextKeyType?: unknown;
  }[]) {
    const values = strList(e.ContextKeyValues);
    const list = String(e.ContextKeyType ?? "").endsWith("List");
    out[String(e.ContextKeyName)] = list ? values : (values[0] ?? "");
  }
  return out;
}

function matched(trace: TraceStep[]) {
  return trace.map((t) => ({
    SourcePolicyId: t.policyName.includes("/inline/") ? t.policyName.split("/inline/")[1] : t.policyName,
    SourcePolicyType:
      t.policyType === "scp" ? "none" : t.policyName.includes("/inline/") ? "role" : "user-managed",
  }));
}

export function simulateOperation(world: World): OperationDef {
  return {
    authorize: (ctx) => ({
      action: "iam:SimulatePrincipalPolicy",
      resource: str(ctx.input.PolicySourceArn) ?? "*",
    }),
    handler: (ctx) => {
      const source = sourceCaller(world, str(ctx.input.PolicySourceArn) ?? "");
      const actions = strList(ctx.input.ActionNames);
      const resources = strList(ctx.input.ResourceArns);
      const extra: NamedPolicy[] = strList(ctx.input.PolicyInputList).map((document, i) => ({
        type: "identity",
        name: `PolicyInputList.${i + 1}`,
        document,
      }));
      const resourcePolicyText = str(ctx.input.ResourcePolicy);
      const principal = principalOf(source);
      const context = buildRequestContext(principal, contextEntries(ctx.input.ContextEntries), world.clock());
      const results = [];
      for (const action of actions) {
        for (const resource of resources.length ? resources : ["*"]) {
          const useResourcePolicy =
            resourcePolicyText && source.kind === "user" && !/^sts:AssumeRole/i.test(action);
          const resourcePolicy: NamedPolicy | undefined = useResourcePolicy
            ? { type: "resource", name: "ResourcePolicy", document: resourcePolicyText }
            : undefined;
          const set = policySetFor(world.iam, world.organizations, source, resourcePolicy);
          set.identity = [...set.identity, ...extra];
          let result: ReturnType<typeof evaluate>;
          try {
            // No isRoleTrust: the simulator does not consult the target role's trust policy.
            result = evaluate({ principal, action, resource, context }, set);
          } catch (err) {
            throw malformedPolicy((err as Error).message);
          }
          results.push({
            EvalActionName: action,
            EvalResourceName: resource,
            EvalDecision: DECISION[result.decision],
            MatchedStatements: matched(result.trace),
            MissingContextValues: [],
            OrganizationsDecisionDetail: set.scps
              ? {
                  AllowedByOrganizations:
                    !result.missing?.includes("scp") && result.deniedBy?.policyType !== "scp",
                }
              : undefined,
            PermissionsBoundaryDecisionDetail: set.boundary
              ? {
                  AllowedByPermissionsBoundary:
                    !result.missing?.includes("boundary") && result.deniedBy?.policyType !== "boundary",
                }
              : undefined,
          });
        }
      }
      return { EvaluationResults: results, IsTruncated: false };
    },
  };
}
