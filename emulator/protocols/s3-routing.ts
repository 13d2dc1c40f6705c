/**
 * S3 addressing: path-style (`/bucket/key`) and virtual-hosted style (`bucket.s3.<region>.localhost`,
 * `bucket.s3.amazonaws.com`, `bucket.localhost`), normalised to path style for routing.
 * https://docs.aws.amazon.com/AmazonS3/latest/userguide/VirtualHosting.html
 *
 * The SDK turns a `localhost` endpoint into virtual-hosted requests unless `forcePathStyle` is set
 * (docs/architecture.md); an IP-address Host is always path style.
 * Known gaps: access points, dual-stack and FIPS host names.
 */

/** The bucket named by a virtual-hosted Host header, or undefined for path-style hosts. */
export function bucketFromHost(host: string | undefined): string | undefined {
  if (!host) return undefined;
  const name = host.replace(/:\d+$/, "").toLowerCase();
  if (/^\d+\.\d+\.\d+\.\d+$/.test(name) || name.startsWith("[")) return undefined;
  const m =
    /^(.+?)\.s3(?:[.-][a-z0-9-]+)?\.(?:localhost|amazonaws\.com(?:\.cn)?)$/.exec(name) ??
    /^(.+)\.localhost$/.exec(name);
  if (!m || m[1] === "s3" || m[1]!.startsWith("s3.")) return undefined;
  return m[1];
}

/** Decoded path in path style: `/bucket/key` for either addressing form. */
export function toPathStyle(host: string | undefined, path: string): string {
  const bucket = bucketFromHost(host);
  if (!bucket) return path;
  return `/${bucket}${path === "/" ? "" : path}` || "/";
}

/** Split a path-style path into bucket and key (key may be empty; keys keep their slashes). */
export function splitBucketKey(path: string): { bucket?: string; key?: string } {
  const trimmed = path.replace(/^\//, "");
  if (!trimmed) return {};
  const slash = trimmed.indexOf("/");
  if (slash < 0) return { bucket: trimmed };
  return { bucket: trimmed.slice(0, slash), key: trimmed.slice(slash + 1) || undefined };
}
