/**
 * The recorded corpus as data: every recorded case (recorded/catalog.json) with the operations its
 * test calls, and the recorded answers of the cases the emulator could replay
 * (recorded/<service>.<test file>.json). Origin and licence: recorded/NOTICE.md. Recordings made
 * with `chaincheck record` (recorded-local/, same format, service `chain`) are read beside them.
 */
import { existsSync, readFileSync } from "node:fs";

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
  /** Read from recorded-local/ (a `chaincheck record` recording). */
  local?: boolean;
}

export interface RecordedCase {
  "recorded-date": string;
  "recorded-content": Record<string, unknown>;
  /** `chaincheck record`: the setup describing the recorded account, relative to the repository. */
  replay?: { setup: string };
}

const folder = new URL("../recorded/", import.meta.url);
export const LOCAL_FOLDER = new URL("../recorded-local/", import.meta.url);

export function readCatalog(): CatalogEntry[] {
  const read = (dir: URL) => JSON.parse(readFileSync(new URL("catalog.json", dir), "utf8")) as CatalogEntry[];
  const local = existsSync(new URL("catalog.json", LOCAL_FOLDER))
    ? read(LOCAL_FOLDER).map((e) => ({ ...e, local: true }))
    : [];
  return [...read(folder), ...local];
}

const snapshots = new Map<string, Record<string, RecordedCase>>();

export function recordedCase(entry: CatalogEntry): RecordedCase | undefined {
  const name = `${entry.service}.${entry.file.replace(/\.py$/, ".json")}`;
  const url = new URL(name, entry.local ? LOCAL_FOLDER : folder);
  let file = snapshots.get(url.href);
  if (!file) {
    file = JSON.parse(readFileSync(url, "utf8")) as Record<string, RecordedCase>;
    snapshots.set(url.href, file);
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
