#!/usr/bin/env node
// Runs one TypeScript file (a benchmark, a script) through tsx's loader: `node bin/run-ts.js FILE`.
import { resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { register } from "tsx/esm/api";

// Same as bin/chaincheck.js: the SDK's Node 22 notice is noise for pinned SDK versions.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= "true";
register();
const file = process.argv[2];
if (!file) {
  console.error("usage: node bin/run-ts.js FILE.ts [args…]");
  process.exitCode = 2;
} else {
  await import(pathToFileURL(resolve(file)).href);
}
