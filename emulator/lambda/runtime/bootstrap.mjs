// The Node.js runtime inside a chaincheck execution environment (a child process of the emulator).
// Plain JavaScript so a JavaScript handler starts without tsx; TypeScript handlers get tsx's loader
// through the parent's execArgv. Talks to the parent over the IPC channel only:
//   parent → child  { type: "invoke", requestId, payload, deadlineMs, invokedFunctionArn, clientContext }
//   child → parent  { type: "ready" } | { type: "init-error", error } | { type: "log", line }
//                   { type: "result", requestId, payload, maxMemoryMb } | { type: "error", requestId, error, maxMemoryMb }
//                   { type: "fatal", error }  (then the process exits, as the runtime does)
// Behaviour follows the AWS Node.js runtime: console lines as "<ISO>\t<requestId>\t<LEVEL>\t<text>"
// (https://docs.aws.amazon.com/lambda/latest/dg/nodejs-logging.html), async and callback handlers
// (https://docs.aws.amazon.com/lambda/latest/dg/nodejs-handler.html), errors as
// { errorType, errorMessage, trace } and Runtime.* error types for init failures. Paths in error
// texts read as Lambda's: the code root as /var/task, this runtime as /var/runtime/index.mjs
// (https://docs.aws.amazon.com/lambda/latest/dg/nodejs-exceptions.html), never the host's.
import { fileURLToPath, pathToFileURL } from "node:url";
import { format } from "node:util";

// `--preload FILE EXPORT` (early-runtime.js, for the project's own probe bundle only): the module is
// imported at once, and the function's environment and code root arrive afterwards in one
// `{ type: "init", env, cwd }` message; messages to the parent wait for it. Otherwise the
// environment is the process's own from its start.
const preload = process.argv[2] === "--preload";
const [file, exportPath] = process.argv.slice(preload ? 3 : 2);
let held = preload ? [] : undefined;
let HOST_PATHS = [];
let handlerName = "";

/** Where the code lives and what the handler is called: read from the function's environment. */
function settleEnvironment() {
  const taskRoot = process.env.LAMBDA_TASK_ROOT ?? process.cwd();
  HOST_PATHS = [
    [import.meta.url, "file:///var/runtime/index.mjs"],
    [fileURLToPath(import.meta.url), "/var/runtime/index.mjs"],
    [`${pathToFileURL(taskRoot).href}/`, "file:///var/task/"],
    [`${taskRoot}/`, "/var/task/"],
  ];
  handlerName = process.env._HANDLER ?? "";
}

/** The init message, listened for from the start (a message with no listener would be lost). */
function receiveInit() {
  return new Promise((resolve) => {
    const onMessage = (message) => {
      if (message?.type !== "init") return;
      process.off("message", onMessage);
      resolve(message);
    };
    process.on("message", onMessage);
  });
}

/** The function's environment replaces the start's, and its code root becomes the cwd. */
function applyInit(message) {
  for (const key of Object.keys(process.env)) delete process.env[key];
  Object.assign(process.env, message.env);
  process.chdir(message.cwd);
}

/** A text with the host's paths of the code and of this runtime as Lambda shows them. */
function inLambdaPaths(text) {
  let out = String(text);
  for (const [host, lambda] of HOST_PATHS) out = out.split(host).join(lambda);
  return out;
}
let currentRequestId;

function send(message) {
  if (held) held.push(message);
  else if (process.connected) process.send(message);
}

function toRuntimeError(error) {
  if (
    error instanceof Error ||
    (error && typeof error === "object" && "message" in error && "name" in error)
  ) {
    const stack = typeof error.stack === "string" ? error.stack : `${error.name}: ${error.message}`;
    return {
      errorType: String(error.name),
      errorMessage: inLambdaPaths(error.message),
      trace: inLambdaPaths(stack).split("\n"),
    };
  }
  return { errorType: typeof error, errorMessage: String(error), trace: [] };
}

const LEVELS = { log: "INFO", info: "INFO", warn: "WARN", error: "ERROR", debug: "DEBUG", trace: "TRACE" };
for (const [method, level] of Object.entries(LEVELS)) {
  console[method] = (...args) => {
    send({
      type: "log",
      line: `${new Date().toISOString()}\t${currentRequestId}\t${level}\t${format(...args)}`,
    });
  };
}

function logInvokeError(error) {
  console.error(
    "Invoke Error \t%s",
    JSON.stringify({ errorType: error.errorType, errorMessage: error.errorMessage, stack: error.trace }),
  );
}

