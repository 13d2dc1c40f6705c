/**
 * The emulator's world: accounts, IAM (global), the credential store, organizations, the decision
 * log and every service's state, each in a typed slot below. Implements WorldPort for the pipeline.
 * IAM and STS are global: their state is keyed by account only. Regional services keep an
 * AccountRegionStore (one slot per account and region, seeded from `setup` on first use); S3's
 * bucket names are global to the partition, so S3 has one store per world. Ids a run shows (IAM
 * ids, keys, Redshift process ids) come from the world, so a setup loads the same every run.
 *
 * Known gaps: no IAM groups; the account root has access keys only when one is asked for
 * (`rootAccessKey`, as an account owner may create them in the console).
 */

import { buildRequestContext, evaluate } from "../../policy/index.ts";
import type { EvaluationResult } from "../../policy/types.ts";
import type {
  AuthorizeInput,
  Caller,
  Check,
  CredentialRecord,
  DecisionLogEntry,
  DecisionRecord,
  WorldPort,
} from "../core/types.ts";
import { type KmsKeys, seedKmsKeys } from "../kms/kms-key-store.ts";
import { type ClusterState, seedClusters } from "../redshift/cluster-store.ts";
import { DataApiState } from "../redshift-data/statement-store.ts";
import { type ServerlessRegion, seedServerless } from "../redshift-serverless/serverless-store.ts";
import { type S3Store, seedS3Store } from "../s3/s3-store.ts";
import { SecretStore } from "../secrets-manager/secret-store.ts";
import { createSqlEngine, type SqlEngine } from "../sql/index.ts";
import { AccountRegionStore } from "./account-region-store.ts";
import { CredentialStore } from "./credential-store.ts";
import { DecisionLog } from "./decision-log.ts";
import type { AccessKey, IamRole, IamUser, InlinePolicy, ManagedPolicy } from "./iam-entities.ts";
import { policyArnOf, roleArnOf, userArnOf, userCaller } from "./iam-entities.ts";
import { IamStore } from "./iam-store.ts";
import { IdGenerator } from "./ids.ts";
import { Organizations } from "./organizations.ts";
import { policySetFor, principalOf } from "./policy-set.ts";
import { mintRoleSession, type SessionRequest } from "./role-sessions.ts";
import { assumeRoleAsService, lambdaExecutionSession } from "./service-sessions.ts";
import type { Setup } from "./setup-schema.ts";
import { canonicalizeTrustPolicy } from "./trust-principals.ts";
import type { PolicyParams, RoleParams, ServiceSessionRequest, UserParams } from "./world-params.ts";

export type { PolicyParams, RoleParams, ServiceSessionRequest, UserParams } from "./world-params.ts";

export interface WorldOptions {
  clock?: () => Date;
  /** `off`: every policy decision allows (no identity, resource, trust, SCP or boundary policy is
   *  evaluated), like a peer emulator that enforces no IAM. Made only for the harness's lax-target
   *  test (test/helpers/chain/lax-target.test.ts); everything else — authentication, existence,
   *  associations, SQL grants — still applies. Default `enforce`. */
  iam?: "enforce" | "off";
  /** Live SQL database workers at most (emulator/sql/worker-slots.ts); default 4. Past it the least
   *  recently used idle database is checkpointed and stopped, and woken again on its next statement. */
  sqlWorkers?: number;
}

export const DEFAULT_SQL_WORKERS = 4;

const LAX_ALLOW: EvaluationResult = { decision: "Allow", trace: [] };

export type StaticCredentials = { accessKeyId: string; secretAccessKey: string; sessionToken?: string };

export class World implements WorldPort {
  readonly ids: IdGenerator;
  readonly iam: IamStore;
  readonly credentials = new CredentialStore();
  readonly decisions = new DecisionLog();
  readonly organizations: Organizations;
  readonly clock: () => Date;
  readonly #sqlWorkers: number;

  // ---- Service state: typed slots, each created on first use ----
  /** Redshift provisioned clusters by identifier, per (account, region). */
  readonly clusters: AccountRegionStore<Map<string, ClusterState>>;
  /** Redshift Serverless namespaces and workgroups by name, per (account, region). */
  readonly serverless: AccountRegionStore<ServerlessRegion>;
  /** Data API statements per (account, region), quotas and process ids. */
  readonly dataApi = new DataApiState();
  /** KMS keys by key id, per (account, region). */
  readonly kms: AccountRegionStore<KmsKeys>;
  #s3?: S3Store;
  #secrets?: SecretStore;
  #sql?: SqlEngine;

