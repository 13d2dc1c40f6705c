/**
 * Unsigned debug endpoints under /_chaincheck/, answered only to loopback clients:
 *   GET /_chaincheck/health     → {"status":"ok"}
 *   GET /_chaincheck/decisions  → the decision traces the world recorded (most recent last)
 * The harness must not depend on these to diagnose (docs/architecture.md); they are for people and tests.
 */
import { isLoopbackHost } from "./bind-policy.ts";
import type { EmulatorRequest, WireResponse } from "./emulator-request.ts";
import type { DecisionLogEntry } from "./types.ts";

export const DEBUG_PREFIX = "/_chaincheck/";

export interface DebugSources {
  decisions(): readonly DecisionLogEntry[];
}

function json(status: number, value: unknown): WireResponse {
  return { status, headers: { "content-type": "application/json" }, body: JSON.stringify(value) };
}

/** A client connecting from loopback (the address as the socket reports it). */
export function isLoopback(address: string | undefined): boolean {
  return address !== undefined && address !== "localhost" && isLoopbackHost(address);
}

/** undefined when the request is not for a debug route. */
export function handleDebugRoute(request: EmulatorRequest, sources: DebugSources): WireResponse | undefined {
  if (!request.rawPath.startsWith(DEBUG_PREFIX)) return undefined;
  if (!isLoopback(request.remoteAddress)) {
    return json(403, { error: "chaincheck debug endpoints answer loopback clients only" });
  }
  if (request.method !== "GET") return json(405, { error: `${request.method} not allowed; use GET` });
  const route = request.rawPath.slice(DEBUG_PREFIX.length);
  if (route === "health") return json(200, { status: "ok" });
  if (route === "decisions") return json(200, { decisions: sources.decisions() });
  return json(404, {
    error: `unknown debug route ${request.rawPath}; try /_chaincheck/health or /_chaincheck/decisions`,
  });
}
