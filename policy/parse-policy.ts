/**
 * parsePolicy: validates a policy document the way IAM does when it is written (CreatePolicy,
 * PutRolePolicy, UpdateAssumeRolePolicy, PutBucketPolicy, the AssumeRole `Policy` parameter) and
 * returns it normalised. Parsed documents are cached: by JSON text, and by object identity.
 *
 * Known gaps: no size limits; no check that an action or condition key exists in the service's
 * reference; principals are checked for shape only unless `principalExists` is given (IAM resolves
 * role and user ARNs to unique ids on save, which is why a missing role gives "Invalid principal",
 * docs/failures.md L2-04); Sid rules are IAM's, applied to IAM-stored kinds only.
 */
import { splitOperator } from "./condition-operators.ts";
import { parsePrincipal } from "./parse-principal.ts";
import { messages, PolicyValidationError } from "./policy-validation-error.ts";
import type { Effect, ParsedCondition, ParsedPolicy, ParsedStatement, PolicyKind } from "./types.ts";

export interface ParseOptions {
  /** Called for every role/user ARN in Principal elements; return false to get IAM's
   *  `Invalid principal in policy` (the ARN does not resolve to an existing principal). */
  principalExists?: (arn: string) => boolean;
}

const textCache = new Map<string, ParsedPolicy>();
const objectCache = new WeakMap<object, Map<PolicyKind, ParsedPolicy>>();
const TEXT_CACHE_LIMIT = 10_000;

/** The elements a policy document and a statement may have (IAM's grammar). */
export const POLICY_ELEMENTS = ["Version", "Id", "Statement"] as const;
export const STATEMENT_ELEMENTS = [
  "Sid",
  "Effect",
  "Principal",
  "NotPrincipal",
  "Action",
  "NotAction",
  "Resource",
  "NotResource",
  "Condition",
] as const;
const TOP_LEVEL = new Set<string>(POLICY_ELEMENTS);
const STATEMENT_KEYS = new Set<string>(STATEMENT_ELEMENTS);
/** Kinds that IAM itself stores, and so get IAM's Sid rules. */
const IAM_KINDS = new Set<PolicyKind>(["identity", "boundary", "trust", "session"]);

export function parsePolicy(
  document: string | object,
  kind: PolicyKind,
  options?: ParseOptions,
): ParsedPolicy {
  const parsed = cachedParse(document, kind);
  if (options?.principalExists) checkPrincipalsExist(parsed, options.principalExists);
  return parsed;
}

