#!/usr/bin/env node
// Entry point for the `chaincheck` command: runs the TypeScript CLI through tsx's loader so the
// package works from a checkout with no build step.
import { register } from "tsx/esm/api";

register();
const { main } = await import("../helpers/cli/main.ts");
await main(process.argv.slice(2));