function maxMemoryMb() {
  return Math.ceil(process.memoryUsage().rss / (1024 * 1024));
}

process.on("disconnect", () => process.exit(0));
process.on("uncaughtException", (error) => {
  const runtimeError = toRuntimeError(error);
  logInvokeError(runtimeError);
  send({ type: "fatal", error: runtimeError });
  process.exit(129);
});
process.on("unhandledRejection", (reason) => {
  const inner = toRuntimeError(reason);
  const runtimeError = {
    errorType: "Runtime.UnhandledPromiseRejection",
    errorMessage: `${inner.errorType}: ${inner.errorMessage}`,
    trace: [
      `Runtime.UnhandledPromiseRejection: ${inner.errorType}: ${inner.errorMessage}`,
      ...inner.trace.slice(1),
    ],
  };
  logInvokeError(runtimeError);
  send({ type: "fatal", error: runtimeError });
  process.exit(128);
});

let handler;
let imported = import(pathToFileURL(file).href);
if (preload) {
  // The import settles first, then the environment is applied: the module never sees a variable of
  // the function, whenever the emulator's init message comes.
  const init = receiveInit();
  imported = imported.then(
    (mod) => ({ mod }),
    (error) => ({ error }),
  );
  await imported;
  applyInit(await init);
  settleEnvironment();
  const queued = held;
  held = undefined;
  for (const message of queued) send(message);
  imported = imported.then(({ mod, error }) => (error ? Promise.reject(error) : mod));
} else settleEnvironment();
try {
  const mod = await imported;
  const lookup = (root) => exportPath.split(".").reduce((value, key) => value?.[key], root);
  handler = lookup(mod) ?? lookup(mod.default);
  if (typeof handler !== "function") {
    const message = `${handlerName} is undefined or not exported`;
    send({
      type: "init-error",
      error: {
        errorType: "Runtime.HandlerNotFound",
        errorMessage: message,
        trace: [`Runtime.HandlerNotFound: ${message}`],
      },
    });
    handler = undefined;
  }
} catch (error) {
  const runtimeError =
    error instanceof SyntaxError
      ? {
          errorType: "Runtime.UserCodeSyntaxError",
          errorMessage: inLambdaPaths(`SyntaxError: ${error.message}`),
          trace: inLambdaPaths(error.stack).split("\n"),
        }
      : toRuntimeError(error);
  send({ type: "init-error", error: runtimeError });
}
if (handler) send({ type: "ready" });

function contextFor(request) {
  const env = process.env;
  return {
    callbackWaitsForEmptyEventLoop: true,
    functionName: env.AWS_LAMBDA_FUNCTION_NAME,
    functionVersion: env.AWS_LAMBDA_FUNCTION_VERSION,
    invokedFunctionArn: request.invokedFunctionArn,
    memoryLimitInMB: env.AWS_LAMBDA_FUNCTION_MEMORY_SIZE,
    awsRequestId: request.requestId,
    logGroupName: env.AWS_LAMBDA_LOG_GROUP_NAME,
    logStreamName: env.AWS_LAMBDA_LOG_STREAM_NAME,
    clientContext: request.clientContext,
    getRemainingTimeInMillis: () => Math.max(0, request.deadlineMs - Date.now()),
  };
}

// Async handlers resolve; callback handlers call back. A plain function that neither returns a
// promise nor takes the callback answers null, as the runtime does when the callback never comes.
function run(request) {
  const event = request.payload === "" ? {} : JSON.parse(request.payload);
  const context = contextFor(request);
  return new Promise((resolve, reject) => {
    const callback = (error, result) => (error ? reject(error) : resolve(result));
    const returned = handler(event, context, callback);
    if (returned && typeof returned.then === "function") returned.then(resolve, reject);
    else if (handler.length < 3) setImmediate(() => resolve(null));
  });
}

process.on("message", async (request) => {
  if (request?.type !== "invoke") return;
  currentRequestId = request.requestId;
  try {
    const result = await run(request);
    send({
      type: "result",
      requestId: request.requestId,
      payload: JSON.stringify(result ?? null),
      maxMemoryMb: maxMemoryMb(),
    });
  } catch (error) {
    const runtimeError = toRuntimeError(error);
    logInvokeError(runtimeError);
    send({ type: "error", requestId: request.requestId, error: runtimeError, maxMemoryMb: maxMemoryMb() });
  }
});
