/**
 * Pipeline step: an IncomingMessage as an EmulatorRequest of its request line and headers, with
 * its body left unread behind a BodySource (body-source.ts): authentication decides whether and
 * how much of it is read.
 */
import type { IncomingMessage } from "node:http";
import type { EmulatorRequest } from "../emulator-request.ts";
import { type BodySource, streamedBody } from "./body-source.ts";

function safeDecodePath(rawPath: string): string {
  try {
    return decodeURIComponent(rawPath);
  } catch {
    return rawPath;
  }
}

export function readRequest(message: IncomingMessage): { request: EmulatorRequest; body: BodySource } {
  const url = message.url ?? "/";
  const q = url.indexOf("?");
  const rawPath = q < 0 ? url : url.slice(0, q);
  const rawQuery = q < 0 ? "" : url.slice(q + 1);
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(message.headers)) {
    if (value !== undefined) headers[name.toLowerCase()] = Array.isArray(value) ? value.join(",") : value;
  }
  const empty = Buffer.alloc(0);
  const request: EmulatorRequest = {
    method: (message.method ?? "GET").toUpperCase(),
    rawPath,
    path: safeDecodePath(rawPath),
    rawQuery,
    query: new URLSearchParams(rawQuery),
    headers,
    body: empty,
    rawBody: empty,
    remoteAddress: message.socket.remoteAddress,
  };
  return { request, body: streamedBody(message) };
}
