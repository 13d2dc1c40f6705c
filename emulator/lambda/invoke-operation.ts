/**
 * Invoke (POST /2015-03-31/functions/{FunctionName}/invocations): `RequestResponse` runs the handler
 * in an execution environment and answers 200 with its payload; a thrown error is still 200, with
 * `X-Amz-Function-Error: Unhandled` and `{"errorType","errorMessage","trace"}`; a timeout answers
 * `{"errorType":"Sandbox.Timedout","errorMessage":"RequestId: <id> Error: Task timed out after N.NN seconds"}`.
 * `Event` queues (202, the handler runs in the background), `DryRun` only checks (204).
 * `LogType: Tail` adds the last 4 KB of the log, base64, in `X-Amz-Log-Result`.
 * https://docs.aws.amazon.com/lambda/latest/api/API_Invoke.html
 * https://docs.aws.amazon.com/lambda/latest/dg/troubleshooting-invocation.html#troubleshooting-timeouts
 *
 * A function created or changed over the wire does not run on an emulator listening beyond loopback
 * unless allowed (lambda-errors.ts, wireCodeRefused).
 *
 * Known gaps: only Node.js runtimes run (others answer 501); no retries or destinations for Event
 * invocations; no resource-based policies (AddPermission), so cross-account Invoke is denied;
 * the response-size limit is not enforced. When the execution role no longer trusts Lambda at
 * Invoke time, the error text is the CreateFunction one (the real text at Invoke is unverified).
 */
import { performance } from "node:perf_hooks";
import { AwsError, notImplemented } from "../core/errors.ts";
import type { OperationContext, OperationDef } from "../core/types.ts";
import { restResult } from "../protocols/rest-result.ts";
import { executionSession } from "./execution-role.ts";
import { isNodeRuntime } from "./function-input.ts";
import { authorizeOn, type LambdaDeps, refOf, requireFunction } from "./lambda-deps.ts";
import {
  invalidRequestContent,
  requestTooLarge,
  roleNotAssumable,
  validationError,
  wireCodeRefused,
} from "./lambda-errors.ts";
import type { LambdaFunction } from "./lambda-function.ts";
import type { EnvironmentSpec } from "./runtime/environment-pool.ts";
import type { InvokeOutcome } from "./runtime/execution-environment.ts";
import { functionEnvironment } from "./runtime/function-environment.ts";
import {
  type HandlerModule,
  HandlerResolutionError,
  resolveHandlerModule,
} from "./runtime/handler-module.ts";
import { InvocationLog, timedOutSeconds } from "./runtime/invocation-log.ts";

const INVOCATION_TYPES = ["Event", "RequestResponse", "DryRun"];
const SYNC_LIMIT = 6 * 1024 * 1024;
const ASYNC_LIMIT = 1024 * 1024;

interface Execution {
  outcome: InvokeOutcome;
  log: InvocationLog;
}

function probeMissing(fn: LambdaFunction): AwsError {
  return new AwsError(
    "InternalFailure",
    `chaincheck emulator: function ${fn.name} runs the probe handler (code: { probe: true }), but the emulator ` +
      "was started without one: pass startEmulator({ probeHandler: <path of the probe handler module> })",
    { status: 501 },
  );
}

function parseClientContext(header: string | undefined): unknown {
  if (!header) return undefined;
  try {
    return JSON.parse(Buffer.from(header, "base64").toString("utf8"));
  } catch {
    return undefined;
  }
}

/** How a new execution environment of `fn` is made: built only on a cold start (it mints the
 *  execution role's credentials). */
function environmentSpec(deps: LambdaDeps, fn: LambdaFunction, module: HandlerModule): () => EnvironmentSpec {
  return () => {
    let session: ReturnType<typeof executionSession>;
    try {
      session = executionSession(deps.world, fn);
    } catch {
      throw roleNotAssumable();
    }
    const env = functionEnvironment(fn, module, session, deps.runtime.endpoint, deps.world.clock());
    return { module, env, expiresAt: session.expiration, probe: fn.code.kind === "probe" };
  };
}

/** Starts an execution environment of `fn` ahead of its first Invoke (LambdaRuntime.prewarm): only
 *  for what Invoke would run; anything Invoke would refuse is left for it to report. */
export function prewarmFunction(deps: LambdaDeps, fn: LambdaFunction): void {
  if (!isNodeRuntime(fn.runtime) || (fn.fromWire && !deps.runtime.runWireCode)) return;
  let module: HandlerModule;
  try {
    module = resolveHandlerModule(fn.code, fn.handler, deps.runtime.probeHandler);
  } catch {
    return;
  }
  deps.runtime.pool.prewarm(fn.arn, fn.revisionId, environmentSpec(deps, fn, module));
}

