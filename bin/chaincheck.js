#!/usr/bin/env node
// Entry point for the `chaincheck` command: runs the TypeScript CLI through tsx's loader so the
// package works from a checkout with no build step.
import { register } from "tsx/esm/api";

// The AWS SDK warns on every run under Node 20 that future SDK releases will need Node 22.
// chaincheck pins SDK versions that support Node 20, so the warning tells its users nothing they can
// act on; the SDK's own switch turns it off (a user who sets the variable keeps their choice).
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= "true";
register();
const { main } = await import("../helpers/cli/main.ts");
await main(process.argv.slice(2));
