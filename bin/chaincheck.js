#!/usr/bin/env -S node --
// Entry point for the `chaincheck` command: runs the TypeScript CLI through tsx's loader so the
// package works from a checkout with no build step.
//
// `node --` in the line above: Node 20 reads `--env-file` among the *script's* arguments too and
// exits 9 when the file is missing, before chaincheck could say so; after `--` Node leaves every
// argument to the script, so `chaincheck run --env-file FILE` is chaincheck's own flag (exit 2
// with chaincheck's message). `node bin/chaincheck.js …` typed by hand still meets Node's parsing:
// write `node -- bin/chaincheck.js …` there (package.json's `start` does).
import { register } from "tsx/esm/api";

// The AWS SDK warns on every run under Node 20 that future SDK releases will need Node 22.
// chaincheck pins SDK versions that support Node 20, so the warning tells its users nothing they can
// act on; the SDK's own switch turns it off (a user who sets the variable keeps their choice).
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= "true";
register();
const { main } = await import("../helpers/cli/main.ts");
const code = await main(process.argv.slice(2));
process.exitCode = code;
// Interrupted (130 / 143): the cleanups ran and the target is closed; calls of the abandoned chain
// still on the wire must not keep the process alive.
if (code === 130 || code === 143) process.exit(code);
