import { describe, expect, test } from "vitest";
import {
  loadCompletedMessage,
  loadFailedMessage,
  loadSkippedMessage,
  MANIFEST_ENTRIES_MISSING,
  MANIFEST_NOT_JSON,
  MANIFEST_REQUIRES_FULL_PATH,
  MANIFEST_ROOT_NOT_OBJECT,
  MANIFEST_URL_MISSING,
  parseCopy,
  parseManifest,
  RedshiftSqlError,
  resolveManifestEntries,
  resolvePrefix,
} from "../../../../emulator/redshift/copy/index.ts";
import { errorThrownBy } from "../../../support/files.ts";

const copyFrom = (url: string, options = "") => parseCopy(`COPY t FROM '${url}' IAM_ROLE default ${options}`);
const KEYS = [
  "load/part-001",
  "load/part-000",
  "load/partner",
  "load/",
  "other/part-000",
  "load/part/",
  "loaded",
];

describe("resolvePrefix", () => {
  test("matches every key that starts with the prefix, in S3 listing order, skipping folder markers", () => {
    expect(resolvePrefix(copyFrom("s3://b/load/part"), KEYS)).toEqual([
      "load/part-000",
      "load/part-001",
      "load/partner",
    ]);
  });

  test("matches the whole bucket for an empty prefix", () => {
    expect(resolvePrefix(copyFrom("s3://b"), ["b", "a/x"])).toEqual(["a/x", "b"]);
  });

  test("fails with Redshift's text when nothing matches", () => {
    const error = capture(() => resolvePrefix(copyFrom("s3://b/missing/part"), KEYS));
    expect(error).toBeInstanceOf(RedshiftSqlError);
    expect(error.message).toBe("The specified S3 prefix 'missing/part' does not exist");
    expect((error as RedshiftSqlError).redshiftCode).toBe(8001);
  });

  test("returns the manifest object itself when MANIFEST is given", () => {
    expect(
      resolvePrefix(copyFrom("s3://b/load/manifest.json", "MANIFEST"), [
        "load/manifest.json",
        "load/manifest.json.bak",
      ]),
    ).toEqual(["load/manifest.json"]);
  });

  test.each([["s3://b/load/manifest"], ["s3://b/load/"]])(
    "fails a MANIFEST COPY whose FROM %s is not an object",
    (url) => {
      expect(() => resolvePrefix(copyFrom(url, "MANIFEST"), ["load/manifest.json"])).toThrow(
        MANIFEST_REQUIRES_FULL_PATH,
      );
    },
  );
});

describe("parseManifest", () => {
  test("reads entries with mandatory defaulting to false", () => {
    const manifest = parseManifest(
      JSON.stringify({
        entries: [
          { url: "s3://b/load/a", mandatory: true },
          { url: "s3://other/x/y.gz", meta: { content_length: 42 } },
        ],
      }),
    );
    expect(manifest.entries).toEqual([
      { url: "s3://b/load/a", bucket: "b", key: "load/a", mandatory: true },
      { url: "s3://other/x/y.gz", bucket: "other", key: "x/y.gz", mandatory: false, contentLength: 42 },
    ]);
  });

  test.each([
    ["{entries:", MANIFEST_NOT_JSON],
    ["[]", MANIFEST_ROOT_NOT_OBJECT],
    ['"text"', MANIFEST_ROOT_NOT_OBJECT],
    ["{}", MANIFEST_ENTRIES_MISSING],
    ['{"entries":[{"mandatory":true}]}', MANIFEST_URL_MISSING],
    ['{"entries":[{"url":"s3://b/k","mandatory":"yes"}]}', MANIFEST_NOT_JSON],
    [
      '{"entries":[{"url":"https://b/k"}]}',
      "Invalid manifest entry url 'https://b/k': expected s3://bucket/key",
    ],
  ])("rejects %s", (body, message) => {
    expect(() => parseManifest(Buffer.from(body))).toThrow(message);
  });

  test("uses Redshift's exact manifest texts", () => {
    expect(MANIFEST_URL_MISSING).toBe(
      "Manifest file is not in expected format - 'url' field missing. Please check the user documentation for the correct format of manifest file during copy command.",
    );
    expect(MANIFEST_REQUIRES_FULL_PATH).toBe(
      "COPY with MANIFEST parameter requires full path of an S3 object",
    );
  });
});

describe("resolveManifestEntries", () => {
  const manifest = parseManifest(
    JSON.stringify({
      entries: [
        { url: "s3://b/a", mandatory: true },
        { url: "s3://b/optional-missing" },
        { url: "s3://c/z", mandatory: false },
      ],
    }),
  );
  const store = new Set(["b/a", "c/z"]);

  test("keeps existing entries and skips missing optional ones", () => {
    const found = resolveManifestEntries(manifest, (bucket, key) => store.has(`${bucket}/${key}`));
    expect(found.map((e) => e.url)).toEqual(["s3://b/a", "s3://c/z"]);
  });

  test("fails when a mandatory entry is missing", () => {
    expect(() => resolveManifestEntries(manifest, (bucket) => bucket === "c")).toThrow(
      "Manifest file entry 's3://b/a' is mandatory but the S3 object does not exist",
    );
  });
});

describe("statement messages", () => {
  test("load failure has two spaces before Check", () => {
    expect(loadFailedMessage("sales")).toBe(
      "Load into table 'sales' failed.  Check 'stl_load_errors' system table for details.",
    );
  });

  test("load summaries match Redshift's INFO and warning texts", () => {
    expect(loadCompletedMessage("customer", 112497)).toBe(
      "Load into table 'customer' completed, 112497 record(s) loaded successfully.",
    );
    expect(loadSkippedMessage("customer", 7)).toBe(
      "Load into table 'customer' completed, 7 record(s) could not be loaded.  Check 'stl_load_errors' system table for details.",
    );
  });
});

const capture = errorThrownBy;
