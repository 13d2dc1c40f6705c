/**
 * Route matching for the REST protocols: an operation's `http: { method, path }` where path is a
 * Smithy URI pattern — `{Label}` is one path segment, `{Label+}` the rest of the path, and a
 * `?name` or `?name=value` suffix must be present in the query (S3's `/{Bucket}?policy`).
 * https://smithy.io/2.0/spec/http-bindings.html#http-trait
 *
 * The most specific match wins (literal segments, then query requirements), so `/{Bucket}?policy`
 * beats `/{Bucket}`. The SDK's S3 `x-id=<Operation>` query parameter decides ties.
 */
import type { EmulatorRequest } from "../core/emulator-request.ts";
import type { ServiceDefinition } from "../core/types.ts";
import type { OperationMatch } from "./protocol-codec.ts";

export interface RouteMatch {
  operation: string;
  labels: Record<string, string>;
}

interface Scored extends RouteMatch {
  score: number;
}

function matchPattern(
  pattern: string,
  path: string,
  query: URLSearchParams,
): Omit<Scored, "operation"> | undefined {
  const [pathPattern = "/", queryPattern] = pattern.split("?", 2);
  let score = 0;
  if (queryPattern) {
    for (const requirement of queryPattern.split("&")) {
      const [name = "", value] = requirement.split("=", 2);
      if (!query.has(name) || (value !== undefined && query.get(name) !== value)) return undefined;
      score += 5;
    }
  }
  const want = pathPattern.split("/").filter(Boolean);
  const all = path.split("/").slice(1);
  // A trailing slash does not add a segment ("/bucket/" is "/bucket"), except inside a greedy label.
  const have = all.length > 0 && all[all.length - 1] === "" ? all.slice(0, -1) : all;
  const labels: Record<string, string> = {};
  for (let i = 0; i < want.length; i++) {
    const segment = want[i]!;
    const label = /^\{(\w+)(\+?)\}$/.exec(segment);
    if (label?.[2]) {
      const rest = all.slice(i).join("/");
      if (!rest) return undefined;
      labels[label[1]!] = rest;
      return { labels, score: score + i * 10 };
    }
    const actual = have[i];
    if (actual === undefined || actual === "") return undefined;
    if (label) labels[label[1]!] = actual;
    else if (actual !== segment) return undefined;
    else score += 10;
  }
  if (have.length !== want.length) return undefined;
  return { labels, score: score + want.length };
}

/** The best matching operation of `service` for this request, or undefined. */
export function matchRoute(service: ServiceDefinition, request: EmulatorRequest): RouteMatch | undefined {
  const hinted = request.query.get("x-id");
  let best: Scored | undefined;
  for (const [operation, def] of Object.entries(service.operations)) {
    if (!def.http || def.http.method.toUpperCase() !== request.method) continue;
    const m = matchPattern(def.http.path, request.path, request.query);
    if (!m) continue;
    const score = m.score + (hinted === operation ? 1000 : 0);
    if (!best || score > best.score) best = { operation, labels: m.labels, score };
  }
  return best && { operation: best.operation, labels: best.labels };
}

/** Query parameters as plain input members (first value wins; repeated ones become arrays). */
/** ProtocolCodec.matchOperation for both REST protocols: the route table decides. */
export function matchRestOperation(service: ServiceDefinition, request: EmulatorRequest): OperationMatch {
  return {
    operation: matchRoute(service, request)?.operation,
    requested: `${request.method} ${request.path}`,
  };
}

export function queryMembers(query: URLSearchParams): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const key of new Set(query.keys())) {
    if (key === "x-id") continue;
    const values = query.getAll(key);
    out[key] = values.length > 1 ? values : values[0];
  }
  return out;
}
