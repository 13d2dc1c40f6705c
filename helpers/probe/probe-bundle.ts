/**
 * The probe's deployment package: helpers/probe/handler.ts and everything it imports (the link
 * checks, the AWS SDK clients, zod, the policy engine) bundled by esbuild into one `index.mjs`,
 * zipped with fflate. Bundling the SDK rather than relying on the one in Lambda's runtime pins the
 * exact client versions the harness was tested with.
 *
 * Known gaps: no source maps in the package (stack traces in CloudWatch point into the bundle).
 */
import { zipSync } from "fflate";

export const PROBE_HANDLER = "index.handler";
export const PROBE_RUNTIME = "nodejs20.x";

/** The bundled probe module as text. */
export async function bundleProbe(): Promise<string> {
  const { build } = await import("esbuild");
  const result = await build({
    entryPoints: [new URL("./handler.ts", import.meta.url).pathname],
    bundle: true,
    platform: "node",
    format: "esm",
    target: "node20",
    write: false,
    minify: true,
    legalComments: "none",
    logLevel: "silent",
    // Bundled CommonJS dependencies call require() for Node built-ins; an ES module has none.
    banner: {
      js: "import { createRequire as __chaincheckRequire } from 'node:module'; const require = __chaincheckRequire(import.meta.url);",
    },
  });
  return result.outputFiles[0].text;
}

/** The zip Lambda receives: `index.mjs` at the root, so the handler is `index.handler`. */
export async function buildProbeZip(): Promise<Uint8Array> {
  const source = await bundleProbe();
  // A fixed timestamp keeps the zip (and so CodeSha256) identical for identical code.
  return zipSync({
    "index.mjs": [new TextEncoder().encode(source), { mtime: new Date("2020-01-01T00:00:00Z") }],
  });
}
