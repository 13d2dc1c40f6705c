/**
 * The recorded corpus as data: every recorded case (recorded/catalog.json) with the operations its
 * test calls, and the recorded answers of the cases the emulator could replay
 * (recorded/<service>.<test file>.json). Origin and licence: recorded/NOTICE.md.
 */
import { readFileSync } from "node:fs";

export interface CatalogEntry {
  service: string;
  key: string;
  file: string;
  /** `service:Operation` for every AWS call of the test, fixtures included. */
  operations: string[];
  /** What the replay would need beyond SDK calls: raw HTTP, presigned URLs, a second account, … */
  needs: string[];
  validated: boolean;
  unverifiedPaths: string[];
}

export interface RecordedCase {
  "recorded-date": string;
  "recorded-content": Record<string, unknown>;
}

const folder = new URL("../recorded/", import.meta.url);

export function readCatalog(): CatalogEntry[] {
  return JSON.parse(readFileSync(new URL("catalog.json", folder), "utf8")) as CatalogEntry[];
}

const snapshots = new Map<string, Record<string, RecordedCase>>();

export function recordedCase(entry: CatalogEntry): RecordedCase | undefined {
  const name = `${entry.service}.${entry.file.replace(/\.py$/, ".json")}`;
  let file = snapshots.get(name);
  if (!file) {
    file = JSON.parse(readFileSync(new URL(name, folder), "utf8")) as Record<string, RecordedCase>;
    snapshots.set(name, file);
  }
  return file[entry.key];
}

/** The first unimplemented operation the case needs, given the emulator's operations per service. */
export function missingOperation(
  entry: CatalogEntry,
  implemented: ReadonlyMap<string, ReadonlySet<string>>,
): string | undefined {
  return entry.operations.find((op) => {
    const [service = "", operation = ""] = op.split(":");
    return !implemented.get(service)?.has(operation);
  });
}
