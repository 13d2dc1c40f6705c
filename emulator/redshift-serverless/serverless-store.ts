/**
 * Redshift Serverless namespaces and workgroups of a world, seeded from `setup.serverlessNamespaces`
 * and `setup.serverlessWorkgroups`, keyed by (account, region, name) as AWS keys them: the world's
 * `serverless` slot holds one ServerlessRegion per (account, region), seeded by `seedServerless` on
 * first use. A workgroup carries its namespace (databases, admin user, DB users and grants) so the
 * Data API can open the namespace's SQL database.
 * https://docs.aws.amazon.com/redshift/latest/mgmt/serverless-workgroup-namespace.html
 *
 * ARNs: arn:aws:redshift-serverless:<region>:<account>:workgroup/<uuid> and …:namespace/<uuid>;
 * the uuids are stable per setup seed. Endpoint: <workgroup>.<account>.<region>.redshift-serverless.amazonaws.com:5439.
 *
 * Known gaps: no Create/Update/Delete; a workgroup whose namespace is not in the setup is skipped;
 * custom domain names are not modelled (setups have none).
 */
import { createHash } from "node:crypto";
import type { ClusterState } from "../redshift/index.ts";
import type { Setup } from "../world/setup-schema.ts";
import type { World } from "../world/world.ts";

export type NamespaceSpec = Setup["serverlessNamespaces"][number];
export type WorkgroupSpec = Setup["serverlessWorkgroups"][number];

export interface ServerlessNamespace {
  account: string;
  region: string;
  name: string;
  id: string;
  arn: string;
  /** The setup entry: dbName, adminUsername, databases, dbUsers, dbGroups, grants, iamRoles, … */
  spec: NamespaceSpec;
  creationDate: Date;
  /** The namespace seen as cluster-shaped SQL state (workgroup-access.ts), made on first login. */
  sqlState?: ClusterState;
}

export interface ServerlessWorkgroup {
  account: string;
  region: string;
  name: string;
  id: string;
  arn: string;
  spec: WorkgroupSpec;
  namespace: ServerlessNamespace;
  endpointAddress: string;
  port: number;
  tags: Record<string, string>;
  creationDate: Date;
}

/** The namespaces and workgroups of one (account, region), by name. */
export interface ServerlessRegion {
  namespaces: Map<string, ServerlessNamespace>;
  workgroups: Map<string, ServerlessWorkgroup>;
}

function stableUuid(...parts: string[]): string {
  const hex = createHash("sha256").update(parts.join("\u0000")).digest("hex");
  const variant = ((Number.parseInt(hex[16]!, 16) & 0x3) | 0x8).toString(16);
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-${variant}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

/** The setup's namespaces and workgroups in (account, region), as the world's `serverless` slot starts. */
export function seedServerless(world: World, account: string, region: string): ServerlessRegion {
  const slot: ServerlessRegion = { namespaces: new Map(), workgroups: new Map() };
  const now = world.clock();
  const seed = world.setup.seed;
  const here = (spec: { account: string; region: string; $delete?: boolean }) =>
    !spec.$delete && spec.account === account && spec.region === region;
  for (const spec of world.setup.serverlessNamespaces.filter(here)) {
    const id = stableUuid(seed, "namespace", account, region, spec.name);
    slot.namespaces.set(spec.name, {
      account,
      region,
      name: spec.name,
      id,
      arn: `arn:aws:redshift-serverless:${region}:${account}:namespace/${id}`,
      spec,
      creationDate: now,
    });
  }
  for (const spec of world.setup.serverlessWorkgroups.filter(here)) {
    const namespace = slot.namespaces.get(spec.namespace);
    if (!namespace) continue;
    const id = stableUuid(seed, "workgroup", account, region, spec.name);
    slot.workgroups.set(spec.name, {
      account,
      region,
      name: spec.name,
      id,
      arn: `arn:aws:redshift-serverless:${region}:${account}:workgroup/${id}`,
      spec,
      namespace,
      endpointAddress: `${spec.name}.${account}.${region}.redshift-serverless.amazonaws.com`,
      port: 5439,
      tags: { ...spec.tags },
      creationDate: now,
    });
  }
  return slot;
}

/** The workgroup `name` in `account` and `region`, or undefined (AWS never looks in another account). */
export function findWorkgroup(
  world: World,
  account: string,
  region: string,
  name: string,
): ServerlessWorkgroup | undefined {
  return world.serverless.get(account, region).workgroups.get(name);
}

export function workgroupsIn(world: World, account: string, region: string): ServerlessWorkgroup[] {
  return [...world.serverless.get(account, region).workgroups.values()];
}

export function findNamespace(
  world: World,
  account: string,
  region: string,
  name: string,
): ServerlessNamespace | undefined {
  return world.serverless.get(account, region).namespaces.get(name);
}

export function namespacesIn(world: World, account: string, region: string): ServerlessNamespace[] {
  return [...world.serverless.get(account, region).namespaces.values()];
}
