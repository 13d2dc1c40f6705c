/**
 * The `chain` section: what the harness checks, the same fields for a setup file's `chain:` block
 * and for real accounts' environment variables (docs/contracts.md). Validated once, before any AWS call;
 * every bad, missing or contradictory value is reported at once, by name, with an example of a
 * good value.
 *
 * Known gaps: a setup's chain is held to the same formats as the environment's, so a scenario
 * cannot use a deliberately malformed ARN to reach AWS's own error; function names are checked
 * for shape only (a function ARN's region and account are not compared with the chain's).
 */
import * as z from "zod";
import { CHAIN_ENV, EXAMPLES } from "./chain-fields.ts";

export { CHAIN_ENV, EXAMPLES } from "./chain-fields.ts";

/** A string field: "required" when absent, `expected` (with the example) when malformed. */
function text(field: keyof typeof EXAMPLES, expected: string) {
  return z.string({
    error: (issue) =>
      issue.input === undefined
        ? `required; e.g. ${EXAMPLES[field]}`
        : `${expected}, e.g. ${EXAMPLES[field]}`,
  });
}

const ROLE_ARN = /^arn:aws[a-z-]*:iam::\d{12}:role\/[\w+=,.@/-]{1,512}$/;
/** A role ARN with a 12-digit account (what STS can resolve to a role). */
export function isWellFormedRoleArn(arn: string): boolean {
  return ROLE_ARN.test(arn);
}

/** A role ARN whatever its account field says (checked by the run, not here). */
const ROLE_ARN_SHAPE = /^arn:aws[a-z-]*:iam::[^:/]*:role\/[\w+=,.@/-]{1,512}$/;

function roleArn(field: keyof typeof EXAMPLES) {
  return text(field, "expected a role ARN").regex(ROLE_ARN, `expected a role ARN, e.g. ${EXAMPLES[field]}`);
}

/** Session duration: whole seconds, or a number with s/m/h ("15m"), as AssumeRole allows (900–43200 s). */
export function parseDuration(raw: unknown): unknown {
  if (typeof raw !== "string") return raw;
  const match = /^\s*(\d+)\s*(s|m|h)?\s*$/i.exec(raw);
  if (!match) return raw;
  const unit = { s: 1, m: 60, h: 3600 }[(match[2] ?? "s").toLowerCase() as "s" | "m" | "h"];
  return Number(match[1]) * unit;
}

const durationMessage = `expected a session duration of 900–43200 seconds (15 min to 12 h), e.g. ${EXAMPLES.durationSeconds}`;

type Contradiction = [keyof typeof EXAMPLES, string];

/**
 * Values that are each fine but do not go together. Also run on the raw input when a field is
 * malformed (zod skips object refinements then), so one pass reports everything.
 */
function contradictions(c: Record<string, unknown>): Contradiction[] {
  const out: Contradiction[] = [];
  if (Boolean(c.clusterId) === Boolean(c.workgroupName)) {
    out.push([
      "clusterId",
      c.clusterId
        ? `set exactly one of ${CHAIN_ENV.clusterId} (provisioned) or ${CHAIN_ENV.workgroupName} (serverless), not both`
        : `set exactly one of ${CHAIN_ENV.clusterId} (provisioned, e.g. ${EXAMPLES.clusterId}) or ${CHAIN_ENV.workgroupName} (serverless, e.g. ${EXAMPLES.workgroupName})`,
    ]);
  }
  if (c.dbUser && c.secretArn)
    out.push([
      "secretArn",
      `set at most one of ${CHAIN_ENV.dbUser} or ${CHAIN_ENV.secretArn}: the Data API takes one auth mode`,
    ]);
  if (c.workgroupName && c.dbUser)
    out.push([
      "dbUser",
      `the Data API takes no DB user for a serverless workgroup; unset ${CHAIN_ENV.dbUser} (IAM identity) or use ${CHAIN_ENV.secretArn}`,
    ]);
  const secretRegion = typeof c.secretArn === "string" ? c.secretArn.split(":")[3] : undefined;
  if (secretRegion && typeof c.region === "string" && secretRegion !== c.region)
    out.push([
      "secretArn",
      `the secret is in ${secretRegion} but ${CHAIN_ENV.region} is ${c.region}; the Data API reads secrets in its own region`,
    ]);
  if (c.copySource && !c.copyRoleArn)
    out.push(["copyRoleArn", `required with ${CHAIN_ENV.copySource}; e.g. ${EXAMPLES.copyRoleArn}`]);
  if (c.copySource && !c.table)
    out.push(["table", `required with ${CHAIN_ENV.copySource}; e.g. ${EXAMPLES.table}`]);
  return out;
}

