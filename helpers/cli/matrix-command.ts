/**
 * `chaincheck matrix --from-org --template FILE | --from-csv FILE [--output FILE]`: writes the
 * matrix file of `chaincheck run --matrix` for a fleet of account pairs, from the organization's
 * accounts through a naming template (config/matrix-from-org.ts) or from a CSV of pairs
 * (config/matrix-from-csv.ts). The matrix goes to `--output` (YAML) or stdout.
 *
 * `--from-org` calls Organizations ListAccounts only (read-only) with the SDK's credential chain,
 * as the management account; `--endpoint` (or AWS_ENDPOINT_URL) points it at another target such as
 * `chaincheck emulator`. Exit codes: 0 written, 2 a bad flag, template or row (every problem at
 * once, each naming its file, row and column or the account), 3 Organizations could not be read
 * (not in an organization, not the management account, no permission, unreachable).
 */
import { readFileSync } from "node:fs";
import { stringify } from "yaml";
import { ConfigError } from "../../config/chain-config.ts";
import { type MatrixEntry, matrixFromCsv } from "../../config/matrix-from-csv.ts";
import { matrixFromOrg, type OrgAccount, parseTemplate } from "../../config/matrix-from-org.ts";
import { outputPathProblem } from "../../config/output-paths.ts";
import { writeFileWhole } from "../../config/write-whole.ts";
import { TargetUnavailableError } from "../targets/target-types.ts";
import { parseFlags } from "./parse-flags.ts";
import { UsageError } from "./usage-error.ts";

function readText(flag: string, file: string, problems: string[]): string | undefined {
  try {
    return readFileSync(file, "utf8");
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    problems.push(`${flag}: ${code === "ENOENT" ? `no such file ${file}` : `cannot read ${file} (${code})`}`);
    return undefined;
  }
}

/** Every account of the caller's organization (ListAccounts, all pages). */
async function organizationAccounts(endpoint: string | undefined, region: string): Promise<OrgAccount[]> {
  const { OrganizationsClient, paginateListAccounts } = await import("@aws-sdk/client-organizations");
  const client = new OrganizationsClient({ region, ...(endpoint ? { endpoint } : {}) });
  const accounts: OrgAccount[] = [];
  try {
    for await (const page of paginateListAccounts({ client }, {}))
      for (const a of page.Accounts ?? [])
        accounts.push({ id: a.Id ?? "", name: a.Name ?? a.Id ?? "", status: a.Status ?? "ACTIVE" });
  } catch (error) {
    const e = error as Error & { $metadata?: { httpStatusCode?: number }; code?: string };
    const why =
      e.name === "AWSOrganizationsNotInUseException"
        ? "; the credentials' account is in no organization: use --from-csv, or the management account's credentials"
        : e.name === "AccessDeniedException"
          ? "; ListAccounts needs the management account (or a delegated administrator) and organizations:ListAccounts"
          : "";
    throw new TargetUnavailableError(
      `matrix --from-org: Organizations ListAccounts failed: ${e.name}: ${e.message}${why}`,
    );
  } finally {
    client.destroy();
  }
  return accounts;
}

function matrixText(entries: MatrixEntry[], source: string, concurrency?: number): string {
  const body = stringify(
    concurrency === undefined ? { environments: entries } : { concurrency, environments: entries },
  );
  return `# chaincheck matrix, written by chaincheck matrix ${source}: ${entries.length} environments\n${body}`;
}

export async function runMatrixCommand(args: string[]): Promise<number> {
  const { values, positionals } = parseFlags(args, {
    "from-org": { type: "boolean" },
    "from-csv": { type: "string" },
    template: { type: "string" },
    output: { type: "string" },
    endpoint: { type: "string" },
    region: { type: "string" },
  });
  if (positionals.length > 0)
    throw new UsageError(
      `matrix takes flags only, got "${positionals[0]}"; e.g. chaincheck matrix --from-csv pairs.csv`,
    );
  const fromOrg = values["from-org"] === true;
  const csv = values["from-csv"];
  if (fromOrg === (csv !== undefined))
    throw new UsageError(
      "matrix: give one source: --from-org --template FILE (the organization's accounts) or --from-csv FILE (a CSV of pairs)",
    );
  if (fromOrg && values.template === undefined)
    throw new UsageError(
      "--from-org: needs --template FILE naming each account's roles and cluster, e.g. --template fleet-template.yaml",
    );
  if (!fromOrg && values.template !== undefined)
    throw new UsageError("--template applies to --from-org; a CSV names every value in its columns");
  const problems: string[] = [];
  if (values.output !== undefined) {
    const problem = outputPathProblem({
      name: "--output",
      path: values.output,
      example: "fleet-matrix.yaml",
    });
    if (problem) problems.push(problem);
  }
  if (csv !== undefined) {
    const text = readText("--from-csv", csv, problems);
    const entries = text === undefined ? [] : matrixFromCsv(csv, text, problems);
    if (problems.length > 0) throw new ConfigError(problems);
    return write(matrixText(entries, `--from-csv ${csv}`), values.output);
  }
  const file = values.template as string;
  const text = readText("--template", file, problems);
  const template = text === undefined ? undefined : parseTemplate(file, text, problems);
  if (problems.length > 0 || !template) throw new ConfigError(problems);
  const region = values.region ?? process.env.AWS_REGION ?? "us-east-1";
  const endpoint = values.endpoint ?? process.env.AWS_ENDPOINT_URL;
  let accounts: OrgAccount[];
  try {
    accounts = await organizationAccounts(endpoint, region);
  } catch (error) {
    if (!(error instanceof TargetUnavailableError)) throw error;
    console.error(`chaincheck: ${error.message}`);
    return 3;
  }
  const entries = matrixFromOrg(template, accounts, problems);
  if (problems.length > 0) throw new ConfigError(problems);
  return write(matrixText(entries, `--from-org --template ${file}`, template.concurrency), values.output);
}

function write(text: string, output: string | undefined): number {
  if (output === undefined) process.stdout.write(text);
  else {
    writeFileWhole(output, text);
    console.error(`chaincheck: wrote ${output}`);
  }
  return 0;
}