/** Run one invocation end to end; throws AwsError only for problems Lambda reports as API errors. */
async function execute(
  deps: LambdaDeps,
  fn: LambdaFunction,
  payload: string,
  ctx: OperationContext,
): Promise<Execution> {
  const log = new InvocationLog(ctx.requestId, fn.memorySize);
  const started = performance.now();
  const finish = (outcome: InvokeOutcome, initDurationMs?: number, maxMemoryMb?: number): Execution => {
    const durationMs =
      outcome.kind === "timeout" ? outcome.elapsedMs : performance.now() - started - (initDurationMs ?? 0);
    log.finish({
      durationMs: Math.max(0, durationMs),
      initDurationMs,
      maxMemoryMb,
      timedOut: outcome.kind === "timeout" ? outcome.elapsedMs : undefined,
    });
    return { outcome, log };
  };
  let module: HandlerModule;
  try {
    module = resolveHandlerModule(fn.code, fn.handler, deps.runtime.probeHandler);
  } catch (error) {
    if (error instanceof HandlerResolutionError) {
      return finish({ kind: "error", error: error.runtimeError, reset: true });
    }
    throw probeMissing(fn);
  }
  const spec = environmentSpec(deps, fn, module);
  const request = {
    requestId: ctx.requestId,
    payload,
    invokedFunctionArn: fn.arn,
    clientContext: parseClientContext(ctx.http.headers["x-amz-client-context"]),
  };
  const { outcome, initDurationMs } = await deps.runtime.pool.invoke(
    fn.arn,
    fn.revisionId,
    spec,
    request,
    fn.timeout * 1000,
    log.add,
  );
  return finish(outcome, initDurationMs, outcome.kind === "timeout" ? undefined : outcome.maxMemoryMb);
}

function responsePayload(
  requestId: string,
  outcome: InvokeOutcome,
): { body: string; functionError?: string } {
  if (outcome.kind === "result") return { body: outcome.payload };
  if (outcome.kind === "timeout") {
    const errorMessage = `RequestId: ${requestId} Error: Task timed out after ${timedOutSeconds(outcome.elapsedMs)} seconds`;
    return {
      body: JSON.stringify({ errorType: "Sandbox.Timedout", errorMessage }),
      functionError: "Unhandled",
    };
  }
  return { body: JSON.stringify(outcome.error), functionError: "Unhandled" };
}

export function invokeOperation(deps: LambdaDeps): OperationDef {
  return {
    http: { method: "POST", path: "/2015-03-31/functions/{FunctionName}/invocations" },
    authorize: (ctx) => authorizeOn("lambda:InvokeFunction", refOf(ctx, ctx.input.Qualifier)),
    handler: async (ctx) => {
      // Invoke runs $LATEST when unqualified, and says so when the function is missing.
      const ref = refOf(ctx, ctx.input.Qualifier);
      const fn = requireFunction(deps, { ...ref, qualifier: ref.qualifier ?? "$LATEST" });
      const type = ctx.http.headers["x-amz-invocation-type"] ?? "RequestResponse";
      if (!INVOCATION_TYPES.includes(type)) {
        throw validationError(
          "invocationType",
          type,
          `Member must satisfy enum value set: [${INVOCATION_TYPES.join(", ")}]`,
        );
      }
      const body = ctx.http.body;
      if (body.length > (type === "Event" ? ASYNC_LIMIT : SYNC_LIMIT)) {
        throw requestTooLarge(type === "Event" ? ASYNC_LIMIT : SYNC_LIMIT);
      }
      const payload = body.toString("utf8");
      if (payload.trim() !== "") {
        try {
          JSON.parse(payload);
        } catch (error) {
          throw invalidRequestContent((error as Error).message);
        }
      }
      if (fn.fromWire && !deps.runtime.runWireCode) throw wireCodeRefused(fn.name);
      const headers = { "X-Amz-Executed-Version": "$LATEST" };
      if (type === "DryRun") return restResult({ status: 204, headers });
      if (!isNodeRuntime(fn.runtime)) throw notImplemented("lambda", `Invoke of a ${fn.runtime} function`);
      if (type === "Event") {
        deps.runtime.runInBackground(execute(deps, fn, payload, ctx));
        return restResult({ status: 202, headers: {}, body: "" });
      }
      const { outcome, log } = await execute(deps, fn, payload, ctx);
      const { body: out, functionError } = responsePayload(ctx.requestId, outcome);
      return restResult({
        status: 200,
        headers: {
          ...headers,
          "content-type": "application/json",
          ...(functionError ? { "X-Amz-Function-Error": functionError } : {}),
          ...(ctx.http.headers["x-amz-log-type"] === "Tail" ? { "X-Amz-Log-Result": log.tail() } : {}),
        },
        body: Buffer.from(out, "utf8"),
      });
    },
  };
}