  constructor(
    readonly setup: Setup,
    options: WorldOptions = {},
  ) {
    this.ids = new IdGenerator(setup.seed);
    this.iam = new IamStore(this.ids);
    this.organizations = new Organizations(setup.organizations);
    this.clock = options.clock ?? (() => new Date());
    this.#sqlWorkers = options.sqlWorkers ?? DEFAULT_SQL_WORKERS;
    this.laxIam = options.iam === "off";
    this.clusters = new AccountRegionStore((account, region) => seedClusters(this, account, region));
    this.serverless = new AccountRegionStore((account, region) => seedServerless(this, account, region));
    this.kms = new AccountRegionStore((account, region) => seedKmsKeys(this, account, region));
  }

  /** S3 buckets by name (global to the partition), seeded with their objects on first use. */
  get s3(): S3Store {
    this.#s3 ??= seedS3Store(this);
    return this.#s3;
  }

  /** Secrets Manager secrets (by ARN, which names the secret's account and region). */
  get secrets(): SecretStore {
    this.#secrets ??= new SecretStore(this);
    return this.#secrets;
  }

  /** The SQL engine every warehouse of this world opens its databases in; started on first use. */
  get sql(): SqlEngine {
    this.#sql ??= createSqlEngine({ maxWorkers: this.#sqlWorkers });
    return this.#sql;
  }

  /** Stops what the world started (the SQL engine's workers). */
  async close(): Promise<void> {
    const sql = this.#sql;
    this.#sql = undefined;
    await sql?.close();
  }

  /** True when the world was started with `iam: "off"` (WorldOptions). */
  readonly laxIam: boolean;

  get accountIds(): string[] {
    return this.setup.accounts.map((a) => a.id);
  }

  findCredential(accessKeyId: string): CredentialRecord | undefined {
    const record = this.credentials.find(accessKeyId);
    if (record?.caller.kind !== "user" || record.caller.temporary) return record;
    // Long-term keys die with their user, and an Inactive key is refused like an unknown one.
    const user = this.iam.getUser(record.caller.account, record.caller.username ?? "");
    const key = user?.accessKeys.find((k) => k.accessKeyId === accessKeyId);
    return key?.status === "Active" ? record : undefined;
  }

  /** The policy engine's decision for `caller`, with every policy that applies; records nothing. */
  authorize(caller: Caller, input: AuthorizeInput): EvaluationResult {
    if (this.laxIam) return LAX_ALLOW;
    const policies = policySetFor(this.iam, this.organizations, caller, input.resourcePolicy);
    const principal = principalOf(caller);
    const orgKeys =
      principal.kind === "service"
        ? this.organizations.contextKeys(undefined, input.resourceAccount)
        : this.organizations.contextKeys(principal.account, input.resourceAccount);
    const context = buildRequestContext(principal, { ...orgKeys, ...input.context }, this.clock());
    const result = evaluate(
      {
        principal,
        action: input.action,
        resource: input.resource,
        resourceAccount: input.resourceAccount,
        context,
        isRoleTrust: input.isRoleTrust,
      },
      policies,
    );
    // KMS: in the key's own account an IAM allow alone is not enough; the key policy must grant
    // (directly, or by naming the account, which the engine reports as an `account` grant).
    if (
      input.resourcePolicyMustGrant &&
      result.decision === "Allow" &&
      caller.account === input.resourceAccount &&
      !result.resourceGrant
    ) {
      return { decision: "ImplicitDeny", trace: [], missing: ["resource"] };
    }
    return result;
  }

  /**
   * The one way services evaluate a request: `authorize`, then, with `record`, the decision is
   * kept for GET /_chaincheck/decisions under that request id (the pipeline's checks, and the
   * implicit ones services make on a caller's behalf: Data API credentials, COPY, S3, KMS).
   */
  check(caller: Caller, input: AuthorizeInput, record?: DecisionRecord): EvaluationResult {
    const result = this.authorize(caller, input);
    if (record) {
      this.decisions.record({
        requestId: record.requestId,
        time: (record.time ?? this.clock()).toISOString(),
        callerArn: caller.arn,
        action: input.action,
        resource: input.resource,
        result,
      });
    }
    return result;
  }

  /** `check` bound to one caller and request, as credential checks take it. */
  checkFor(caller: Caller, record?: DecisionRecord): Check {
    return (input) => this.check(caller, input, record);
  }

  listDecisions(): readonly DecisionLogEntry[] {
    return this.decisions.list();
  }

