/**
 * Principal / NotPrincipal element: `"*"` or an object with AWS, Service, Federated, CanonicalUser.
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_principal.html
 * Wildcards are allowed only as the whole value `"*"`; IAM rejects them inside ARNs.
 */
import { messages, PolicyValidationError } from "./policy-validation-error.ts";
import type { ParsedPrincipal } from "./types.ts";

/** Unique ids as IAM shows them once the principal behind them was deleted (docs/failures.md L2-03). */
export const UNIQUE_ID = /^A[A-Z0-9]{3}[A-Z0-9]{12,}$/;
const AWS_PRINCIPAL = [
  /^\d{12}$/,
  /^arn:aws[a-z-]*:iam::\d{12}:root$/,
  /^arn:aws[a-z-]*:iam::\d{12}:(role|user)\/[\w+=,.@/-]+$/,
  /^arn:aws[a-z-]*:sts::\d{12}:assumed-role\/[\w+=,.@-]+\/[\w+=,.@-]+$/,
  /^arn:aws[a-z-]*:sts::\d{12}:federated-user\/[\w+=,.@-]+$/,
  UNIQUE_ID,
];

export function parsePrincipal(raw: unknown): ParsedPrincipal {
  const p: ParsedPrincipal = { any: false, aws: [], service: [], federated: [], canonicalUser: [] };
  if (raw === "*") {
    p.any = true;
    return p;
  }
  if (typeof raw !== "object" || raw === null || Array.isArray(raw)) {
    throw new PolicyValidationError(messages.syntax);
  }
  const entries = Object.entries(raw as Record<string, unknown>);
  if (entries.length === 0) throw new PolicyValidationError(messages.syntax);
  for (const [type, value] of entries) {
    const values = Array.isArray(value) ? value : [value];
    for (const v of values) {
      if (typeof v !== "string") throw new PolicyValidationError(messages.syntax);
      addValue(p, type, v);
    }
  }
  return p;
}

function addValue(p: ParsedPrincipal, type: string, v: string): void {
  switch (type) {
    case "AWS":
      if (v === "*") p.any = true;
      else if (AWS_PRINCIPAL.some((re) => re.test(v))) p.aws.push(v);
      else throw new PolicyValidationError(messages.invalidPrincipal(type, v));
      return;
    case "Service":
      if (v === "" || /\s/.test(v)) throw new PolicyValidationError(messages.invalidPrincipal(type, v));
      p.service.push(v);
      return;
    case "Federated":
      if (v === "") throw new PolicyValidationError(messages.invalidPrincipal(type, v));
      p.federated.push(v);
      return;
    case "CanonicalUser":
      if (!/^[0-9a-f]{64}$/.test(v)) throw new PolicyValidationError(messages.invalidPrincipal(type, v));
      p.canonicalUser.push(v);
      return;
    default:
      throw new PolicyValidationError(messages.invalidPrincipal(type, v));
  }
}
