/**
 * `chaincheck matrix --from-org --template FILE`: the organization's accounts (Organizations
 * ListAccounts, helpers/cli/matrix-command.ts) through a naming template into matrix entries, one
 * per producer account (account A of its pair).
 *
 * Template (YAML or JSON):
 *
 *   environment: "{accountName}"   # each environment's name; default "{accountId}"
 *   accounts:                      # which accounts are producers; default every ACTIVE account
 *     include: "^producer-"        # a regular expression on the account name
 *     exclude: ["111111111111"]    # account ids left out (the management or warehouse account)
 *   envFile: shared.env            # optional, for every entry; relative to the matrix file
 *   concurrency: 16                # optional, copied into the matrix
 *   vars:                          # each entry's variables
 *     CHAINCHECK_LAMBDA_ROLE_ARN: "arn:aws:iam::{accountId}:role/chaincheck-lambda-role"
 *     CHAINCHECK_TARGET_ROLE_ARN: "arn:aws:iam::222222222222:role/{slug}-redshift-role"
 *     CHAINCHECK_CLUSTER_ID: "{slug}"
 *
 * Placeholders: `{accountId}`, `{accountName}`, `{slug}` (the name in lower case, every run of
 * other characters than a-z and 0-9 one `-`). Every problem is reported at once: the template's
 * field, or the account and variable whose value came out bad (checked as `chaincheck run` would).
 *
 * Known gaps: no OU filter (ListAccountsForParent); suspended accounts are always left out.
 */
import { parse as parseYaml } from "yaml";
import * as z from "zod";
import { chainValueProblem, ENVIRONMENT_NAME, type MatrixEntry, NAME_EXPECTED } from "./matrix-from-csv.ts";
import { wordedIssue } from "./zod-wording.ts";

export interface OrgAccount {
  id: string;
  name: string;
  status: string;
}

export interface MatrixTemplate {
  environment: string;
  include?: RegExp;
  exclude: string[];
  envFile?: string;
  concurrency?: number;
  vars: Record<string, string>;
}

const PLACEHOLDERS = ["accountId", "accountName", "slug"] as const;
const PLACEHOLDER = /\{([^{}]*)\}/g;

const templateSchema = z.strictObject({
  environment: z.string().min(1).default("{accountId}"),
  accounts: z
    .strictObject({
      include: z.string().min(1).optional(),
      exclude: z
        .array(z.string().regex(/^\d{12}$/, "expected a 12-digit account id such as 111111111111"))
        .default([]),
    })
    .default({ exclude: [] }),
  envFile: z.string().min(1).optional(),
  concurrency: z.number().int().min(1).max(64).optional(),
  vars: z
    .record(z.string().regex(/^[A-Z][A-Z0-9_]*$/, "expected an upper-case variable name"), z.string())
    .default({}),
});

function placeholderProblems(where: string, text: string): string[] {
  return [...text.matchAll(PLACEHOLDER)]
    .filter((m) => !(PLACEHOLDERS as readonly string[]).includes(m[1]))
    .map(
      (m) =>
        `${where}: unknown placeholder {${m[1]}}; expected ${PLACEHOLDERS.map((p) => `{${p}}`).join(", ")}`,
    );
}

export function parseTemplate(file: string, text: string, problems: string[]): MatrixTemplate | undefined {
  let raw: unknown;
  try {
    raw = parseYaml(text);
  } catch (error) {
    problems.push(`${file}: not YAML or JSON (${(error as Error).message.split("\n")[0]})`);
    return undefined;
  }
  const parsed = templateSchema.safeParse(raw ?? {}, { error: wordedIssue });
  if (!parsed.success) {
    for (const issue of parsed.error.issues)
      problems.push(`${file}: ${issue.path.map(String).join(".") || "(top)"}: ${issue.message}`);
    return undefined;
  }
  const t = parsed.data;
  const before = problems.length;
  problems.push(...placeholderProblems(`${file}: environment`, t.environment));
  if (t.envFile) problems.push(...placeholderProblems(`${file}: envFile`, t.envFile));
  for (const [name, value] of Object.entries(t.vars))
    problems.push(...placeholderProblems(`${file}: vars.${name}`, value));
  let include: RegExp | undefined;
  try {
    include = t.accounts.include === undefined ? undefined : new RegExp(t.accounts.include);
  } catch (error) {
    problems.push(
      `${file}: accounts.include: not a regular expression (${(error as Error).message}); e.g. "^producer-"`,
    );
  }
  if (problems.length > before) return undefined;
  return {
    environment: t.environment,
    include,
    exclude: t.accounts.exclude,
    envFile: t.envFile,
    concurrency: t.concurrency,
    vars: t.vars,
  };
}

export const slugOf = (name: string) =>
  name
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "");

function fill(text: string, account: OrgAccount): string {
  const values: Record<string, string> = {
    accountId: account.id,
    accountName: account.name,
    slug: slugOf(account.name),
  };
  return text.replace(PLACEHOLDER, (_, key: string) => values[key] ?? "");
}

/** The template applied to every producer account; problems name the account and the variable. */
export function matrixFromOrg(
  template: MatrixTemplate,
  accounts: readonly OrgAccount[],
  problems: string[],
): MatrixEntry[] {
  const entries: MatrixEntry[] = [];
  const seen = new Map<string, string>();
  const producers = accounts.filter(
    (a) =>
      a.status === "ACTIVE" &&
      !template.exclude.includes(a.id) &&
      (template.include === undefined || template.include.test(a.name)),
  );
  for (const account of producers) {
    const who = `account ${account.id} (${account.name})`;
    const name = fill(template.environment, account);
    let ok = true;
    if (!ENVIRONMENT_NAME.test(name)) {
      problems.push(`${who}: environment "${name}": ${NAME_EXPECTED}; change the template's environment`);
      ok = false;
    }
    const first = seen.get(name);
    if (first !== undefined) {
      problems.push(
        `${who}: environment "${name}" is also ${first}'s; make the template's environment unique, e.g. "{accountId}"`,
      );
      ok = false;
    } else seen.set(name, `account ${account.id}`);
    const vars: Record<string, string> = {};
    for (const [variable, value] of Object.entries(template.vars)) {
      vars[variable] = fill(value, account);
      const problem = chainValueProblem(variable, vars[variable]);
      if (problem) {
        problems.push(`${who}: ${variable}: ${problem}`);
        ok = false;
      }
    }
    if (!ok) continue;
    const envFile = template.envFile === undefined ? undefined : fill(template.envFile, account);
    entries.push(envFile === undefined ? { name, vars } : { name, envFile, vars });
  }
  if (problems.length === 0 && entries.length === 0)
    problems.push(
      `no account of the organization's ${accounts.length} is a producer under the template's accounts.include/exclude; loosen them`,
    );
  return entries;
}
