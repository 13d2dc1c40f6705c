/**
 * Which S3 objects a COPY reads. Without MANIFEST, FROM is a key prefix: every key that starts
 * with it, so 'load/part' also matches 'load/part-000' and 'load/partner'
 * (https://docs.aws.amazon.com/redshift/latest/dg/copy-parameters-data-source-s3.html).
 * With MANIFEST, FROM names the manifest object itself.
 *
 * Known gaps: keys are matched as given (the caller lists the bucket); "folder" placeholder keys
 * ending in '/' are skipped because they hold no data.
 */
import type { CopyCommand } from "./copy-command.ts";
import {
  MANIFEST_REQUIRES_FULL_PATH,
  manifestMandatoryMissingMessage,
  RedshiftSqlError,
  s3PrefixNotFoundMessage,
} from "./copy-errors.ts";
import type { Manifest, ManifestEntry } from "./parse-manifest.ts";

/** Keys to read in S3 listing order, or the manifest key alone when MANIFEST is set. */
export function resolvePrefix(copy: CopyCommand, keys: string[]): string[] {
  const { prefix } = copy.source;
  if (copy.manifest) {
    if (prefix === "" || !keys.includes(prefix)) {
      throw new RedshiftSqlError(MANIFEST_REQUIRES_FULL_PATH, "XX000", 8001);
    }
    return [prefix];
  }
  const matched = keys.filter((key) => key.startsWith(prefix) && !key.endsWith("/")).sort(byUtf8);
  if (matched.length === 0) throw new RedshiftSqlError(s3PrefixNotFoundMessage(prefix), "XX000", 8001);
  return matched;
}

/**
 * Manifest entries that exist; a missing mandatory entry fails the COPY, a missing optional one
 * is skipped (docs: "mandatory … If true, COPY terminates with an error if the file isn't found").
 */
export function resolveManifestEntries(
  manifest: Manifest,
  exists: (bucket: string, key: string) => boolean,
): ManifestEntry[] {
  const found: ManifestEntry[] = [];
  for (const entry of manifest.entries) {
    if (exists(entry.bucket, entry.key)) found.push(entry);
    else if (entry.mandatory)
      throw new RedshiftSqlError(manifestMandatoryMissingMessage(entry.url), "XX000", 8001);
  }
  return found;
}

/** S3 lists keys in UTF-8 binary order, which differs from JS string order above U+FFFF. */
function byUtf8(a: string, b: string): number {
  return Buffer.compare(Buffer.from(a, "utf8"), Buffer.from(b, "utf8"));
}
