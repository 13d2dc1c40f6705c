/**
 * The emulator's HTTP transport: one node:http server on loopback (elsewhere only when allowed,
 * bind-policy.ts) that runs every request through
 * the pipeline (pipeline/handle-request.ts). `close()` destroys idle keep-alive sockets so nothing
 * keeps the process alive afterwards.
 *
 * GET /_chaincheck/decisions lists the world's own decision log (WorldPort.listDecisions).
 */
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo, Socket } from "node:net";
import { assertBindAllowed } from "./bind-policy.ts";
import { handleDebugRoute } from "./debug-routes.ts";
import type { WireResponse } from "./emulator-request.ts";
import { handleRequest } from "./pipeline/handle-request.ts";
import { readRequest } from "./pipeline/read-request.ts";
import type { ServiceDefinition, WorldPort } from "./types.ts";

export interface EmulatorServerOptions {
  world: WorldPort;
  services: ServiceDefinition[];
  /** Default 127.0.0.1. Anything but loopback needs `allowRemote` (bind-policy.ts). */
  host?: string;
  /** Listen on a non-loopback host. The caller takes care of keys and code (startEmulator does). */
  allowRemote?: boolean;
  /** Default 0 (an ephemeral port). */
  port?: number;
  log?: (line: string) => void;
  clock?: () => Date;
}

export interface EmulatorServer {
  /** http://host:port, ready for an SDK client's `endpoint`. */
  endpoint: string;
  port: number;
  close(): Promise<void>;
  [Symbol.asyncDispose](): Promise<void>;
}

export async function createEmulatorServer(options: EmulatorServerOptions): Promise<EmulatorServer> {
  const host = options.host ?? "127.0.0.1";
  assertBindAllowed(host, options.allowRemote ?? false);
  const log = options.log ?? (() => {});
  const clock = options.clock ?? (() => new Date());
  const world = options.world;
  const pipeline = { world, services: options.services, clock, log };
  const debug = { decisions: () => world.listDecisions() };

  const sockets = new Set<Socket>();
  const server = createServer((req, res) => {
    void serve(req, res).catch((error: unknown) => {
      log(`transport error: ${error instanceof Error ? error.message : String(error)}`);
      if (!res.headersSent) res.writeHead(500);
      res.end();
    });
  });

  async function serve(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const { request, body } = readRequest(req);
    const response = handleDebugRoute(request, debug) ?? (await handleRequest(pipeline, request, body));
    write(res, response, request.method === "HEAD");
  }

  server.on("connection", (socket) => {
    sockets.add(socket);
    socket.on("close", () => sockets.delete(socket));
  });

  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port ?? 0, host, () => {
      server.off("error", reject);
      resolve();
    });
  });
  const port = (server.address() as AddressInfo).port;
  const endpoint = `http://${host.includes(":") ? `[${host}]` : host}:${port}`;

  let closing: Promise<void> | undefined;
  const close = () => {
    closing ??= new Promise<void>((resolve, reject) => {
      server.close((error) => (error ? reject(error) : resolve()));
      for (const socket of sockets) socket.destroy();
      server.closeAllConnections();
    });
    return closing;
  };
  log(`chaincheck emulator listening on ${endpoint}`);
  return { endpoint, port, close, [Symbol.asyncDispose]: close };
}

function write(res: ServerResponse, response: WireResponse, head: boolean): void {
  const body = typeof response.body === "string" ? Buffer.from(response.body, "utf8") : response.body;
  res.sendDate = !Object.keys(response.headers).some((h) => h.toLowerCase() === "date");
  res.statusCode = response.status;
  for (const [name, value] of Object.entries(response.headers)) res.setHeader(name, value);
  if (!res.hasHeader("content-length")) res.setHeader("content-length", head ? 0 : body.length);
  res.end(head ? undefined : body);
}
