/**
 * Redshift Serverless namespaces and workgroups of a world, seeded from `setup.serverlessNamespaces`
 * and `setup.serverlessWorkgroups`, keyed by (account, region, name) as AWS keys them; one store
 * per World. A workgroup carries its namespace (databases, admin user, DB users and grants) so the
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

interface Store {
  namespaces: Map<string, ServerlessNamespace>;
  workgroups: Map<string, ServerlessWorkgroup>;
}

const stores = new WeakMap<World, Store>();
const keyOf = (account: string, region: string, name: string) => `${account}/${region}/${name}`;

function stableUuid(...parts: string[]): string {
  const hex = createHash("sha256").update(parts.join("\u0000")).digest("hex");
  const variant = ((Number.parseInt(hex[16]!, 16) & 0x3) | 0x8).toString(16);
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-${variant}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

function storeOf(world: World): Store {
  let store = stores.get(world);
  if (store) return store;
  store = { namespaces: new Map(), workgroups: new Map() };
  const now = world.clock();
  const seed = world.setup.seed;
  for (const spec of world.setup.serverlessNamespaces) {
    if (spec.$delete) continue;
    const id = stableUuid(seed, "namespace", spec.account, spec.region, spec.name);
    store.namespaces.set(keyOf(spec.account, spec.region, spec.name), {
      account: spec.account,
      region: spec.region,
      name: spec.name,
      id,
      arn: `arn:aws:redshift-serverless:${spec.region}:${spec.account}:namespace/${id}`,
      spec,
      creationDate: now,
    });
  }
  for (const spec of world.setup.serverlessWorkgroups) {
    if (spec.$delete) continue;
    const namespace = store.namespaces.get(keyOf(spec.account, spec.region, spec.namespace));
    if (!namespace) continue;
    const id = stableUuid(seed, "workgroup", spec.account, spec.region, spec.name);
    store.workgroups.set(keyOf(spec.account, spec.region, spec.name), {
      account: spec.account,
      region: spec.region,
      name: spec.name,
      id,
      arn: `arn:aws:redshift-serverless:${spec.region}:${spec.account}:workgroup/${id}`,
      spec,
      namespace,
      endpointAddress: `${spec.name}.${spec.account}.${spec.region}.redshift-serverless.amazonaws.com`,
      port: 5439,
      tags: { ...spec.tags },
      creationDate: now,
    });
  }
  stores.set(world, store);
  return store;
}

/** The workgroup `name` in `account` and `region`, or undefined (AWS never looks in another account). */
export function findWorkgroup(
  world: World,
  account: string,
  region: string,
  name: string,
): ServerlessWorkgroup | undefined {
  return storeOf(world).workgroups.get(keyOf(account, region, name));
}

export function workgroupsIn(world: World, account: string, region: string): ServerlessWorkgroup[] {
  return [...storeOf(world).workgroups.values()].filter((w) => w.account === account && w.region === region);
}

export function findNamespace(
  world: World,
  account: string,
  region: string,
  name: string,
): ServerlessNamespace | undefined {
  return storeOf(world).namespaces.get(keyOf(account, region, name));
}

export function namespacesIn(world: World, account: string, region: string): ServerlessNamespace[] {
  return [...storeOf(world).namespaces.values()].filter((n) => n.account === account && n.region === region);
}