function cachedParse(document: string | object, kind: PolicyKind): ParsedPolicy {
  if (typeof document === "string") {
    const key = `${kind}\u0000${document}`;
    const hit = textCache.get(key);
    if (hit) return hit;
    let raw: unknown;
    try {
      raw = JSON.parse(document);
    } catch {
      throw new PolicyValidationError(messages.syntax);
    }
    const parsed = parseDocument(raw, kind);
    if (textCache.size >= TEXT_CACHE_LIMIT) textCache.clear();
    textCache.set(key, parsed);
    return parsed;
  }
  let byKind = objectCache.get(document);
  const hit = byKind?.get(kind);
  if (hit) return hit;
  const parsed = parseDocument(document, kind);
  if (!byKind) {
    byKind = new Map();
    objectCache.set(document, byKind);
  }
  byKind.set(kind, parsed);
  return parsed;
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

function parseDocument(raw: unknown, kind: PolicyKind): ParsedPolicy {
  if (!isRecord(raw)) throw new PolicyValidationError(messages.syntax);
  for (const k of Object.keys(raw)) if (!TOP_LEVEL.has(k)) throw new PolicyValidationError(messages.syntax);
  const version = raw.Version ?? "2008-10-17";
  // A Version other than the two IAM knows is rejected by the legacy parser (seen verbatim in
  // public reports for mistyped dates) [I for the exact trigger].
  if (version !== "2012-10-17" && version !== "2008-10-17") {
    throw new PolicyValidationError(messages.legacyParsing);
  }
  if (raw.Id !== undefined && typeof raw.Id !== "string") throw new PolicyValidationError(messages.syntax);
  const list = Array.isArray(raw.Statement)
    ? raw.Statement
    : raw.Statement === undefined
      ? []
      : [raw.Statement];
  if (list.length === 0) throw new PolicyValidationError(messages.syntax);
  const statements = list.map((s, i) => parseStatement(s, i, kind));
  if (IAM_KINDS.has(kind)) {
    const seen = new Set<string>();
    for (const s of statements) {
      if (s.sid === undefined || s.sid === "") continue;
      if (seen.has(s.sid)) throw new PolicyValidationError(messages.sidUnique);
      seen.add(s.sid);
    }
  }
  return { version, id: raw.Id as string | undefined, kind, statements };
}

function stringList(v: unknown): string[] {
  const arr = Array.isArray(v) ? v : [v];
  if (arr.length === 0) throw new PolicyValidationError(messages.syntax);
  for (const x of arr) if (typeof x !== "string") throw new PolicyValidationError(messages.syntax);
  return arr as string[];
}

function parseStatement(raw: unknown, index: number, kind: PolicyKind): ParsedStatement {
  if (!isRecord(raw)) throw new PolicyValidationError(messages.syntax);
  for (const k of Object.keys(raw))
    if (!STATEMENT_KEYS.has(k)) throw new PolicyValidationError(messages.syntax);
  if (raw.Effect === undefined) throw new PolicyValidationError(messages.missingEffect);
  if (raw.Effect !== "Allow" && raw.Effect !== "Deny") throw new PolicyValidationError(messages.syntax);
  const effect: Effect = raw.Effect;
  let sid: string | undefined;
  if (raw.Sid !== undefined) {
    if (typeof raw.Sid !== "string") throw new PolicyValidationError(messages.syntax);
    if (IAM_KINDS.has(kind) && !/^[0-9A-Za-z]*$/.test(raw.Sid))
      throw new PolicyValidationError(messages.sidAlnum);
    sid = raw.Sid;
  }
  const pair = (a: string, b: string) => {
    if (raw[a] !== undefined && raw[b] !== undefined) throw new PolicyValidationError(messages.syntax);
  };
  pair("Action", "NotAction");
  pair("Resource", "NotResource");
  pair("Principal", "NotPrincipal");

  const hasPrincipal = raw.Principal !== undefined || raw.NotPrincipal !== undefined;
  const takesPrincipal = kind === "resource" || kind === "trust";
  if (hasPrincipal && !takesPrincipal) throw new PolicyValidationError(messages.noPrincipalAllowed);
  if (!hasPrincipal && takesPrincipal) throw new PolicyValidationError(messages.missingPrincipal);

  const hasResource = raw.Resource !== undefined || raw.NotResource !== undefined;
  if (kind === "trust" && hasResource) throw new PolicyValidationError(messages.prohibitedResource);
  if (kind !== "trust" && !hasResource) throw new PolicyValidationError(messages.missingResources);
  if (raw.Action === undefined && raw.NotAction === undefined)
    throw new PolicyValidationError(messages.missingActions);

  const statement: ParsedStatement = { index, sid, effect, conditions: [] };
  if (raw.Action !== undefined) statement.action = stringList(raw.Action).map(checkAction);
  if (raw.NotAction !== undefined) statement.notAction = stringList(raw.NotAction).map(checkAction);
  if (kind === "trust") {
    for (const a of statement.action ?? statement.notAction ?? []) {
      if (a !== "*" && !a.toLowerCase().startsWith("sts:"))
        throw new PolicyValidationError(messages.trustActions);
    }
  }
  if (raw.Resource !== undefined) statement.resource = stringList(raw.Resource).map(checkResource);
  if (raw.NotResource !== undefined) statement.notResource = stringList(raw.NotResource).map(checkResource);
  if (raw.Principal !== undefined) statement.principal = parsePrincipal(raw.Principal);
  if (raw.NotPrincipal !== undefined) statement.notPrincipal = parsePrincipal(raw.NotPrincipal);
  if (raw.Condition !== undefined) statement.conditions = parseConditions(raw.Condition);
  return statement;
}

function checkAction(action: string): string {
  if (action === "*") return action;
  const parts = action.split(":");
  if (parts.length < 2) throw new PolicyValidationError(messages.vendorPrefix);
  if (parts.length > 2) throw new PolicyValidationError(messages.oneColon);
  const [vendor, name] = parts;
  if (/[*?]/.test(vendor)) throw new PolicyValidationError(messages.vendorWildcard);
  if (!/^[a-zA-Z0-9-]+$/.test(vendor) || !/^[a-zA-Z0-9*?_-]+$/.test(name)) {
    throw new PolicyValidationError(messages.invalidAction);
  }
  return action;
}

function checkResource(resource: string): string {
  if (resource === "*") return resource;
  // An ARN has six colon-separated parts (the last may contain more colons).
  if (!resource.startsWith("arn:") || resource.split(":").length < 6) {
    throw new PolicyValidationError(messages.resourceFormat(resource));
  }
  return resource;
}

function conditionKey(key: string): string {
  if (!key.includes(":")) throw new PolicyValidationError(messages.vendorPrefix);
  return key;
}

function scalar(v: unknown): string {
  if (typeof v === "string") return v;
  if (typeof v === "number" || typeof v === "boolean") return String(v);
  throw new PolicyValidationError(messages.syntax);
}

function parseConditions(raw: unknown): ParsedCondition[] {
  if (!isRecord(raw)) throw new PolicyValidationError(messages.syntax);
  const out: ParsedCondition[] = [];
  for (const [operator, block] of Object.entries(raw)) {
    const parts = splitOperator(operator);
    if (!parts) throw new PolicyValidationError(messages.conditionType(operator));
    if (!isRecord(block)) throw new PolicyValidationError(messages.syntax);
    for (const [key, value] of Object.entries(block)) {
      const values = (Array.isArray(value) ? value : [value]).map(scalar);
      if (values.length === 0) throw new PolicyValidationError(messages.syntax);
      if (parts.baseOperator.startsWith("Arn")) {
        // ARN operators need ARN-shaped values; IAM's legacy parser rejects others (public reports
        // of ArnEquals with a bare cluster name).
        for (const v of values) {
          if (v !== "*" && !v.startsWith("arn:") && !v.startsWith("${")) {
            throw new PolicyValidationError(messages.legacyParsing);
          }
        }
      }
      out.push({ operator, ...parts, key: conditionKey(key), values });
    }
  }
  return out;
}

function checkPrincipalsExist(policy: ParsedPolicy, exists: (arn: string) => boolean): void {
  for (const s of policy.statements) {
    for (const p of [s.principal, s.notPrincipal]) {
      for (const arn of p?.aws ?? []) {
        if (/^arn:aws[a-z-]*:iam::\d{12}:(role|user)\//.test(arn) && !exists(arn)) {
          throw new PolicyValidationError(messages.invalidPrincipal("AWS", arn));
        }
      }
    }
  }
}

/** For tests and long-running emulators that rewrite many documents. */
export function clearPolicyCache(): void {
  textCache.clear();
}