export const chainConfigSchema = z
  .object({
    region: text("region", "expected an AWS region").regex(
      /^[a-z]{2}(-[a-z]+)+-\d$/,
      `expected an AWS region, e.g. ${EXAMPLES.region}`,
    ),
    functionName: text("functionName", "expected a Lambda function name or ARN").regex(
      /^(arn:aws[a-z-]*:lambda:[a-z0-9-]+:\d{12}:function:)?[\w-]{1,64}(:[\w$-]+)?$/,
      `expected a Lambda function name or ARN, e.g. ${EXAMPLES.functionName}`,
    ),
    lambdaRoleArn: roleArn("lambdaRoleArn").optional(),
    // A role-ARN shape with an empty or malformed account (`arn:aws:iam:::role/x`, an unset template
    // variable) is left to the run: STS answers AccessDenied and link 2 reports
    // `target-role-arn-malformed` with the fix (docs/failures.md L1-03). Other shapes are config errors.
    targetRoleArn: text("targetRoleArn", "expected a role ARN").regex(
      ROLE_ARN_SHAPE,
      `expected a role ARN, e.g. ${EXAMPLES.targetRoleArn}`,
    ),
    externalId: text("externalId", "expected 2–1224 characters of [A-Za-z0-9+=,.@:/-]")
      .regex(
        /^[\w+=,.@:/-]{2,1224}$/,
        `expected 2–1224 characters of [A-Za-z0-9+=,.@:/-], e.g. ${EXAMPLES.externalId}`,
      )
      .optional(),
    sessionName: text("sessionName", "expected 2–64 characters of [A-Za-z0-9_+=,.@-]")
      .regex(
        /^[\w+=,.@-]{2,64}$/,
        `expected 2–64 characters of [A-Za-z0-9_+=,.@-], e.g. ${EXAMPLES.sessionName}`,
      )
      .default("chaincheck"),
    durationSeconds: z
      .preprocess(parseDuration, z.number({ error: durationMessage }).int(durationMessage))
      .pipe(z.number().min(900, durationMessage).max(43200, durationMessage))
      .default(900),
    clusterId: text("clusterId", "expected a cluster identifier")
      .regex(
        /^[a-z][a-z0-9-]{0,62}$/,
        `expected a cluster identifier (lower case), e.g. ${EXAMPLES.clusterId}`,
      )
      .optional(),
    workgroupName: text("workgroupName", "expected a workgroup name")
      .regex(
        /^[a-z0-9-]{3,64}$/,
        `expected a workgroup name (3–64 of a-z0-9-), e.g. ${EXAMPLES.workgroupName}`,
      )
      .optional(),
    database: text("database", "expected a database name").regex(
      /^[a-z_][\w$]{0,126}$/i,
      `expected a database name, e.g. ${EXAMPLES.database}`,
    ),
    dbUser: text("dbUser", "expected a database user name")
      .regex(/^[a-z_][\w$.@+-]{0,127}$/i, `expected a database user name, e.g. ${EXAMPLES.dbUser}`)
      .optional(),
    secretArn: text("secretArn", "expected a Secrets Manager secret ARN")
      .regex(
        /^arn:aws[a-z-]*:secretsmanager:[a-z0-9-]+:\d{12}:secret:.+$/,
        `expected a Secrets Manager secret ARN, e.g. ${EXAMPLES.secretArn}`,
      )
      .optional(),
    // The URI goes into COPY's SQL literal: no quotes, backslashes or control characters.
    copySource: text("copySource", "expected an S3 URI")
      .regex(
        /^s3:\/\/[a-z0-9][a-z0-9.-]{1,61}[a-z0-9](\/[^'\\\p{Cc}]*)?$/u,
        `expected an S3 URI without quotes, backslashes or control characters, e.g. ${EXAMPLES.copySource}`,
      )
      .optional(),
    // Redshift chains roles for COPY as a comma-separated list in IAM_ROLE.
    copyRoleArn: text("copyRoleArn", "expected a role ARN (or a comma-separated chain of them)")
      .refine(
        (v) => v.split(",").every((arn) => ROLE_ARN.test(arn)),
        `expected a role ARN (or a comma-separated chain of them), e.g. ${EXAMPLES.copyRoleArn}`,
      )
      .optional(),
    table: text("table", "expected a table name")
      .regex(/^([a-z_][\w$]*\.)?[a-z_][\w$]*$/i, `expected a table as schema.table, e.g. ${EXAMPLES.table}`)
      .optional(),
    copyOptions: z.string().default("FORMAT AS CSV"),
    scratchSchema: text("scratchSchema", "expected a schema name")
      .regex(/^[a-z_][a-z0-9_$]{0,126}$/i, `expected a schema name, e.g. ${EXAMPLES.scratchSchema}`)
      .default("public"),
  })
  .superRefine((c, ctx) => {
    for (const [field, message] of contradictions(c))
      ctx.addIssue({ code: "custom", path: [field], message });
  });

export type ChainConfig = z.output<typeof chainConfigSchema>;

export class ConfigError extends Error {
  override name = "ConfigError";
  constructor(readonly problems: string[]) {
    super(`invalid configuration:\n${problems.map((p) => `  - ${p}`).join("\n")}`);
  }
}

/** The problems of a chain section, each as "<name>: <message>" ("env" → variable names). */
export function chainConfigProblems(input: unknown, label: "setup" | "env"): string[] {
  const result = chainConfigSchema.safeParse(input);
  if (result.success) return [];
  const named = (path: readonly PropertyKey[], message: string) => {
    const field = String(path[0] ?? "");
    const name =
      label === "env" && field in CHAIN_ENV
        ? CHAIN_ENV[field as keyof typeof CHAIN_ENV]
        : `chain.${path.map(String).join(".")}`;
    return `${name}: ${message}`;
  };
  const problems = result.error.issues.map((issue) => named(issue.path, issue.message));
  const raw = input && typeof input === "object" ? (input as Record<string, unknown>) : {};
  for (const [field, message] of contradictions(raw)) problems.push(named([field], message));
  return [...new Set(problems)];
}

/** Validate a chain section; `label` says where each field came from ("env" → variable names). */
export function parseChainConfig(input: unknown, label: "setup" | "env"): ChainConfig {
  const result = chainConfigSchema.safeParse(input);
  if (result.success) return result.data;
  throw new ConfigError(chainConfigProblems(input, label));
}

/** Read the chain fields from environment variables (strings; absent or empty → undefined). */
export function chainFromEnv(env: NodeJS.ProcessEnv): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [field, variable] of Object.entries(CHAIN_ENV)) {
    const raw = env[variable];
    if (raw === undefined || raw === "") continue;
    out[field] = raw;
  }
  return out;
}
