/**
 * When a condition decides a denial, say which: the condition's operator and key, the value the
 * policy wants and the value the request carried (or that it carried none). Two cases, from the
 * policy engine's explanation: an explicit Deny whose conditions held, and Allow statements that
 * matched everything but a condition.
 *
 * A condition on a key the harness cannot know for the real request (the organization keys,
 * aws:SourceVpce, aws:SourceIp from inside AWS) is named with where its value comes from and the
 * read that would show it, never as "absent from the request".
 *
 * Known gaps: names the first failing condition of an Allow only (the engine stops there).
 */
import type { Explanation, NamedPolicy, RequestContextKeys } from "../../../policy/index.ts";

type ConditionBlock = Record<string, Record<string, unknown>>;

function documentOf(p: NamedPolicy): object {
  return (typeof p.document === "string" ? JSON.parse(p.document) : p.document) as object;
}

function conditionOf(policies: readonly NamedPolicy[], name: string, index: number): ConditionBlock {
  const policy = policies.find((p) => p.name === name);
  if (!policy) return {};
  const s = (documentOf(policy) as { Statement?: unknown }).Statement;
  const list = (Array.isArray(s) ? s : [s]) as { Condition?: ConditionBlock }[];
  return list[index]?.Condition ?? {};
}

function lookup<T>(record: Record<string, T>, key: string): T | undefined {
  const found = Object.keys(record).find((k) => k.toLowerCase() === key.toLowerCase());
  return found === undefined ? undefined : record[found];
}

const quoted = (values: unknown) =>
  ([] as unknown[])
    .concat(values)
    .map((v) => `"${String(v)}"`)
    .join(" or ");

/** Keys the real request carries but the diagnosis cannot know, and the read that would show them. */
const UNSEEN: Record<string, string> = {
  "aws:principalorgid":
    "it is the principal's organization id: organizations:DescribeOrganization in the principal's account shows it",
  "aws:principalorgpaths":
    "it is the principal's organization path: organizations:ListParents for the principal's account shows its OU",
  "aws:resourceorgid":
    "it is the resource owner's organization id: organizations:DescribeOrganization in the owner's account shows it",
  "aws:resourceorgpaths":
    "it is the resource owner's organization path: organizations:ListParents for the owner's account shows its OU",
  "aws:sourcevpce": "it is the VPC endpoint the real request went through",
  "aws:sourcevpc": "it is the VPC the real request came from",
  "aws:sourceip": "it is the address the real request came from",
};

function sent(context: RequestContextKeys, key: string): string {
  const value = lookup(context, key);
  if (value !== undefined) return `${key} ${quoted(value)}`;
  const unseen = UNSEEN[key.toLowerCase()];
  return unseen ? `no ${key} chaincheck can see (${unseen})` : `no ${key} at all`;
}

const label = (policyName: string, sid: string | undefined) =>
  sid ? `${policyName} (statement ${sid})` : policyName;

export function conditionNotes(
  explanation: Explanation,
  policies: readonly NamedPolicy[],
  context: RequestContextKeys,
): string[] {
  const denied = explanation.deniedBy;
  if (denied) {
    const deny = explanation.statements.find(
      (s) => s.effect === "Deny" && s.applies && s.policyName === denied.policyName,
    );
    if (!deny) return [];
    const notes: string[] = [];
    for (const [operator, keys] of Object.entries(
      conditionOf(policies, deny.policyName, deny.statementIndex),
    ))
      for (const [key, wanted] of Object.entries(keys))
        notes.push(
          `The Deny in ${label(deny.policyName, deny.statementSid)} applies because its condition ${operator} ${key} ${quoted(wanted)} holds: the request carried ${sent(context, key)}.`,
        );
    return notes;
  }
  const notes: string[] = [];
  for (const s of explanation.statements) {
    if (s.effect !== "Allow" || !s.action || !s.resource || s.principal === false || !s.failedCondition)
      continue;
    const [operator, key] = s.failedCondition.split(" ");
    if (!operator || !key) continue;
    const wanted = lookup(lookup(conditionOf(policies, s.policyName, s.statementIndex), operator) ?? {}, key);
    notes.push(
      `${label(s.policyName, s.statementSid)} would allow it, but its condition ${operator} ${key} wants ${wanted === undefined ? "a value" : quoted(wanted)} and the request carried ${sent(context, key)}.`,
    );
  }
  return notes;
}
