/**
 * JSON encoding shared by awsJson1_1 and restJson1. Timestamps default to epoch seconds (Smithy's
 * JSON default; the Data API's `CreatedAt` must be a number — docs/architecture.md, wire traps), blobs to
 * base64. Handlers that need another format (Lambda's ISO `LastModified` strings) return strings.
 */

export function toJsonText(value: unknown): string {
  return JSON.stringify(
    value ?? {},
    function (this: Record<string, unknown>, key: string, converted: unknown) {
      const raw = key === "" ? value : this[key];
      if (raw instanceof Date) return raw.getTime() / 1000;
      if (Buffer.isBuffer(raw) || raw instanceof Uint8Array) return Buffer.from(raw).toString("base64");
      return converted;
    },
  );
}

/** Parse a JSON request body; empty bodies are `{}`. Throws SyntaxError on malformed JSON. */
export function parseJsonBody(body: Buffer): Record<string, unknown> {
  const text = body.toString("utf8").trim();
  if (!text) return {};
  const parsed: unknown = JSON.parse(text);
  if (!parsed || typeof parsed !== "object" || Array.isArray(parsed)) {
    throw new SyntaxError("the request body must be a JSON object");
  }
  return parsed as Record<string, unknown>;
}
