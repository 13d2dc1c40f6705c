/**
 * Pipeline step: which service is this request for?
 *
 * Signed requests name it in the SigV4 credential scope. Unsigned ones (which will fail with the
 * service's "missing authentication" error) are matched on their shape: an X-Amz-Target prefix,
 * an awsQuery `Action` (with `Version` to tell STS, IAM and Redshift apart), a REST route.
 */

import { queryParams } from "../../protocols/aws-query-codec.ts";
import { codecFor } from "../../protocols/codec-for.ts";
import type { EmulatorRequest } from "../emulator-request.ts";
import { AwsError } from "../errors.ts";
import type { Protocol, ServiceDefinition } from "../types.ts";

/** 501 like a not-implemented operation: the harness reads it as "the target cannot check this". */
export function unknownService(signingName: string, known: readonly ServiceDefinition[]): AwsError {
  const names = known.map((s) => s.signingName).join(", ");
  return new AwsError(
    "UnknownService",
    `chaincheck emulator: no service with signing name "${signingName}" is registered (registered: ${names || "none"})`,
    { status: 501 },
  );
}

export function serviceBySigningName(
  services: readonly ServiceDefinition[],
  signingName: string,
): ServiceDefinition | undefined {
  return services.find((s) => s.signingName === signingName);
}

/** Best guess for an unsigned request; undefined when nothing matches. */
export function guessService(
  services: readonly ServiceDefinition[],
  request: EmulatorRequest,
): ServiceDefinition | undefined {
  const target = request.headers["x-amz-target"];
  if (target) {
    const prefix = target.split(".")[0];
    return services.find((s) => s.protocol === "awsJson1_1" && s.targetPrefix === prefix);
  }
  const params = queryParams(request);
  const action = params.get("Action");
  if (action) {
    const candidates = services.filter((s) => s.protocol === "awsQuery");
    const version = params.get("Version");
    return (
      candidates.find((s) => s.apiVersion === version && Object.hasOwn(s.operations, action)) ??
      candidates.find((s) => Object.hasOwn(s.operations, action)) ??
      candidates.find((s) => s.apiVersion === version)
    );
  }
  // A form POST whose body was not read (too large to read unauthenticated): awsQuery, service unknown.
  if (isFormPost(request)) return undefined;
  for (const protocol of ["restJson1", "restXml"] as const) {
    const match = services.find(
      (s) => s.protocol === protocol && codecFor(protocol).matchOperation(s, request).operation !== undefined,
    );
    if (match) return match;
  }
  return services.find((s) => s.protocol === "restXml");
}

function isFormPost(request: EmulatorRequest): boolean {
  return (
    request.method === "POST" &&
    (request.headers["content-type"] ?? "").startsWith("application/x-www-form-urlencoded")
  );
}

/** Protocol to answer in when no service could be resolved. */
export function guessProtocol(request: EmulatorRequest): Protocol {
  if (request.headers["x-amz-target"]) return "awsJson1_1";
  if (queryParams(request).has("Action") || isFormPost(request)) return "awsQuery";
  if ((request.headers["content-type"] ?? "").includes("json")) return "restJson1";
  return "restXml";
}
