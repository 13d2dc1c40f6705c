/**
 * Resolving a function's `Handler` to a module file and an export path, the way the Node.js runtime
 * does: `<dir>/<module>.<export>[.<nested>]`, the module looked up as `.js`, `.mjs`, `.cjs` in the code
 * root; a malformed handler is `Runtime.MalformedHandlerName: Bad handler`, a missing module
 * `Runtime.ImportModuleError: Error: Cannot find module '<module>'`.
 * https://docs.aws.amazon.com/lambda/latest/dg/nodejs-handler.html
 * (aws-lambda-nodejs-runtime-interface-client, UserFunction.js, for the error types and texts)
 *
 * chaincheck additions: TypeScript modules (`.ts`, `.mts`, `.cts`, run with tsx's loader) after the
 * JavaScript ones, and `file`/`probe` code that names the module file itself (then only the export
 * part of the handler is used).
 */
import { existsSync, statSync } from "node:fs";
import { dirname, join } from "node:path";
import type { FunctionCode } from "../lambda-function.ts";

export interface HandlerModule {
  /** Absolute path of the module to import. */
  file: string;
  /** Code root (LAMBDA_TASK_ROOT, the child's cwd). */
  root: string;
  /** `handler`, or `a.b` for nested exports. */
  exportPath: string;
  /** The module needs tsx's loader. */
  typescript: boolean;
}

export interface RuntimeError {
  errorType: string;
  errorMessage: string;
  trace: string[];
}

export class HandlerResolutionError extends Error {
  constructor(readonly runtimeError: RuntimeError) {
    super(runtimeError.errorMessage);
  }
}

const EXTENSIONS = [".js", ".mjs", ".cjs", ".ts", ".mts", ".cts"];
const TS = /\.[cm]?ts$/;

function fail(errorType: string, errorMessage: string): never {
  throw new HandlerResolutionError({
    errorType,
    errorMessage,
    trace: [`${errorType}: ${errorMessage.split("\n")[0]}`],
  });
}

export function splitHandler(handler: string): { dir: string; module: string; exportPath: string } {
  const slash = handler.lastIndexOf("/");
  const dir = slash < 0 ? "" : handler.slice(0, slash);
  const m = /^([^.]*)\.(.*)$/.exec(handler.slice(slash + 1));
  if (!m?.[1] || !m[2]) fail("Runtime.MalformedHandlerName", "Bad handler");
  return { dir, module: m[1], exportPath: m[2] };
}

/**
 * `probeHandler` is the path given to startEmulator; `code.kind === "probe"` without one throws a
 * plain Error (the caller turns it into a clear emulator error).
 */
export function resolveHandlerModule(
  code: FunctionCode,
  handler: string,
  probeHandler: string | undefined,
): HandlerModule {
  const { dir, module, exportPath } = splitHandler(handler);
  let explicit: string | undefined;
  if (code.kind === "probe") {
    if (!probeHandler) throw new Error("no probe handler");
    explicit = probeHandler;
  } else if (code.kind === "file" && existsSync(code.path) && statSync(code.path).isFile()) {
    explicit = code.path;
  }
  if (explicit) {
    if (!existsSync(explicit)) fail("Runtime.ImportModuleError", cannotFind(module));
    return { file: explicit, root: dirname(explicit), exportPath, typescript: TS.test(explicit) };
  }
  const root = code.kind === "file" ? code.path : code.kind === "probe" ? "" : code.root;
  for (const extension of EXTENSIONS) {
    const file = join(root, dir, `${module}${extension}`);
    if (existsSync(file)) return { file, root, exportPath, typescript: TS.test(file) };
  }
  fail("Runtime.ImportModuleError", cannotFind(dir ? `${dir}/${module}` : module));
}

function cannotFind(module: string): string {
  return `Error: Cannot find module '${module}'\nRequire stack:\n- /var/runtime/index.mjs`;
}
