import { createServer, type IncomingMessage, request, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

export type Fault = "reset-before" | "reset-after" | "503" | "throttle";

export const FAULTS: readonly Fault[] = ["reset-before", "reset-after", "503", "throttle"];

/** What a request is, as far as the plan cares: the AWS operation (or `s3 <METHOD>` for S3). */
export interface ProxiedRequest {
  operation: string;
}

export interface FaultProxy {
  endpoint: string;
  /** Decides per request; undefined forwards it untouched. */
  plan: (req: ProxiedRequest) => Fault | undefined;
  injected: { operation: string; fault: Fault }[];
  /** Changes a forwarded answer (a peer emulator's wire quirks); undefined keeps it. */
  rewrite: (operation: string, status: number, body: string) => { status: number; body: string } | undefined;
  close(): Promise<void>;
}

function operationOf(req: IncomingMessage, body: Buffer): string {
  const target = req.headers["x-amz-target"];
  if (typeof target === "string") return target.split(".").pop() ?? target;
  const action = new URLSearchParams(body.toString("utf8")).get("Action");
  if (action) return action;
  return `s3 ${req.method}`;
}

/** AWS's throttling answer in the request's protocol (JSON, query XML, S3 REST XML). */
function throttle(req: IncomingMessage, res: ServerResponse, operation: string): void {
  if (typeof req.headers["x-amz-target"] === "string") {
    res.writeHead(400, { "content-type": "application/x-amz-json-1.1" });
    res.end(JSON.stringify({ __type: "ThrottlingException", message: "Rate exceeded" }));
  } else if (operation.startsWith("s3 ")) {
    res.writeHead(503, { "content-type": "application/xml" });
    res.end("<Error><Code>SlowDown</Code><Message>Please reduce your request rate.</Message></Error>");
  } else {
    res.writeHead(400, { "content-type": "text/xml" });
    res.end(
      "<ErrorResponse><Error><Type>Sender</Type><Code>Throttling</Code><Message>Rate exceeded</Message></Error><RequestId>fault-proxy</RequestId></ErrorResponse>",
    );
  }
}

/** A proxy on 127.0.0.1 in front of `upstream` that injects the plan's faults. */
export async function startFaultProxy(upstream: string): Promise<FaultProxy> {
  const target = new URL(upstream);
  const proxy: FaultProxy = {
    endpoint: "",
    plan: () => undefined,
    injected: [],
    rewrite: () => undefined,
    close: async () => {},
  };
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      const body = Buffer.concat(chunks);
      const operation = operationOf(req, body);
      const fault = proxy.plan({ operation });
      if (fault) proxy.injected.push({ operation, fault });
      if (fault === "reset-before") return req.socket.destroy();
      if (fault === "503") {
        res.writeHead(503, { "content-type": "text/plain" });
        return res.end("Service Unavailable");
      }
      if (fault === "throttle") return throttle(req, res, operation);
      const upstreamReq = request(
        { host: target.hostname, port: target.port, method: req.method, path: req.url, headers: req.headers },
        (upstreamRes) => {
          const out: Buffer[] = [];
          upstreamRes.on("data", (c: Buffer) => out.push(c));
          upstreamRes.on("end", () => {
            if (fault === "reset-after") return req.socket.destroy();
            const status = upstreamRes.statusCode ?? 502;
            const changed = proxy.rewrite(operation, status, Buffer.concat(out).toString("utf8"));
            const headers = { ...upstreamRes.headers };
            if (changed) delete headers["content-length"];
            res.writeHead(changed?.status ?? status, headers);
            res.end(changed ? changed.body : Buffer.concat(out));
          });
        },
      );
      upstreamReq.on("error", () => req.socket.destroy());
      upstreamReq.end(body);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  proxy.endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  proxy.close = () =>
    new Promise((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    });
  return proxy;
}

/** Faults the first `times` requests of `operation` with `fault`, then forwards everything. */
export function faultFirst(operation: string, fault: Fault, times: number): FaultProxy["plan"] {
  let left = times;
  return (req) => {
    if (req.operation !== operation || left === 0) return undefined;
    left--;
    return fault;
  };
}

/** Faults the `nth` request of `operation` (1-based) and the `times - 1` after it (its retries). */
export function faultNth(operation: string, nth: number, fault: Fault, times: number): FaultProxy["plan"] {
  let seen = 0;
  return (req) => {
    if (req.operation !== operation) return undefined;
    seen++;
    return seen >= nth && seen < nth + times ? fault : undefined;
  };
}

/** A seeded plan: each request faulted with probability `rate`, never more than twice in a row per operation. */
export function faultRandomly(seed: number, rate: number): FaultProxy["plan"] {
  let state = seed >>> 0;
  const next = () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
  const streak = new Map<string, number>();
  return (req) => {
    const inRow = streak.get(req.operation) ?? 0;
    if (inRow >= 2 || next() >= rate) {
      streak.set(req.operation, 0);
      return undefined;
    }
    streak.set(req.operation, inRow + 1);
    return FAULTS[Math.floor(next() * FAULTS.length)];
  };
}
