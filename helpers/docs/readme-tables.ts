/**
 * Tables in the README that are generated from code, so they cannot drift: the chain's links (from
 * helpers/links.ts), the common failures (from helpers/diagnosis/catalog/causes.ts), the emulator's coverage (service × operation, from the registered service
 * definitions compared with the operations of the AWS SDK v3 client for that service) and its
 * parity with recorded AWS responses (helpers/docs/parity-table.ts, from the parity suite's results).
 * `node bin/run-ts.js helpers/docs/readme-tables.ts --write` rewrites them in README.md, and the
 * cause tables of docs/contracts.md (helpers/docs/contract-tables.ts); test/docs/readme.test.ts and
 * test/docs/references.test.ts fail when either is stale.
 */
import { readFileSync, writeFileSync } from "node:fs";
import { loadSetup, loadWorld, servicesFor } from "../../emulator/index.ts";
import { causesTable } from "../diagnosis/catalog/causes.ts";
import { LINKS } from "../links.ts";
import { contractCauseTables } from "./contract-tables.ts";
import { parityTable } from "./parity-table.ts";

const SDK_CLIENT: Record<string, string> = {
  iam: "@aws-sdk/client-iam",
  sts: "@aws-sdk/client-sts",
  redshift: "@aws-sdk/client-redshift",
  "redshift-data": "@aws-sdk/client-redshift-data",
  "redshift-serverless": "@aws-sdk/client-redshift-serverless",
  secretsmanager: "@aws-sdk/client-secrets-manager",
  s3: "@aws-sdk/client-s3",
  kms: "@aws-sdk/client-kms",
  lambda: "@aws-sdk/client-lambda",
  organizations: "@aws-sdk/client-organizations",
};

export function linkTable(): string {
  const rows = LINKS.map((l, i) => `| ${i + 1} | \`${l.id}\` | ${l.title} | ${l.proves} |`);
  return ["| # | link id | link | what must hold |", "|---|---|---|---|", ...rows].join("\n");
}

async function sdkOperations(signingName: string): Promise<string[] | undefined> {
  const pkg = SDK_CLIENT[signingName];
  if (!pkg) return undefined;
  try {
    const mod = (await import(pkg)) as Record<string, unknown>;
    return Object.keys(mod)
      .filter((k) => k.endsWith("Command") && k !== "$Command")
      .map((k) => k.slice(0, -"Command".length))
      .sort();
  } catch {
    return undefined;
  }
}

export async function coverageTable(): Promise<string> {
  const seed = new URL("../../fixtures/setups/seed.yaml", import.meta.url).pathname;
  const services = servicesFor(loadWorld(loadSetup(seed)));
  const rows: string[] = [];
  for (const service of [...services].sort((a, b) => a.signingName.localeCompare(b.signingName))) {
    const implemented = Object.entries(service.operations)
      .filter(([, def]) => !def.unimplemented)
      .map(([name]) => name)
      .sort();
    const all = await sdkOperations(service.signingName);
    const missing = all ? all.filter((op) => !implemented.includes(op)).length : undefined;
    const share = all ? `${implemented.length} of ${all.length}` : `${implemented.length}`;
    rows.push(
      `| ${service.signingName} | ${service.protocol} | ${share} | ${implemented.join(", ")} | ${missing ?? "?"} |`,
    );
  }
  return [
    "| service | protocol | implemented | operations implemented | not implemented (answer 501) |",
    "|---|---|---|---|---|",
    ...rows,
  ].join("\n");
}

export function replaceBlock(text: string, name: string, body: string): string {
  const start = `<!-- generated:${name} -->`;
  const end = `<!-- /generated:${name} -->`;
  const from = text.indexOf(start);
  const to = text.indexOf(end);
  if (from < 0 || to < 0) throw new Error(`the text lacks the ${start} … ${end} markers`);
  return `${text.slice(0, from + start.length)}\n${body}\n${text.slice(to)}`;
}

export async function renderReadme(text: string): Promise<string> {
  const withLinks = replaceBlock(replaceBlock(text, "links", linkTable()), "coverage", await coverageTable());
  return replaceBlock(replaceBlock(withLinks, "causes", causesTable()), "parity", parityTable());
}

export function renderContracts(text: string): string {
  return replaceBlock(replaceBlock(text, "links", linkTable()), "causes", contractCauseTables());
}

if (process.argv[2]?.endsWith("readme-tables.ts")) {
  const path = new URL("../../README.md", import.meta.url).pathname;
  const next = await renderReadme(readFileSync(path, "utf8"));
  const contractsPath = new URL("../../docs/contracts.md", import.meta.url).pathname;
  const contracts = renderContracts(readFileSync(contractsPath, "utf8"));
  if (process.argv.includes("--write")) {
    writeFileSync(path, next);
    writeFileSync(contractsPath, contracts);
  } else console.log(next);
}
