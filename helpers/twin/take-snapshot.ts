/**
 * `chaincheck snapshot`: reads, read-only, everything the chain depends on in A and B through the
 * harness's own identity in A and the optional reader in B, and writes it as a setup file (with
 * the `chain:` block) that the embedded target replays offline: the twin.
 *
 * What it cannot read becomes a gap naming the read permission that would fill it, and the twin
 * assumes something in its place; what no read can settle (the twin's own users and keys, secret
 * values, the function's code) is listed as an assumption. It never writes to AWS and never holds a
 * secret value: secrets get generated values with the same keys.
 *
 * The twin adds what the embedded target needs and AWS cannot show: a `tester` user in A and an
 * `admin` user in B (AdministratorAccess, fixed keys that work only against the emulator).
 *
 * Organizations is read as far as the readers may (read-organizations.ts): the whole organization
 * when one is its management account, else its id and the SCPs IAM's simulator reports, each a gap.
 *
 * Known gaps: users and groups other than the chain's DB user, the COPY
 * table's owner and ASSUMEROLE grantees are not copied.
 */
import { GetCallerIdentityCommand, STSClient } from "@aws-sdk/client-sts";
import type { ChainConfig } from "../../config/chain-config.ts";
import { type ReaderSettings, readAccess } from "../diagnosis/read/read-access.ts";
import type { OpenTarget } from "../targets/target-types.ts";
import { assembleTwin, principalArns, roleArnOfEntry, TWIN_SEED } from "./assemble-twin.ts";
import { readDatabase } from "./read-database.ts";
import { readIam } from "./read-iam.ts";
import { readOrganizations } from "./read-organizations.ts";
import { readClusters, readFunction, readSecret, readWorkgroup } from "./read-services.ts";
import { readBucket, readKmsKey } from "./read-storage.ts";
import { synthesizedBody } from "./synthesized-body.ts";
import { attempt, GapList, type TwinGap } from "./twin-gaps.ts";
import { accountOfArn, type TwinReaders } from "./twin-readers.ts";

type Obj = Record<string, unknown>;

export interface SnapshotOptions {
  config: ChainConfig;
  tester: ReaderSettings;
  readerB?: ReaderSettings;
  /** Copy the first N bytes of each COPY source object (0: synthesize a body). */
  withData?: number;
}

export interface Snapshot {
  setup: Obj;
  gaps: TwinGap[];
  assumptions: string[];
}

async function accountOf(reader: ReaderSettings | undefined): Promise<string | undefined> {
  if (!reader) return undefined;
  const got = await attempt(() => new STSClient(reader).send(new GetCallerIdentityCommand({})));
  return got.ok ? got.value.Account : undefined;
}

