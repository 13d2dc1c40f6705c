/**
 * The emulator's world: accounts, IAM (global), the credential store, organizations and the
 * decision log. Implements WorldPort for the pipeline; services reach their state through it.
 * State is keyed by account; IAM and STS are global (no region), regional services key by region
 * in their own state. Regional services read their seeded resources from `setup`.
 *
 * Known gaps: no IAM groups; the account root has no access keys unless a service mints them.
 */

import { buildRequestContext, evaluate } from "../../policy/index.ts";
import type { EvaluationResult, NamedPolicy } from "../../policy/types.ts";
import { AwsError } from "../core/errors.ts";
import type { AuthorizeInput, Caller, CredentialRecord, DecisionLogEntry, WorldPort } from "../core/types.ts";
import { CredentialStore } from "./credential-store.ts";
import { DecisionLog } from "./decision-log.ts";
import type { AccessKey, IamRole, IamUser, InlinePolicy, ManagedPolicy } from "./iam-entities.ts";
import { policyArnOf, roleArnOf, userArnOf, userCaller } from "./iam-entities.ts";
import { IamStore } from "./iam-store.ts";
import { IdGenerator } from "./ids.ts";
import { Organizations } from "./organizations.ts";
import { policySetFor, principalOf } from "./policy-set.ts";
import { mintRoleSession, type SessionRequest } from "./role-sessions.ts";
import type { Setup } from "./setup-schema.ts";
import { canonicalizeTrustPolicy } from "./trust-principals.ts";

export interface WorldOptions {
  clock?: () => Date;
  /** `off`: every policy decision allows (no identity, resource, trust, SCP or boundary policy is
   *  evaluated), like a peer emulator that enforces no IAM. Made only for the harness's lax-target
   *  test (test/helpers/chain/lax-target.test.ts); everything else — authentication, existence,
   *  associations, SQL grants — still applies. Default `enforce`. */
  iam?: "enforce" | "off";
}

const LAX_ALLOW: EvaluationResult = { decision: "Allow", trace: [] };

export interface RoleParams {
  account: string;
  name: string;
  path?: string;
  description?: string;
  trustPolicy: Record<string, unknown>;
  maxSessionDuration?: number;
  permissionsBoundaryArn?: string;
  tags?: Record<string, string>;
  roleId?: string;
  createDate?: Date;
}

export interface UserParams {
  account: string;
  name: string;
  path?: string;
  permissionsBoundaryArn?: string;
  tags?: Record<string, string>;
  userId?: string;
  createDate?: Date;
}

export interface PolicyParams {
  account: string;
  name: string;
  path?: string;
  description?: string;
  document: string;
  tags?: Record<string, string>;
  policyId?: string;
}

export interface ServiceSessionRequest {
  roleArn: string;
  /** The service principal, e.g. lambda.amazonaws.com or redshift.amazonaws.com. */
  service: string;
  sessionName: string;
  durationSeconds?: number;
  /** Extra context keys (aws:SourceAccount, aws:SourceArn …) the service sends with AssumeRole. */
  context?: Record<string, string>;
}

export type StaticCredentials = { accessKeyId: string; secretAccessKey: string; sessionToken?: string };

export class World implements WorldPort {
  readonly ids: IdGenerator;
  readonly iam: IamStore;
  readonly credentials = new CredentialStore();
  readonly decisions = new DecisionLog();
  readonly organizations: Organizations;
  readonly clock: () => Date;

  constructor(
    readonly setup: Setup,
    options: WorldOptions = {},
  ) {
    this.ids = new IdGenerator(setup.seed);
    this.iam = new IamStore(this.ids);
    this.organizations = new Organizations(setup.organizations);
    this.clock = options.clock ?? (() => new Date());
    this.laxIam = options.iam === "off";
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

  authorize(caller: Caller, input: AuthorizeInput): EvaluationResult {
    if (this.laxIam) return LAX_ALLOW;
    const policies = policySetFor(this.iam, this.organizations, caller, input.resourcePolicy);
    const principal = principalOf(caller);
    const context = buildRequestContext(principal, input.context ?? {}, this.clock());
    return evaluate(
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
  }

  recordDecision(entry: DecisionLogEntry): void {
    this.decisions.record(entry);
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
   * COPY role): only the trust policy decides. Throws AccessDenied (plain AWS text) when it does not.
   */
  assumeRoleAsService(req: ServiceSessionRequest): CredentialRecord {
    const role = this.iam.getRoleByArn(req.roleArn);
    const deny = () =>
      new AwsError(
        "AccessDenied",
        `${req.service} is not authorized to perform: sts:AssumeRole on resource: ${req.roleArn}`,
        { status: 403 },
      );
    if (!role) throw deny();
    const trust: NamedPolicy = {
      type: "trust",
      name: role.arn,
      document: this.iam.renderedTrustPolicy(role),
    };
    const principal = {
      arn: req.service,
      account: role.account,
      kind: "service" as const,
      userId: req.service,
      service: req.service,
    };
    const result = evaluate(
      {
        principal,
        action: "sts:AssumeRole",
        resource: role.arn,
        resourceAccount: role.account,
        context: buildRequestContext(principal, req.context ?? {}, this.clock()),
        isRoleTrust: true,
      },
      { identity: [], resource: trust },
    );
    if (result.decision !== "Allow" && !this.laxIam) throw deny();
    return this.issueRoleSession({
      role,
      sessionName: req.sessionName,
      durationSeconds: req.durationSeconds ?? role.maxSessionDuration,
    });
  }

  /**
   * The credentials Lambda hands a function: a session of its execution role named after the
   * function (docs/failure-catalog.md L1-02: `assumed-role/<ExecRole>/<FunctionName>`).
   */
  lambdaExecutionSession(
    functionName: string,
    options: { account?: string; region?: string } = {},
  ): CredentialRecord {
    const fn = this.setup.lambdaFunctions.find(
      (f) =>
        f.name === functionName &&
        (options.account === undefined || f.account === options.account) &&
        (options.region === undefined || f.region === options.region),
    );
    if (!fn) throw new Error(`no Lambda function ${functionName} in the setup`);
    return this.assumeRoleAsService({
      roleArn: fn.role,
      service: "lambda.amazonaws.com",
      sessionName: functionName,
      durationSeconds: 3600,
      context: {
        "aws:SourceAccount": fn.account,
        "aws:SourceArn": `arn:aws:lambda:${fn.region}:${fn.account}:function:${fn.name}`,
      },
    });
  }
}
