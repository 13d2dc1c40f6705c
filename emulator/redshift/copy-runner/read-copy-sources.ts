/**
 * Reads what a COPY loads — the prefix's objects, or the manifest and its entries, plus a JSONPaths
 * file — through the S3 model as the resolved session (`readObjectsAs`: bucket policies, KMS,
 * regions and object ownership apply as to any caller), in the region COPY sends requests to (the
 * cluster's, or the REGION option).
 * https://docs.aws.amazon.com/redshift/latest/dg/copy-usage_notes-access-permissions.html
 *
 * S3 failures read as Redshift prints them (docs/failures.md L5-06, L5-09, L5-10, §6):
 *   S3ServiceException:<S3 message>,Status <status>,Error <code>,Rid <id>,ExtRid <id>,CanRetry 1
 * with DETAIL code 8001 and, as context, `Listing bucket=<b> prefix=<p>` for the listing
 * (location s3_utility.cpp:840, as in a public InvalidAccessKeyId transcript) or `S3 key being read :
 * s3://<b>/<k>` for an object (table_s3_scanner.cpp:354). An SSE-KMS object whose key the session
 * may not use is S3's AccessDenied on that object (L5-08: no separate KMS text). An empty prefix is
 * `The specified S3 prefix '<p>' does not exist` (context empty, s3_utility.cpp:539).
 * A manifest that cannot be read is `COPY with MANIFEST parameter requires full path of an S3
 * object` (L5-07, also for a 403); a manifest in another region reads "Problem reading manifest
 * file - S3ServiceException:…" (spark-redshift README transcript).
 *
 * Known gaps: "CanRetry 1" is used for every status (seen for 403 and 301); the listing location
 * for 301/404 is assumed to be the 403 one; manifest entries are read per bucket in entry order.
 */
import type { Caller } from "../../core/types.ts";
import { type ReadFailure, readObjectsAs } from "../../s3/index.ts";
import type { World } from "../../world/world.ts";
import {
  type CopyCommand,
  type LoadObject,
  MANIFEST_REQUIRES_FULL_PATH,
  parseManifest,
  RedshiftSqlError,
  resolveManifestEntries,
  resolvePrefix,
  s3PrefixNotFoundMessage,
} from "../copy/index.ts";
import type { RedshiftDetail } from "./copy-failure.ts";

/** A read failure with Redshift's message and DETAIL fields. */
export class SourceFailure extends Error {
  constructor(
    message: string,
    readonly detail?: RedshiftDetail,
  ) {
    super(message);
    this.name = "SourceFailure";
  }
}

export interface ReadRequest {
  world: World;
  caller: Caller;
  copy: CopyCommand;
  region: string;
  requestId: string;
}

export interface CopySources {
  objects: LoadObject[];
  jsonPaths?: Buffer;
}

export function s3ServiceException(f: {
  message: string;
  status: number;
  code: string;
  requestId: string;
  extendedRequestId: string;
}): string {
  return `S3ServiceException:${f.message},Status ${f.status},Error ${f.code},Rid ${f.requestId},ExtRid ${f.extendedRequestId},CanRetry 1`;
}

const listing = (bucket: string, prefix: string): RedshiftDetail => ({
  code: 8001,
  context: `Listing bucket=${bucket} prefix=${prefix}`,
  location: "s3_utility.cpp:840",
});

const reading = (bucket: string, key: string): RedshiftDetail => ({
  code: 8001,
  context: `S3 key being read : s3://${bucket}/${key}`,
  location: "table_s3_scanner.cpp:354",
});

function failureOf(f: ReadFailure, prefix: string): SourceFailure {
  if (f.kind === "prefix-empty") {
    return new SourceFailure(s3PrefixNotFoundMessage(prefix), {
      code: 8001,
      context: "",
      location: "s3_utility.cpp:539",
    });
  }
  const key = "key" in f ? f.key : undefined;
  const detail = key === undefined ? listing(f.bucket, prefix) : reading(f.bucket, key);
  return new SourceFailure(s3ServiceException(f), detail);
}

function read(req: ReadRequest, bucket: string, selection: { prefix: string } | { keys: string[] }) {
  return readObjectsAs(req.world, req.caller, {
    bucket,
    region: req.region,
    requestId: req.requestId,
    ...selection,
  });
}

export function readCopySources(req: ReadRequest): CopySources {
  const { copy } = req;
  const objects = copy.manifest ? readManifest(req) : readPrefix(req);
  const jsonPaths =
    copy.format.kind === "json" && copy.format.mode === "jsonpaths"
      ? readJsonPaths(req, copy.format.jsonPathsUrl)
      : undefined;
  return { objects, ...(jsonPaths ? { jsonPaths } : {}) };
}

function readPrefix(req: ReadRequest): LoadObject[] {
  const { bucket, prefix } = req.copy.source;
  const got = read(req, bucket, { prefix });
  if (!got.ok) throw failureOf(got.failure, prefix);
  let keys: string[];
  try {
    keys = resolvePrefix(
      req.copy,
      got.objects.map((o) => o.key),
    );
  } catch (error) {
    if (error instanceof RedshiftSqlError) throw failureOf({ kind: "prefix-empty" } as ReadFailure, prefix);
    throw error;
  }
  const byKey = new Map(got.objects.map((o) => [o.key, o]));
  return keys.map((key) => ({ key, body: byKey.get(key)!.body, bucket }));
}

function readManifest(req: ReadRequest): LoadObject[] {
  const { bucket, prefix } = req.copy.source;
  const got = read(req, bucket, { keys: [prefix] });
  if (!got.ok) {
    const f = got.failure;
    if (f.kind === "wrong-region" || f.kind === "no-such-bucket") {
      throw new SourceFailure(
        `Problem reading manifest file - ${s3ServiceException(f)}`,
        reading(bucket, prefix),
      );
    }
    throw new SourceFailure(MANIFEST_REQUIRES_FULL_PATH, reading(bucket, prefix));
  }
  const manifest = parseManifest(got.objects[0].body);
  const store = req.world.s3;
  const entries = resolveManifestEntries(manifest, (b, k) => store.get(b)?.objects.has(k) ?? false);
  const out: LoadObject[] = [];
  for (const entry of entries) {
    const one = read(req, entry.bucket, { keys: [entry.key] });
    if (!one.ok) throw failureOf(one.failure, entry.key);
    out.push({ key: entry.key, body: one.objects[0].body, bucket: entry.bucket });
  }
  return out;
}

function readJsonPaths(req: ReadRequest, url: string): Buffer | undefined {
  const match = /^s3:\/\/([^/]+)\/(.+)$/.exec(url);
  if (!match) return undefined;
  const got = read(req, match[1], { keys: [match[2]] });
  if (!got.ok) throw failureOf(got.failure, match[2]);
  return got.objects[0].body;
}
