#!/usr/bin/env node
// Entry point for the `chaincheck` command: runs the TypeScript CLI through tsx's loader so the
// package works from a checkout with no build step.
import { register } from "tsx/esm/api";

// The AWS SDK warns on every run under Node 20 that future SDK releases will need Node 22. chaincheck
// pins SDK versions that support Node 20, so the warning tells its users nothing they can act on.
const emitWarning = process.emitWarning.bind(process);
process.emitWarning = (warning, ...rest) => {
  const type = typeof rest[0] === "string" ? rest[0] : rest[0]?.type;
  if (type === "NodeVersionSupportWarning" || String(warning).includes("NodeVersionSupportWarning")) return;
  emitWarning(warning, ...rest);
};
register();
const { main } = await import("../helpers/cli/main.ts");
await main(process.argv.slice(2));
