/**
 * The environment variables of an execution environment: the function's own, then the ones
 * Lambda defines (they win; a function may not set them), including the execution-role session's
 * credentials and AWS_ENDPOINT_URL so SDK clients in the handler call back into the emulator.
 * Nothing is inherited from the emulator's process. Never log this object: it holds credentials.
 * https://docs.aws.amazon.com/lambda/latest/dg/configuration-envvars.html#configuration-envvars-runtime
 */
import { randomBytes } from "node:crypto";
import { dirname } from "node:path";
import type { CredentialRecord } from "../../core/types.ts";
import type { LambdaFunction } from "../lambda-function.ts";
import { STATIC_LAMBDA_ENV } from "./early-runtime.js";
import type { HandlerModule } from "./handler-module.ts";

function logStreamName(now: Date): string {
  const day = now.toISOString().slice(0, 10).replaceAll("-", "/");
  return `${day}/[$LATEST]${randomBytes(16).toString("hex")}`;
}

export function functionEnvironment(
  fn: LambdaFunction,
  module: HandlerModule,
  session: CredentialRecord,
  endpoint: string | undefined,
  now: Date,
): Record<string, string> {
  return {
    ...fn.environment,
    _HANDLER: fn.handler,
    AWS_REGION: fn.region,
    AWS_DEFAULT_REGION: fn.region,
    AWS_EXECUTION_ENV: `AWS_Lambda_${fn.runtime}`,
    AWS_LAMBDA_FUNCTION_NAME: fn.name,
    AWS_LAMBDA_FUNCTION_MEMORY_SIZE: String(fn.memorySize),
    AWS_LAMBDA_FUNCTION_VERSION: "$LATEST",
    AWS_LAMBDA_INITIALIZATION_TYPE: "on-demand",
    AWS_LAMBDA_LOG_GROUP_NAME: `/aws/lambda/${fn.name}`,
    AWS_LAMBDA_LOG_STREAM_NAME: logStreamName(now),
    AWS_ACCESS_KEY_ID: session.accessKeyId,
    AWS_SECRET_ACCESS_KEY: session.secretAccessKey,
    ...(session.sessionToken ? { AWS_SESSION_TOKEN: session.sessionToken } : {}),
    ...(endpoint ? { AWS_ENDPOINT_URL: endpoint } : {}),
    LAMBDA_TASK_ROOT: module.root,
    LAMBDA_RUNTIME_DIR: dirname(new URL(import.meta.url).pathname),
    ...STATIC_LAMBDA_ENV,
  };
}
