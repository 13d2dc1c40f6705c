import { runSimulation, type Simulation } from "@cloud-copilot/iam-simulate";
import type { Decision, NamedPolicy } from "../../policy/index.ts";
import type { DiffCase } from "./differential-cases.ts";

const toDecision = {
  Allowed: "Allow",
  ExplicitlyDenied: "ExplicitDeny",
  ImplicitlyDenied: "ImplicitDeny",
} as const;

function doc(np: NamedPolicy): unknown {
  return typeof np.document === "string" ? JSON.parse(np.document) : np.document;
}

export async function oracleDecision(c: DiffCase): Promise<Decision | `error: ${string}`> {
  const { request, policies } = c;
  const contextVariables: Record<string, string | string[]> = {};
  for (const [k, v] of Object.entries(request.context)) if (v !== undefined) contextVariables[k] = v;
  const simulation: Simulation = {
    request: {
      principal: request.principal.kind === "service" ? request.principal.service! : request.principal.arn,
      action: request.action,
      resource: {
        resource: request.resource,
        accountId: request.resourceAccount ?? request.principal.account,
      },
      contextVariables,
    },
    identityPolicies: policies.identity.map((p) => ({ name: p.name, policy: doc(p) })),
    serviceControlPolicies: (policies.scps ?? []).map((level, i) => ({
      orgIdentifier: `ou-${i}`,
      policies: level.map((p) => ({ name: p.name, policy: doc(p) })),
    })),
    resourceControlPolicies: [],
    resourcePolicy: policies.resource ? doc(policies.resource) : undefined,
    permissionBoundaryPolicies: policies.boundary
      ? [{ name: policies.boundary.name, policy: doc(policies.boundary) }]
      : undefined,
    sessionPolicy: policies.session?.[0] ? doc(policies.session[0]) : undefined,
  };
  const result = await runSimulation(simulation, {});
  if (result.resultType === "error") return `error: ${result.errors.message}`;
  return toDecision[result.overallResult];
}
