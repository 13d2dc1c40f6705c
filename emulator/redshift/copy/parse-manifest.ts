/**
 * COPY manifests: `{"entries":[{"url":"s3://bucket/key","mandatory":true}, …]}`.
 * https://docs.aws.amazon.com/redshift/latest/dg/loading-data-files-using-manifest.html
 *
 * Known gaps: `meta.content_length` is read but only columnar formats need it (unsupported);
 * manifest URLs must be full object paths, no prefixes (as in Redshift).
 */
import {
  MANIFEST_ENTRIES_MISSING,
  MANIFEST_NOT_JSON,
  MANIFEST_ROOT_NOT_OBJECT,
  MANIFEST_URL_MISSING,
  RedshiftSqlError,
} from "./copy-errors.ts";

export interface ManifestEntry {
  url: string;
  bucket: string;
  key: string;
  /** Default false: a missing optional file is skipped. */
  mandatory: boolean;
  contentLength?: number;
}

export interface Manifest {
  entries: ManifestEntry[];
}

const fail = (message: string): never => {
  throw new RedshiftSqlError(message, "XX000", 8001);
};

export function parseManifest(body: Buffer | string): Manifest {
  let root: unknown;
  try {
    root = JSON.parse(typeof body === "string" ? body : body.toString("utf8"));
  } catch {
    return fail(MANIFEST_NOT_JSON);
  }
  if (typeof root !== "object" || root === null || Array.isArray(root)) return fail(MANIFEST_ROOT_NOT_OBJECT);
  const entries = (root as Record<string, unknown>).entries;
  if (!Array.isArray(entries)) return fail(MANIFEST_ENTRIES_MISSING);
  return { entries: entries.map(parseEntry) };
}

function parseEntry(raw: unknown): ManifestEntry {
  if (typeof raw !== "object" || raw === null || Array.isArray(raw)) return fail(MANIFEST_NOT_JSON);
  const entry = raw as Record<string, unknown>;
  if (typeof entry.url !== "string") return fail(MANIFEST_URL_MISSING);
  const match = /^s3:\/\/([^/]+)\/(.+)$/.exec(entry.url);
  if (!match) return fail(`Invalid manifest entry url '${entry.url}': expected s3://bucket/key`);
  if (entry.mandatory !== undefined && typeof entry.mandatory !== "boolean") return fail(MANIFEST_NOT_JSON);
  const meta = entry.meta as Record<string, unknown> | undefined;
  const contentLength = typeof meta?.content_length === "number" ? meta.content_length : undefined;
  return {
    url: entry.url,
    bucket: match[1],
    key: match[2],
    mandatory: entry.mandatory === true,
    ...(contentLength === undefined ? {} : { contentLength }),
  };
}
