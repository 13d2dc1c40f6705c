/**
 * Contracts between the emulator's request pipeline (emulator/core, emulator/protocols) and the
 * services (emulator/<service>/) and the world model (emulator/world/).
 *
 * Pipeline (docs/architecture.md): resolve service from the SigV4 credential scope → verify SigV4 against the
 * secret the emulator issued → find the caller → decode the protocol → authorize (operation's
 * `authorize`) → dispatch (`handler`) → encode the response or a typed AwsError per protocol.
 */
import type { AuthzRequest, EvaluationResult, NamedPolicy } from "../../policy/types.ts";
import type { AwsError } from "./errors.ts";

export type Protocol = "awsQuery" | "awsJson1_1" | "restXml" | "restJson1";

/** The principal behind an access key, as AWS resolves it. */
export interface Caller {
  accessKeyId: string;
  account: string;
  /** arn:aws:iam::A:user/x, arn:aws:sts::A:assumed-role/R/sess, arn:aws:iam::A:root */
  arn: string;
  kind: "user" | "assumed-role" | "root";
  /** aws:userid: AIDA… (user), AROA…:sess (assumed role), account id (root). */
  userId: string;
  /** Unique id of the user or role (AIDA…/AROA…). */
  uniqueId?: string;
  username?: string;
  roleArn?: string;
  roleName?: string;
  sessionName?: string;
  /** Principal tags after session tags are applied. */
  tags: Record<string, string>;
  transitiveTagKeys?: string[];
  /** Session policies passed to AssumeRole (`Policy`, `PolicyArns`). */
  sessionPolicies?: NamedPolicy[];
  /** true when these are temporary credentials (so AssumeRole from them is role chaining). */
  temporary: boolean;
  sourceIdentity?: string;
}

export interface CredentialRecord {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken?: string;
  expiration?: Date;
  caller: Caller;
}

/** What the pipeline needs from the world model. Implemented in emulator/world/. */
export interface WorldPort {
  /** Look up an access key the emulator issued (setup users' keys, STS sessions). */
  findCredential(accessKeyId: string): CredentialRecord | undefined;
  /** Evaluate a request for `caller` with every policy that applies (identity, boundary, SCPs,
   *  session policies, plus `resourcePolicy` when given); with `record`, the decision is kept for
   *  the debug endpoint (GET /_chaincheck/decisions) under its request id. */
  check(caller: Caller, request: AuthorizeInput, record?: DecisionRecord): EvaluationResult;
  /** The decisions kept for GET /_chaincheck/decisions, oldest first. */
  listDecisions(): readonly DecisionLogEntry[];
}

/** An evaluation bound to one caller (and request): what credential and access checks take. */
export type Check = (request: AuthorizeInput) => EvaluationResult;

/** Under which request a decision is recorded; `time` defaults to the world's clock. */
export interface DecisionRecord {
  requestId: string;
  time?: Date;
}

export interface AuthorizeInput {
  action: string;
  resource: string;
  resourceAccount?: string;
  resourcePolicy?: NamedPolicy;
  /** Extra context keys for this request (redshift:DbUser, sts:ExternalId, s3:prefix …). */
  context?: AuthzRequest["context"];
  isRoleTrust?: boolean;
  /** KMS keys: in the resource's own account an identity allow is not enough, the resource
   *  policy itself must grant (directly, or by naming the account). */
  resourcePolicyMustGrant?: boolean;
}

export interface DecisionLogEntry {
  requestId: string;
  time: string;
  callerArn: string;
  action: string;
  resource: string;
  result: EvaluationResult;
}

export interface OperationContext<I = Record<string, unknown>> {
  world: WorldPort;
  caller: Caller;
  region: string;
  service: ServiceDefinition;
  operation: string;
  input: I;
  requestId: string;
  now: Date;
  /** Evaluate with the policy engine; on deny throws the service's AccessDenied with AWS's wording
   *  (`User: <arn> is not authorized to perform: <action> on resource: <arn>` + AWS's suffix). */
  authorize(request: AuthorizeInput): void;
  /** Same evaluation without throwing (for implicit checks whose failure surfaces differently). */
  check: Check;
  /** Raw HTTP request details, for REST protocols (headers lower-cased, decoded body). */
  http: {
    method: string;
    path: string;
    query: URLSearchParams;
    headers: Record<string, string>;
    body: Buffer;
  };
}

/** restJson1/restXml responses may need a status, headers and a raw body; other protocols return plain objects. */
export interface RestResult {
  status?: number;
  headers?: Record<string, string>;
  body?: unknown; // object → serialized by the protocol; Buffer/string → sent as-is
}

export interface OperationDef<I = any, O = any> {
  /** REST protocols: HTTP method and path pattern with {Label} / {Label+} placeholders. */
  http?: { method: string; path: string; successCode?: number };
  /** Authorization done by the pipeline before the handler runs (explicit action on a resource). */
  authorize?(ctx: OperationContext<I>): AuthorizeInput | AuthorizeInput[] | undefined;
  handler(ctx: OperationContext<I>): Promise<O> | O;
  /** Routed only to answer "not implemented" (S3's sub-resources); not counted as implemented. */
  unimplemented?: boolean;
}

export interface ServiceDefinition {
  /** SigV4 signing name = credential-scope service: sts, iam, redshift, redshift-data, s3, lambda, … */
  signingName: string;
  protocol: Protocol;
  /** awsQuery / restXml: the XML namespace of responses, e.g. https://sts.amazonaws.com/doc/2011-06-15/ */
  xmlNamespace?: string;
  /** awsQuery: API version string. */
  apiVersion?: string;
  /** awsJson1_1: X-Amz-Target prefix, e.g. "RedshiftData". */
  targetPrefix?: string;
  operations: Record<string, OperationDef>;
  /** Build this service's access-denied error from AWS's message text. */
  accessDenied(message: string): AwsError;
}
