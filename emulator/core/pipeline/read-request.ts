/**
 * Pipeline step: read an IncomingMessage into an EmulatorRequest (whole body buffered; the
 * emulator's payloads are small).
 */
import type { IncomingMessage } from "node:http";
import type { EmulatorRequest } from "../emulator-request.ts";

export async function readBody(message: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of message) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

function safeDecodePath(rawPath: string): string {
  try {
    return decodeURIComponent(rawPath);
  } catch {
    return rawPath;
  }
}

export async function readRequest(message: IncomingMessage): Promise<EmulatorRequest> {
  const url = message.url ?? "/";
  const q = url.indexOf("?");
  const rawPath = q < 0 ? url : url.slice(0, q);
  const rawQuery = q < 0 ? "" : url.slice(q + 1);
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(message.headers)) {
    if (value !== undefined) headers[name.toLowerCase()] = Array.isArray(value) ? value.join(",") : value;
  }
  const body = await readBody(message);
  return {
    method: (message.method ?? "GET").toUpperCase(),
    rawPath,
    path: safeDecodePath(rawPath),
    rawQuery,
    query: new URLSearchParams(rawQuery),
    headers,
    body,
    rawBody: body,
    remoteAddress: message.socket.remoteAddress,
  };
}
