/**
 * Seeds a World from a validated setup. Order matters the way it does in IAM: users and roles are
 * created first, then trust policies are stored, so a trust naming another role of the setup
 * resolves to that role's unique id whatever the order in the file.
 */
import { loadSetup } from "./load-setup.ts";
import type { Setup, SetupInput, SetupLayer } from "./setup-schema.ts";
import { World, type WorldOptions } from "./world.ts";

const asText = (doc: string | Record<string, unknown>) =>
  typeof doc === "string" ? doc : JSON.stringify(doc);
const asObject = (doc: string | Record<string, unknown>) =>
  (typeof doc === "string" ? JSON.parse(doc) : doc) as Record<string, unknown>;

export function loadWorld(
  setup: Setup | SetupInput | SetupLayer | string,
  options: WorldOptions = {},
): World {
  const resolved: Setup = typeof setup === "string" || !("baseDir" in setup) ? loadSetup(setup) : setup;
  const world = new World(resolved, options);

  for (const p of resolved.policies) {
    world.createPolicy({
      account: p.account,
      name: p.name,
      path: p.path,
      description: p.description,
      document: asText(p.document),
      tags: p.tags,
      policyId: p.uniqueId,
    });
  }
  for (const u of resolved.users) {
    const user = world.createUser({
      account: u.account,
      name: u.name,
      path: u.path,
      permissionsBoundaryArn: u.permissionsBoundary,
      tags: u.tags,
      userId: u.uniqueId,
      createDate: u.createDate ? new Date(u.createDate) : undefined,
    });
    user.attachedPolicyArns.push(...u.attachedPolicies);
    for (const p of u.inlinePolicies)
      user.inlinePolicies.set(p.name, { name: p.name, document: asText(p.document) });
    for (const k of u.accessKeys) world.createAccessKey(user, k);
  }
  const roles = resolved.roles.map((r) => {
    const role = world.createRole({
      account: r.account,
      name: r.name,
      path: r.path,
      description: r.description,
      trustPolicy: {},
      maxSessionDuration: r.maxSessionDuration,
      permissionsBoundaryArn: r.permissionsBoundary,
      tags: r.tags,
      roleId: r.uniqueId,
      createDate: r.createDate ? new Date(r.createDate) : undefined,
    });
    role.attachedPolicyArns.push(...r.attachedPolicies);
    for (const p of r.inlinePolicies)
      role.inlinePolicies.set(p.name, { name: p.name, document: asText(p.document) });
    return role;
  });
  resolved.roles.forEach((r, i) => {
    world.setTrustPolicy(roles[i]!, asObject(r.trustPolicy));
  });
  return world;
}
