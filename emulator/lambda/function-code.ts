/**
 * Deployment packages on disk. A `Code.ZipFile` is extracted (fflate) into a fresh temporary
 * directory, as Lambda unpacks it into /var/task; `inline` code from a setup is written as
 * `<module>.js` (Node detects ESM syntax itself); `file` code is used where it is. `CodeSha256` is
 * base64(SHA-256) of the package bytes and `CodeSize` its length, as Lambda reports them.
 * https://docs.aws.amazon.com/lambda/latest/dg/gettingstarted-package.html
 *
 * Known gaps: S3 (`Code.S3Bucket`) and container images are not supported; file modes in the zip
 * are ignored; the unzipped-size limit (250 MB) is not enforced.
 */
import { createHash } from "node:crypto";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, isAbsolute, join, normalize, resolve, sep } from "node:path";
import { unzipSync } from "fflate";
import { invalidParameter } from "./lambda-errors.ts";
import type { FunctionCode } from "./lambda-function.ts";

const BAD_ZIP = "Could not unzip uploaded file. Please check your file, then try to upload again.";

function digest(bytes: Buffer | string): { sha256: string; size: number } {
  const buffer = typeof bytes === "string" ? Buffer.from(bytes) : bytes;
  return { sha256: createHash("sha256").update(buffer).digest("base64"), size: buffer.length };
}

function codeDir(): string {
  return mkdtempSync(join(tmpdir(), "chaincheck-lambda-"));
}

/** Extract a zip into a new directory; refuses archives that are not zips or escape the directory. */
export function codeFromZip(zip: Buffer): FunctionCode {
  let entries: Record<string, Uint8Array>;
  try {
    entries = unzipSync(new Uint8Array(zip.buffer, zip.byteOffset, zip.length));
  } catch {
    throw invalidParameter(BAD_ZIP);
  }
  const root = codeDir();
  for (const [name, bytes] of Object.entries(entries)) {
    const target = normalize(join(root, name));
    if (isAbsolute(name) || !target.startsWith(root + sep)) {
      rmSync(root, { recursive: true, force: true });
      throw invalidParameter(BAD_ZIP);
    }
    if (name.endsWith("/")) {
      mkdirSync(target, { recursive: true });
      continue;
    }
    mkdirSync(dirname(target), { recursive: true });
    writeFileSync(target, bytes);
  }
  return { kind: "zip", root, ...digest(zip) };
}

/** Inline source (setup `code: { inline }`), written as the handler's module file. */
export function codeFromInline(source: string, handler: string): FunctionCode {
  const root = codeDir();
  const base = handler.slice(handler.lastIndexOf("/") + 1);
  const dot = base.indexOf(".");
  const modulePath = handler.slice(0, handler.lastIndexOf("/") + 1) + (dot < 0 ? base : base.slice(0, dot));
  const file = join(root, `${modulePath}.js`);
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, source);
  return { kind: "inline", root, ...digest(source) };
}

/** A handler file or code directory on disk (setup `code: { file }`, relative to the setup). */
export function codeFromFile(path: string, baseDir: string): FunctionCode {
  const absolute = resolve(baseDir, path);
  const bytes = existsSync(absolute) && statSync(absolute).isFile() ? readFileSync(absolute) : absolute;
  return { kind: "file", path: absolute, ...digest(bytes) };
}

export function probeCode(probeHandler: string | undefined): FunctionCode {
  const bytes = probeHandler && existsSync(probeHandler) ? readFileSync(probeHandler) : "chaincheck-probe";
  return { kind: "probe", ...digest(bytes) };
}

/** Remove a temporary code directory (zip and inline code). */
export function discardCode(code: FunctionCode): void {
  if (code.kind === "zip" || code.kind === "inline") rmSync(code.root, { recursive: true, force: true });
}