export async function takeSnapshot(o: SnapshotOptions): Promise<Snapshot> {
  const c = o.config;
  const accountA = (await accountOf(o.tester)) ?? c.lambdaRoleArn?.split(":")[4] ?? "111111111111";
  const fromArn = /^\d{12}$/.test(accountOfArn(c.targetRoleArn)) ? accountOfArn(c.targetRoleArn) : undefined;
  const accountB = fromArn ?? (await accountOf(o.readerB)) ?? accountA;
  const r: TwinReaders = {
    region: c.region,
    accountA,
    accountB,
    tester: o.tester,
    readerB: o.readerB,
    gaps: new GapList(),
    assumptions: [],
  };
  // Reads that do not depend on each other run side by side: the database's first statement waits
  // for the cluster to open its database, which is most of a snapshot's time.
  const [fn, clusters, serverless, secret] = await Promise.all([
    readFunction(r, c.functionName),
    c.clusterId ? readClusters(r, c.clusterId) : Promise.resolve([]),
    c.workgroupName ? readWorkgroup(r, c.workgroupName) : Promise.resolve(undefined),
    c.secretArn ? readSecret(r, c.secretArn, TWIN_SEED) : Promise.resolve(undefined),
  ]);
  const chainCluster = clusters.find((k) => k.entry.id === c.clusterId);
  const targetRoleName = c.targetRoleArn.split("/").pop() ?? "";
  const dbUser =
    c.dbUser ??
    secret?.login?.username ??
    (c.workgroupName || !c.secretArn ? `IAMR:${targetRoleName}` : undefined);
  const namespace = serverless?.namespace;
  const masterUsername = chainCluster?.masterUsername ?? (namespace?.adminUsername as string | undefined);
  const dbRead =
    chainCluster || namespace
      ? readDatabase(r, {
          clusterId: chainCluster ? c.clusterId : undefined,
          workgroupName: chainCluster ? undefined : c.workgroupName,
          masterUsername,
          database: c.database,
          dbUser,
          table: c.table,
        })
      : Promise.resolve(undefined);
  const columnsOf = async () =>
    (((await dbRead)?.database?.tables as Obj[] | undefined)?.[0]?.columns as {
      name: string;
      type: string;
    }[]) ?? [];
  const warehouse = chainCluster?.entry ?? namespace;
  const roleArns = [
    ...(fn?.role ? [fn.role as string] : []),
    ...(c.lambdaRoleArn ? [c.lambdaRoleArn] : []),
    c.targetRoleArn,
    ...(c.copyRoleArn ? c.copyRoleArn.split(",") : []),
    ...clusters.flatMap((k) => (k.entry.iamRoles as string[]) ?? []),
    ...(namespace ? ((namespace.iamRoles as string[]) ?? []) : []),
    ...[...clusters.map((k) => k.entry.defaultIamRole), namespace?.defaultIamRole].filter(
      (a): a is string => typeof a === "string",
    ),
  ];
  const [db, bucket, iam] = await Promise.all([
    dbRead,
    c.copySource
      ? readBucket(r, c.copySource, o.withData ?? 0, async () =>
          synthesizedBody(await columnsOf(), c.copyOptions),
        )
      : Promise.resolve(undefined),
    readIam(r, roleArns),
  ]);

  // Principals the policies read so far name (trusts, the bucket's, the secret's) are read too: the
  // setup loader, like IAM, refuses a policy naming a role or user that does not exist.
  const named = principalArns([iam.roles, bucket?.entry.policy, secret?.entry.policy]);
  const declared = new Set(iam.roles.map(roleArnOfEntry));
  const extra = await readIam(
    r,
    named.filter((a) => a.includes(":role/") && !declared.has(a)),
  );
  iam.roles.push(...extra.roles);
  for (const p of extra.policies)
    if (!iam.policies.some((q) => q.account === p.account && q.name === p.name)) iam.policies.push(p);

  const keyRefs = [
    ...(bucket?.kmsKeys ?? []),
    ...(typeof secret?.entry.kmsKeyId === "string" ? [secret.entry.kmsKeyId] : []),
    ...(typeof warehouse?.kmsKeyId === "string" ? [warehouse.kmsKeyId] : []),
  ];
  const kmsKeys: Obj[] = [];
  for (const ref of [...new Set(keyRefs)]) {
    const key = await readKmsKey(r, ref);
    if (key && !kmsKeys.some((k) => k.id === key.id)) kmsKeys.push(key);
  }

  const execRole = (fn?.role as string | undefined) ?? c.lambdaRoleArn;
  const organizations = await readOrganizations(r, c, execRole);

  const setup = assembleTwin({
    c,
    r,
    fn,
    clusters: clusters.map((k) => k.entry),
    serverless,
    db,
    dbUser,
    secret,
    bucket: bucket?.entry,
    iam,
    kmsKeys,
    organizations,
  });
  return { setup, gaps: r.gaps.gaps, assumptions: r.assumptions };
}

/** The snapshot of an opened target, read through its tester and its reader in B (when it has one). */
export async function snapshotOf(
  target: Pick<OpenTarget, "config" | "endpoint" | "testerCredentials" | "readerBCredentials" | "bReader">,
  withData?: number,
): Promise<Snapshot> {
  const access = await readAccess({
    region: target.config.region,
    endpoint: target.endpoint,
    testerCredentials: target.testerCredentials,
    readerBCredentials: target.readerBCredentials,
    bReader: target.bReader,
  });
  return takeSnapshot({ config: target.config, tester: access.tester, readerB: access.readerB, withData });
}
