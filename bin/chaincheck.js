#!/usr/bin/env -S node --
// Entry point for the `chaincheck` command. Runs the CLI's esbuild bundle (built on `npm ci` by the
// `prepare` script, bin/cli-bundle.js) so no TypeScript loader starts. A missing or stale bundle (a
// source newer than it) is rebuilt first; if that fails the TypeScript sources run through tsx's
// loader, so an edited checkout never runs old code.
//
// `node --` in the line above: Node 20 reads `--env-file` among the *script's* arguments too and
// exits 9 when the file is missing, before chaincheck could say so; after `--` Node leaves every
// argument to the script, so `chaincheck run --env-file FILE` is chaincheck's own flag (exit 2
// with chaincheck's message). `node bin/chaincheck.js …` typed by hand still meets Node's parsing:
// write `node -- bin/chaincheck.js …` there (package.json's `start` does).
import { basename, dirname } from "node:path";
import { pathToFileURL } from "node:url";
import { buildCliBundle, freshCliBundle } from "./cli-bundle.js";

// The AWS SDK warns on every run under Node 20 that future SDK releases will need Node 22.
// chaincheck pins SDK versions that support Node 20, so the warning tells its users nothing they can
// act on; the SDK's own switch turns it off (a user who sets the variable keeps their choice).
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= "true";

async function loadMain() {
  if (process.env.CHAINCHECK_NO_BUNDLE !== "1") {
    const entry = freshCliBundle() ?? (await buildCliBundle().catch(() => undefined));
    if (entry) {
      const cli = await import(pathToFileURL(entry).href);
      // The bundle's folder names the build: caches of derived data (the scenario list) key on it.
      cli.setCliBuild?.(basename(dirname(entry)));
      return cli.main;
    }
  }
  const { register } = await import("tsx/esm/api");
  register();
  return (await import("../helpers/cli/main.ts")).main;
}

const main = await loadMain();
const code = await main(process.argv.slice(2));
process.exitCode = code;
// Interrupted (130 / 143): the cleanups ran and the target is closed; calls of the abandoned chain
// still on the wire must not keep the process alive.
if (code === 130 || code === 143) process.exit(code);
