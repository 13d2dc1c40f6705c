/**
 * Pipeline step: build the OperationContext a handler sees, with `authorize`/`check` bound to the
 * caller. Every evaluation is recorded under the request id (world.check) for
 * GET /_chaincheck/decisions; a deny becomes the service's own AccessDenied error carrying AWS's wording.
 */

import { denyMessage } from "../../../policy/index.ts";
import type { EmulatorRequest } from "../emulator-request.ts";
import type {
  AuthorizeInput,
  Caller,
  Check,
  OperationContext,
  ServiceDefinition,
  WorldPort,
} from "../types.ts";

export interface ContextParts {
  world: WorldPort;
  caller: Caller;
  region: string;
  service: ServiceDefinition;
  operation: string;
  input: Record<string, unknown>;
  requestId: string;
  now: Date;
  request: EmulatorRequest;
}

export function buildOperationContext(parts: ContextParts): OperationContext {
  const { world, caller, service, requestId, now, request } = parts;
  const check: Check = (input) => world.check(caller, input, { requestId, time: now });
  return {
    world,
    caller,
    region: parts.region,
    service,
    operation: parts.operation,
    input: parts.input,
    requestId,
    now,
    check,
    authorize(input: AuthorizeInput) {
      const result = check(input);
      if (result.decision !== "Allow") {
        throw service.accessDenied(
          denyMessage(result, { callerArn: caller.arn, action: input.action, resource: input.resource }),
        );
      }
    },
    http: {
      method: request.method,
      path: request.path,
      query: request.query,
      headers: request.headers,
      body: request.body,
    },
  };
}

/** Run the operation's declared authorization (one or several checks) before the handler. */
export function runDeclaredAuthorization(
  ctx: OperationContext,
  declared: ReturnType<NonNullable<ServiceDefinition["operations"][string]["authorize"]>>,
): void {
  if (!declared) return;
  for (const input of Array.isArray(declared) ? declared : [declared]) ctx.authorize(input);
}
