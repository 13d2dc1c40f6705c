/**
 * `chaincheck record`'s work: walk the chain once on a target (origin `local`, so every call is the
 * harness's own and can be kept), with every link's negative control — the denied variant of its
 * call — whatever the target, and keep each answer (answer-recorder.ts). The chain's calls are
 * read-only but for the COPY check's scratch table, which the link creates and always drops.
 *
 * What is written is in the recorded corpus's format (test/parity/recorded/NOTICE.md):
 * `chain.chaincheck-record.json` keyed `ChainRecording::<target>[<function>]`, each case with
 * `recorded-date`, `recorded-content` (answers normalised and redacted, normalise-answers.ts) and
 * `replay` (the setup describing the recorded account, when given), and an entry in `catalog.json`
 * with the operations the run called. The parity suite (test/parity/) replays each case against
 * the embedded emulator seeded from that setup.
 *
 * Known gaps: only origin `local` is recorded (the `lambda-probe` origin's calls happen inside the
 * function); diagnosis reads are not recorded (they are not the chain's calls).
 */
import { existsSync, mkdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import type { AwsCredentialIdentity } from "@smithy/types";
import { writeFileWhole } from "../../config/write-whole.ts";
import { runChain } from "../chain/runner.ts";
import type { Report } from "../report/types.ts";
import type { OpenTarget } from "../targets/target-types.ts";
import { RecordedAnswers } from "./answer-recorder.ts";
import { Normaliser } from "./normalise-answers.ts";

export const RECORDING_FILE = "chain.chaincheck-record.json";
export const CATALOG_FILE = "catalog.json";
/** Where `chaincheck record` writes when no --output is given: the parity suite's own corpus. */
export const DEFAULT_RECORDING_DIR = "test/parity/recorded-local";

export interface ChainRun {
  report: Report;
  /** Answers as they came, by name, in call order (secrets included: never write these). */
  answers: Map<string, unknown>;
  operations: string[];
}

/** Walks the chain on `open` with every negative control, keeping each answer. */
export async function runRecordedChain(open: OpenTarget): Promise<ChainRun> {
  const store = new RecordedAnswers();
  const report = await runChain({ ...open, origin: "local", recorderFor: store.recorderFor, controls: true });
  return { report, answers: store.answers, operations: [...store.operations].sort() };
}

const SECRET_MEMBERS = new Set(["SecretAccessKey", "SessionToken", "DbPassword", "Password", "SecretString"]);

/** Every secret value an answer carries, to redact wherever else it appears. */
function secretsIn(value: unknown, found: string[] = []): string[] {
  if (Array.isArray(value)) for (const v of value) secretsIn(v, found);
  else if (value !== null && typeof value === "object" && !(value instanceof Date)) {
    for (const [k, v] of Object.entries(value)) {
      if (SECRET_MEMBERS.has(k) && typeof v === "string") found.push(v);
      else secretsIn(v, found);
    }
  }
  return found;
}

export interface Recording {
  key: string;
  date: Date;
  content: Record<string, unknown>;
  operations: string[];
  validated: boolean;
  /** The setup describing the recorded account (a path the replay can open), when given. */
  setup?: string;
}

export function recordingOf(
  run: ChainRun,
  open: OpenTarget,
  options: { setup?: string; now?: Date } = {},
): Recording {
  const tester = open.testerCredentials as AwsCredentialIdentity | undefined;
  const known = [
    ...secretsIn([...run.answers.values()]),
    ...(tester && typeof tester === "object" ? [tester.secretAccessKey, tester.sessionToken ?? ""] : []),
  ];
  const normaliser = new Normaliser(known);
  const content: Record<string, unknown> = {};
  for (const [name, answer] of run.answers) content[name] = normaliser.value(answer);
  return {
    key: `ChainRecording::${open.target}[${open.config.functionName}]`,
    date: options.now ?? new Date(),
    content,
    operations: run.operations,
    validated: open.target === "aws",
    ...(options.setup ? { setup: options.setup } : {}),
  };
}

/** "25-11-2025, 02:28:15", as the corpus dates its recordings. */
function recordedDate(date: Date): string {
  const p = (n: number) => String(n).padStart(2, "0");
  return `${p(date.getUTCDate())}-${p(date.getUTCMonth() + 1)}-${date.getUTCFullYear()}, ${p(date.getUTCHours())}:${p(date.getUTCMinutes())}:${p(date.getUTCSeconds())}`;
}

function readJson<T>(file: string, fallback: T): T {
  return existsSync(file) ? (JSON.parse(readFileSync(file, "utf8")) as T) : fallback;
}

/** Why `dir` cannot take a recording (checked before the chain runs), or undefined when it can. */
export function recordingDirProblem(dir: string): string | undefined {
  if (!existsSync(dir)) return undefined;
  if (!statSync(dir).isDirectory())
    return `--output: ${dir} is a file; expected a folder for the recording (e.g. --output ${DEFAULT_RECORDING_DIR})`;
  for (const name of [RECORDING_FILE, CATALOG_FILE]) {
    const file = join(dir, name);
    try {
      readJson(file, undefined);
    } catch {
      return `--output: ${file} is not JSON, so the recording cannot be added to it; expected a folder whose ${name} was written by chaincheck record (e.g. --output ${DEFAULT_RECORDING_DIR})`;
    }
  }
  return undefined;
}

/** Adds (or replaces) the recording in `dir`'s recording file and catalog. Returns the files written. */
export function writeRecording(dir: string, recording: Recording): string[] {
  mkdirSync(dir, { recursive: true });
  const file = join(dir, RECORDING_FILE);
  const cases = readJson<Record<string, unknown>>(file, {});
  cases[recording.key] = {
    "recorded-date": recordedDate(recording.date),
    "recorded-content": recording.content,
    ...(recording.setup ? { replay: { setup: recording.setup } } : {}),
  };
  const catalogFile = join(dir, CATALOG_FILE);
  const catalog = readJson<{ key: string }[]>(catalogFile, []).filter((e) => e.key !== recording.key);
  catalog.push({
    service: "chain",
    key: recording.key,
    file: RECORDING_FILE.slice("chain.".length),
    operations: recording.operations,
    needs: recording.setup ? [] : ["a setup describing the recorded account (record --setup)"],
    validated: recording.validated,
    unverifiedPaths: [],
  } as { key: string });
  writeFileWhole(file, `${JSON.stringify(cases, null, 2)}\n`);
  writeFileWhole(catalogFile, `${JSON.stringify(catalog, null, 1)}\n`);
  return [file, catalogFile];
}
