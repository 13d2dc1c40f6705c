/**
 * Public types of the IAM policy engine. `policy/` is pure: no I/O, no clock reads (the request
 * carries `aws:CurrentTime`), no imports from `emulator/` or `helpers/`.
 *
 * The emulator builds an `AuthzRequest` + `PolicySet` per call and asks `evaluate()`; the harness
 * uses the same engine to explain what it read from real accounts.
 */

export type Effect = "Allow" | "Deny";
export type Decision = "Allow" | "ExplicitDeny" | "ImplicitDeny";

/** Condition values as the request context holds them: a key may carry one value or several. */
export type ContextValue = string | string[];
export type RequestContextKeys = Record<string, ContextValue | undefined>;

/** Who is calling, as AWS resolves it from the access key. */
export interface PrincipalInfo {
  /** e.g. arn:aws:sts::111111111111:assumed-role/L/fn, arn:aws:iam::111111111111:user/alice,
   *  arn:aws:iam::111111111111:root, or a service principal name such as redshift.amazonaws.com. */
  arn: string;
  account: string;
  kind: "user" | "assumed-role" | "root" | "service" | "federated";
  /** For assumed-role sessions: the role ARN (arn:aws:iam::ACCT:role/path/name). */
  roleArn?: string;
  /** aws:userid — AIDA… for users, `AROA…:session` for assumed roles, the account id for root. */
  userId: string;
  /** Unique id of the IAM user or role (AIDA…/AROA…), used to match canonicalised principals. */
  uniqueId?: string;
  /** aws:username for IAM users. */
  username?: string;
  /** Principal tags (role or user tags, overridden by session tags). */
  tags?: Record<string, string>;
  /** For service principals: the service name, e.g. "redshift.amazonaws.com". */
  service?: string;
  /** S3 canonical user id, matched by `{"CanonicalUser": …}` principals. */
  canonicalUserId?: string;
}

export type PolicyType =
  | "identity" // inline or managed identity policy of the principal (or of the role behind a session)
  | "resource" // bucket policy, key policy, secret policy, trust policy
  | "trust" // role trust policy (a resource policy with special rules)
  | "scp"
  | "boundary"
  | "session";

/** A policy as the evaluator receives it: the raw document plus where it came from, for the trace. */
export interface NamedPolicy {
  type: PolicyType;
  /** ARN of a managed policy, or `role/<name>/inline/<policyName>` style name for inline ones. */
  name: string;
  /** The policy document (JSON text or an already-parsed object). Validated by `parsePolicy`. */
  document: string | object;
}

/** All policies that bear on one request. SCPs: one array per level of the org (root, OUs, account);
 *  every level must allow. Omitted arrays mean "not in play" (e.g. no org → no SCP check). */
export interface PolicySet {
  identity: NamedPolicy[];
  boundary?: NamedPolicy;
  scps?: NamedPolicy[][];
  session?: NamedPolicy[];
  /** The resource's own policy (bucket policy, key policy, trust policy, secret policy). */
  resource?: NamedPolicy;
}

export interface AuthzRequest {
  principal: PrincipalInfo;
  action: string; // service:Action, e.g. sts:AssumeRole
  resource: string; // resource ARN, or "*"
  /** Account that owns the resource; undefined for `*` or when unknown. Decides cross-account rules. */
  resourceAccount?: string;
  /** Request context keys (aws:PrincipalArn, aws:SourceAccount, sts:ExternalId, redshift:DbUser, …).
   *  `buildRequestContext` fills the global keys from `principal`. */
  context: RequestContextKeys;
  /** True for sts:AssumeRole* against a role trust policy: the trust must allow even same-account. */
  isRoleTrust?: boolean;
}

export interface TraceStep {
  policyType: PolicyType;
  policyName: string;
  statementSid?: string;
  statementIndex?: number;
  effect: Effect;
  /** Why this statement matched (or, in explanations, did not). */
  note?: string;
}

export interface EvaluationResult {
  decision: Decision;
  /** Statements that decided: the explicit Deny, or the Allows that granted it. */
  trace: TraceStep[];
  /** For an implicit deny: which policy type failed to allow ("identity", "resource", "scp", "boundary", "session"). */
  missing?: PolicyType[];
  /** For an explicit deny: the policy type and name that denied (feeds AWS's "with an explicit deny in …" suffix). */
  deniedBy?: { policyType: PolicyType; policyName: string };
  /** True when AWS renders the AccessDenied text without a `because …`/`with an explicit deny …` suffix:
   *  a role trust policy decided (docs/failures.md L2-01), or a resource policy in another account did. */
  plainMessage?: boolean;
  /** How a resource-policy Allow matched the caller: `direct` (session/user ARN, `*`), `role` (role
   *  ARN or AROA id), `any` (service/federated), `account` (account id or root). See `evaluate.ts`. */
  resourceGrant?: "direct" | "role" | "any" | "account";
}

/* ---- Added by the policy engine (additive only: nothing above is renamed or removed). ---- */

/** What a document is used as; decides which elements are required or prohibited at write time. */
export type PolicyKind = "identity" | "resource" | "trust" | "scp" | "boundary" | "session";

export type PolicyVersion = "2012-10-17" | "2008-10-17";

/** A Principal or NotPrincipal element, normalised. `any` is `"*"` or `{"AWS":"*"}`. */
export interface ParsedPrincipal {
  any: boolean;
  aws: string[];
  service: string[];
  federated: string[];
  canonicalUser: string[];
}

export type SetOperator = "ForAnyValue" | "ForAllValues";

/** One key under one operator: `{"StringEquals": {"aws:SourceAccount": ["1", "2"]}}` gives one of these. */
export interface ParsedCondition {
  /** The operator as written, e.g. `ForAnyValue:StringLikeIfExists`. */
  operator: string;
  /** Without the set prefix and the IfExists suffix, e.g. `StringLike`. */
  baseOperator: string;
  ifExists: boolean;
  setOperator?: SetOperator;
  key: string;
  values: string[];
}

export interface ParsedStatement {
  index: number;
  sid?: string;
  effect: Effect;
  action?: string[];
  notAction?: string[];
  resource?: string[];
  notResource?: string[];
  principal?: ParsedPrincipal;
  notPrincipal?: ParsedPrincipal;
  conditions: ParsedCondition[];
}

export interface ParsedPolicy {
  version: PolicyVersion;
  id?: string;
  kind: PolicyKind;
  statements: ParsedStatement[];
}

/** Per-statement verdict, as `explain()` reports it. */
export interface StatementExplanation {
  policyType: PolicyType;
  policyName: string;
  statementIndex: number;
  statementSid?: string;
  effect: Effect;
  /** True when every element below matched, i.e. the statement applies to the request. */
  applies: boolean;
  action: boolean;
  resource: boolean;
  /** Undefined for policy types that carry no Principal element. */
  principal?: boolean;
  condition: boolean;
  /** First condition that failed, e.g. `StringEquals sts:ExternalId`. */
  failedCondition?: string;
}

export interface Explanation extends EvaluationResult {
  statements: StatementExplanation[];
}
