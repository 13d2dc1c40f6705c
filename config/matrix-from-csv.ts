/**
 * `chaincheck matrix --from-csv FILE`: a fleet's account pairs as a CSV, one environment a row,
 * into matrix entries (config/environments.ts reads the matrix file they make).
 *
 * The first line is the header. Columns: `name` (required: the environment's name), `envFile`
 * (optional), and any chain field by its key or its variable (`targetRoleArn` or
 * `CHAINCHECK_TARGET_ROLE_ARN`, `clusterId`, `region`, …; config/chain-fields.ts), or any other
 * upper-case variable (`AWS_PROFILE`, `AWS_ENDPOINT_URL`). An empty cell leaves the variable unset,
 * so the env file or the process environment decides it. Blank lines and lines starting with `#`
 * are skipped; cells may be double-quoted (`""` for a quote inside), not spread over lines.
 *
 * Every bad row is reported at once as `FILE row R, column C: …` (R the line number in the file),
 * with what a good value looks like: a chain field is checked as `chaincheck run` checks it.
 */
import { CHAIN_ENV, chainConfigSchema, EXAMPLES } from "./chain-config.ts";

export interface MatrixEntry {
  name: string;
  envFile?: string;
  vars: Record<string, string>;
}

export const ENVIRONMENT_NAME = /^[\w.@:/-]{1,64}$/;
export const NAME_EXPECTED = "expected 1–64 of [A-Za-z0-9_.@:/-] such as producer-17";

type ChainField = keyof typeof CHAIN_ENV;
const FIELD_OF_VARIABLE = new Map<string, ChainField>(
  Object.entries(CHAIN_ENV).map(([f, v]) => [v, f as ChainField]),
);
const VARIABLE = /^[A-Z][A-Z0-9_]*$/;

/** The problem with `value` for the chain variable `variable`, or undefined (not a chain field, or fine). */
export function chainValueProblem(variable: string, value: string): string | undefined {
  const field = FIELD_OF_VARIABLE.get(variable);
  if (!field) return undefined;
  const schema = chainConfigSchema.shape[field];
  const parsed = schema.safeParse(value);
  if (parsed.success) return undefined;
  const message = parsed.error.issues[0]?.message ?? `expected a value such as ${EXAMPLES[field]}`;
  return `${message}, got "${value}"`;
}

/** One line's cells; undefined when its quotes do not close. */
function cells(line: string): string[] | undefined {
  const out: string[] = [];
  let i = 0;
  while (i <= line.length) {
    if (line[i] === '"') {
      let value = "";
      i++;
      for (;;) {
        if (i >= line.length) return undefined;
        if (line[i] === '"' && line[i + 1] === '"') {
          value += '"';
          i += 2;
        } else if (line[i] === '"') {
          i++;
          break;
        } else value += line[i++];
      }
      if (i < line.length && line[i] !== ",") return undefined;
      out.push(value);
      i++;
    } else {
      const end = line.indexOf(",", i);
      const stop = end < 0 ? line.length : end;
      out.push(line.slice(i, stop).trim());
      i = stop + 1;
    }
  }
  return out;
}

/** The header's column → the variable it sets (`name`/`envFile` kept as they are). */
function columnOf(header: string): string | undefined {
  if (header === "name" || header === "envFile") return header;
  if (header in CHAIN_ENV) return CHAIN_ENV[header as ChainField];
  if (VARIABLE.test(header)) return header;
  return undefined;
}

export function matrixFromCsv(file: string, text: string, problems: string[]): MatrixEntry[] {
  const lines = text.split(/\r?\n/).map((line, i) => ({ line, row: i + 1 }));
  const rows = lines.filter(({ line }) => line.trim() !== "" && !line.trimStart().startsWith("#"));
  const at = (row: number, column?: string) => `${file} row ${row}${column ? `, column ${column}` : ""}`;
  const [head, ...body] = rows;
  if (!head) {
    problems.push(
      `${file}: empty; expected a header line such as name,CHAINCHECK_TARGET_ROLE_ARN,CHAINCHECK_CLUSTER_ID and one line per account pair`,
    );
    return [];
  }
  const headers = cells(head.line);
  if (!headers) {
    problems.push(`${at(head.row)}: a quoted cell does not close; expected "…" with "" for a quote inside`);
    return [];
  }
  const columns = headers.map((h, i) => {
    const column = columnOf(h);
    if (!column)
      problems.push(
        `${at(head.row, `${i + 1} ("${h}")`)}: unknown column; expected name, envFile, a chain field (${Object.keys(CHAIN_ENV).slice(0, 4).join(", ")}, …) or a variable (${Object.values(CHAIN_ENV).slice(1, 3).join(", ")}, …)`,
      );
    return column;
  });
  const repeated = headers.filter((_h, i) => columns[i] && columns.indexOf(columns[i]) !== i);
  for (const h of repeated)
    problems.push(`${at(head.row, h)}: sets ${columnOf(h)} a second time; give each column once`);
  if (!columns.includes("name"))
    problems.push(
      `${at(head.row)}: no name column; expected a header such as name,CHAINCHECK_TARGET_ROLE_ARN,…`,
    );
  if (problems.length > 0) return [];
  const entries: MatrixEntry[] = [];
  const seen = new Map<string, number>();
  for (const { line, row } of body) {
    const values = cells(line);
    if (!values) {
      problems.push(`${at(row)}: a quoted cell does not close; expected "…" with "" for a quote inside`);
      continue;
    }
    if (values.length !== headers.length) {
      problems.push(
        `${at(row)}: ${values.length} cells, the header has ${headers.length}; expected one cell per column (empty for unset)`,
      );
      continue;
    }
    const entry: MatrixEntry = { name: "", vars: {} };
    let ok = true;
    values.forEach((value, i) => {
      const column = columns[i] as string;
      const where = at(row, headers[i]);
      if (column === "name") {
        if (!ENVIRONMENT_NAME.test(value)) {
          problems.push(`${where}: ${NAME_EXPECTED}, got "${value}"`);
          ok = false;
        }
        entry.name = value;
      } else if (value === "") return;
      else if (column === "envFile") entry.envFile = value;
      else {
        const problem = chainValueProblem(column, value);
        if (problem) {
          problems.push(`${where}: ${problem}`);
          ok = false;
        }
        entry.vars[column] = value;
      }
    });
    const first = seen.get(entry.name);
    if (ok && first !== undefined) {
      problems.push(
        `${at(row, headers[columns.indexOf("name")])}: "${entry.name}" is already the name on row ${first}; names must be unique`,
      );
      ok = false;
    }
    if (first === undefined) seen.set(entry.name, row);
    if (ok) entries.push(entry);
  }
  if (problems.length === 0 && entries.length === 0)
    problems.push(`${file}: a header and no rows; expected one line per account pair`);
  return entries;
}
