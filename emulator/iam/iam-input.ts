/** Reading awsQuery parameters of IAM operations, and the model constraints they share. */
import { checkString, type StringRule, type Violation } from "./validation-error.ts";

export const str = (v: unknown): string | undefined => (v === undefined || v === "" ? undefined : String(v));
export const strList = (v: unknown): string[] => (Array.isArray(v) ? v.map(String) : []);

/** Tags as sent: Tags.member.N.Key/Value. */
export function tagsParam(v: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  if (!Array.isArray(v)) return out;
  for (const t of v as { Key?: unknown; Value?: unknown }[])
    out[String(t.Key)] = t.Value === undefined ? "" : String(t.Value);
  return out;
}

// https://docs.aws.amazon.com/IAM/latest/APIReference/API_CreateRole.html
export const RULES = {
  roleName: { required: true, min: 1, max: 64, pattern: [/^[\w+=,.@-]+$/, "[\\w+=,.@-]+"] },
  userName: { required: true, min: 1, max: 64, pattern: [/^[\w+=,.@-]+$/, "[\\w+=,.@-]+"] },
  policyName: { required: true, min: 1, max: 128, pattern: [/^[\w+=,.@-]+$/, "[\\w+=,.@-]+"] },
  path: {
    min: 1,
    max: 512,
    pattern: [/^(?:\/|\/[\u0021-\u007E]+\/)$/, "(\\u002F)|(\\u002F[\\u0021-\\u007E]+\\u002F)"],
  },
  policyDocument: {
    required: true,
    min: 1,
    max: 131072,
    pattern: [/^[\t\n\r\u0020-\u00FF]+$/, "[\\u0009\\u000A\\u000D\\u0020-\\u00FF]+"],
  },
  policyArn: { required: true, min: 20, max: 2048 },
  description: { max: 1000 },
} satisfies Record<string, StringRule>;

export function check(
  out: Violation[],
  member: keyof typeof RULES,
  value: unknown,
  as: string = member,
): void {
  checkString(out, as, value, RULES[member] as StringRule);
}

/** IAM counts policy sizes without whitespace. */
export const policySize = (doc: string) => doc.replace(/\s/g, "").length;

/** IAM returns policy documents URL-encoded (RFC 3986). */
export const encodeDocument = (doc: string | object) =>
  encodeURIComponent(typeof doc === "string" ? doc : JSON.stringify(doc));
