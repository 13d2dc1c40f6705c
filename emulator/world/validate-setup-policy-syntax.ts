/**
 * IAM answers a malformed policy with `Syntax errors in policy.` or `The policy failed legacy
 * parsing` and nothing more; the emulator's API keeps those texts as AWS sends them. A setup file
 * is not the API: here the problem is pinned to the element that triggers it and the message says
 * what a good value looks like. Mirrors the checks of policy/parse-policy.ts that give those two
 * messages.
 *
 * Known gaps: when a document has several such problems only the first is named (as IAM stops
 * at the first).
 */
import { splitOperator } from "../../policy/condition-operators.ts";
import { POLICY_ELEMENTS, STATEMENT_ELEMENTS } from "../../policy/parse-policy.ts";

export interface SyntaxElement {
  path: (string | number)[];
  hint: string;
}

const TOP_LEVEL: readonly string[] = POLICY_ELEMENTS;
const STATEMENT_KEYS: readonly string[] = STATEMENT_ELEMENTS;

const isRecord = (v: unknown): v is Record<string, unknown> =>
  typeof v === "object" && v !== null && !Array.isArray(v);

const shown = (v: unknown) => JSON.stringify(v)?.slice(0, 60) ?? String(v);

function stringListProblem(
  v: unknown,
  path: (string | number)[],
  example: string,
): SyntaxElement | undefined {
  const list = Array.isArray(v) ? v : [v];
  if (list.length === 0) return { path, hint: `an empty list; expected ${example}` };
  const bad = list.findIndex((x) => typeof x !== "string");
  if (bad >= 0)
    return {
      path: Array.isArray(v) ? [...path, bad] : path,
      hint: `${shown(list[bad])} is not text; expected ${example}`,
    };
  return undefined;
}

function statementProblem(raw: unknown, path: (string | number)[]): SyntaxElement | undefined {
  if (!isRecord(raw))
    return { path, hint: `expected a statement mapping with Effect, Action, …, got ${shown(raw)}` };
  const unknown = Object.keys(raw).find((k) => !STATEMENT_KEYS.includes(k));
  if (unknown)
    return {
      path: [...path, unknown],
      hint: `unknown statement element "${unknown}"; expected one of ${STATEMENT_KEYS.join(", ")}`,
    };
  if (raw.Effect !== undefined && raw.Effect !== "Allow" && raw.Effect !== "Deny")
    return {
      path: [...path, "Effect"],
      hint: `${shown(raw.Effect)}; expected "Allow" or "Deny" (capitalised)`,
    };
  if (raw.Sid !== undefined && typeof raw.Sid !== "string")
    return { path: [...path, "Sid"], hint: `${shown(raw.Sid)}; expected text such as AllowAssumeRole` };
  for (const [a, b] of [
    ["Action", "NotAction"],
    ["Resource", "NotResource"],
    ["Principal", "NotPrincipal"],
  ] as const)
    if (raw[a] !== undefined && raw[b] !== undefined)
      return { path: [...path, b], hint: `${a} and ${b} together; a statement takes one of them` };
  for (const [key, example] of [
    ["Action", 'an action such as "sts:AssumeRole" or a list of them'],
    ["NotAction", 'an action such as "sts:AssumeRole" or a list of them'],
    ["Resource", 'an ARN such as "arn:aws:s3:::bucket/*", "*", or a list of them'],
    ["NotResource", 'an ARN such as "arn:aws:s3:::bucket/*", "*", or a list of them'],
  ] as const)
    if (raw[key] !== undefined) {
      const problem = stringListProblem(raw[key], [...path, key], example);
      if (problem) return problem;
    }
  if (raw.Condition !== undefined) return conditionProblem(raw.Condition, [...path, "Condition"]);
  return undefined;
}

function conditionProblem(raw: unknown, path: (string | number)[]): SyntaxElement | undefined {
  const example = 'e.g. Condition: { StringEquals: { "sts:ExternalId": "my-id" } }';
  if (!isRecord(raw)) return { path, hint: `expected a mapping of operators, ${example}` };
  for (const [operator, block] of Object.entries(raw)) {
    const parts = splitOperator(operator);
    if (!parts) continue;
    if (!isRecord(block))
      return {
        path: [...path, operator],
        hint: `expected a mapping of condition keys to values, ${example}`,
      };
    for (const [key, value] of Object.entries(block)) {
      const values = Array.isArray(value) ? value : [value];
      if (values.length === 0)
        return { path: [...path, operator, key], hint: `an empty list; expected a value, ${example}` };
      const bad = values.findIndex((v) => !["string", "number", "boolean"].includes(typeof v));
      if (bad >= 0)
        return {
          path: [...path, operator, key],
          hint: `${shown(values[bad])}; expected text, a number or true/false`,
        };
      if (parts.baseOperator.startsWith("Arn")) {
        const notArn = values.find(
          (v) => typeof v === "string" && v !== "*" && !v.startsWith("arn:") && !v.startsWith("${"),
        );
        if (notArn !== undefined)
          return {
            path: [...path, operator, key],
            hint: `${shown(notArn)} is not an ARN; ${operator} compares ARNs, e.g. "arn:aws:iam::111111111111:role/my-role" (or use StringEquals)`,
          };
      }
    }
  }
  return undefined;
}

/** The element behind a syntax or legacy-parsing rejection of `doc`, if it can be named. */
export function policySyntaxElement(doc: string | object): SyntaxElement | undefined {
  let raw: unknown = doc;
  if (typeof doc === "string") {
    try {
      raw = JSON.parse(doc);
    } catch (error) {
      return {
        path: [],
        hint: `not JSON (${(error as Error).message}); expected a JSON object with Version and Statement`,
      };
    }
  }
  if (!isRecord(raw)) return { path: [], hint: "expected a mapping with Version and Statement" };
  const unknown = Object.keys(raw).find((k) => !TOP_LEVEL.includes(k));
  if (unknown)
    return {
      path: [unknown],
      hint: `unknown top-level element "${unknown}"; expected Version, Id and Statement`,
    };
  const version = raw.Version ?? "2008-10-17";
  if (version !== "2012-10-17" && version !== "2008-10-17")
    return {
      path: ["Version"],
      hint: `${shown(raw.Version)}; expected "2012-10-17" (quoted, so YAML keeps it text)`,
    };
  if (raw.Id !== undefined && typeof raw.Id !== "string")
    return { path: ["Id"], hint: `${shown(raw.Id)}; expected text` };
  if (raw.Statement === undefined)
    return { path: [], hint: "no Statement; expected Statement: a list of statements" };
  const list = Array.isArray(raw.Statement) ? raw.Statement : [raw.Statement];
  if (list.length === 0)
    return { path: ["Statement"], hint: "an empty list; expected at least one statement" };
  for (let i = 0; i < list.length; i++) {
    const problem = statementProblem(
      list[i],
      Array.isArray(raw.Statement) ? ["Statement", i] : ["Statement"],
    );
    if (problem) return problem;
  }
  return undefined;
}