  // ---- IAM entity lifecycle (used by loadWorld and the IAM service) ----

  createRole(p: RoleParams): IamRole {
    const path = p.path ?? "/";
    const role: IamRole = {
      account: p.account,
      name: p.name,
      path,
      arn: roleArnOf(p.account, path, p.name),
      roleId: p.roleId ?? this.ids.uniqueId("AROA"),
      createDate: p.createDate ?? this.clock(),
      description: p.description,
      trustPolicy: canonicalizeTrustPolicy(p.trustPolicy, (arn) => this.iam.uniqueIdOf(arn)),
      inlinePolicies: new Map(),
      attachedPolicyArns: [],
      maxSessionDuration: p.maxSessionDuration ?? 3600,
      permissionsBoundaryArn: p.permissionsBoundaryArn,
      tags: { ...(p.tags ?? {}) },
    };
    this.iam.putRole(role);
    return role;
  }

  /** Store a new trust policy the way IAM does: principals resolved to unique ids now. */
  setTrustPolicy(role: IamRole, doc: Record<string, unknown>): void {
    role.trustPolicy = canonicalizeTrustPolicy(doc, (arn) => this.iam.uniqueIdOf(arn));
  }

  createUser(p: UserParams): IamUser {
    const path = p.path ?? "/";
    const user: IamUser = {
      account: p.account,
      name: p.name,
      path,
      arn: userArnOf(p.account, path, p.name),
      userId: p.userId ?? this.ids.uniqueId("AIDA"),
      createDate: p.createDate ?? this.clock(),
      inlinePolicies: new Map<string, InlinePolicy>(),
      attachedPolicyArns: [],
      permissionsBoundaryArn: p.permissionsBoundaryArn,
      tags: { ...(p.tags ?? {}) },
      accessKeys: [],
    };
    this.iam.putUser(user);
    return user;
  }

  createAccessKey(user: IamUser, fixed: Partial<AccessKey> = {}): AccessKey {
    const key: AccessKey = {
      accessKeyId: fixed.accessKeyId ?? this.ids.accessKeyId(false),
      secretAccessKey: fixed.secretAccessKey ?? this.ids.secretAccessKey(),
      status: fixed.status ?? "Active",
      createDate: this.clock(),
    };
    user.accessKeys.push(key);
    this.credentials.add({
      accessKeyId: key.accessKeyId,
      secretAccessKey: key.secretAccessKey,
      caller: userCaller(user, key.accessKeyId),
    });
    return key;
  }

  /** The account root user's access key (made on first use): `arn:aws:iam::<account>:root`. */
  rootAccessKey(account: string): CredentialRecord {
    const held = this.credentials.all().find((r) => r.caller.kind === "root" && r.caller.account === account);
    if (held) return held;
    const accessKeyId = this.ids.accessKeyId(false);
    return this.credentials.add({
      accessKeyId,
      secretAccessKey: this.ids.secretAccessKey(),
      caller: {
        accessKeyId,
        account,
        arn: `arn:aws:iam::${account}:root`,
        kind: "root",
        userId: account,
        tags: {},
        temporary: false,
      },
    });
  }

  createPolicy(p: PolicyParams): ManagedPolicy {
    const path = p.path ?? "/";
    const now = this.clock();
    const policy: ManagedPolicy = {
      account: p.account,
      name: p.name,
      path,
      arn: policyArnOf(p.account, path, p.name),
      policyId: p.policyId ?? this.ids.uniqueId("ANPA"),
      description: p.description,
      createDate: now,
      updateDate: now,
      versions: [{ versionId: "v1", document: p.document, isDefault: true, createDate: now }],
      tags: { ...(p.tags ?? {}) },
    };
    this.iam.putPolicy(policy);
    return policy;
  }

  // ---- STS sessions ----

  issueRoleSession(req: Omit<SessionRequest, "now">): CredentialRecord {
    return this.credentials.add(mintRoleSession(this.ids, { ...req, now: this.clock() }));
  }

  /**
   * A service assuming a role on its own behalf (Lambda for the execution role, Redshift for a
   * COPY role): only the trust policy decides (service-sessions.ts).
   */
  assumeRoleAsService(req: ServiceSessionRequest): CredentialRecord {
    return assumeRoleAsService(this, req);
  }

  /** The credentials Lambda hands a function: its execution role's session (service-sessions.ts). */
  lambdaExecutionSession(
    functionName: string,
    options: { account?: string; region?: string } = {},
  ): CredentialRecord {
    return lambdaExecutionSession(this, functionName, options);
  }
}
