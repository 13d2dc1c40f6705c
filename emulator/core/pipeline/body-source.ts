/**
 * The request body, read only when the pipeline asks for it and never past a limit: the server
 * authenticates on headers first (authenticate.ts), so an unauthenticated 200 MB upload is answered
 * without its bytes ever being kept. Bytes past the limit, and bodies never asked for, are read and
 * dropped by node once the response is sent (the connection stays usable); nothing is buffered.
 */
import type { IncomingMessage } from "node:http";
import type { AwsError } from "../errors.ts";

export interface BodySource {
  /** Content-Length as declared, when the client sent one. */
  readonly declaredLength: number | undefined;
  /** The whole body; rejects with `tooLarge()` as soon as it is (or is declared) over `limit` bytes. */
  read(limit: number, tooLarge: () => AwsError): Promise<Buffer>;
}

/** A body already in memory (requests built by tests or other callers). */
export function bufferedBody(body: Buffer): BodySource {
  return {
    declaredLength: body.length,
    read: async (limit, tooLarge) => {
      if (body.length > limit) throw tooLarge();
      return body;
    },
  };
}

export function streamedBody(message: IncomingMessage): BodySource {
  const header = message.headers["content-length"];
  const declared = header !== undefined && /^\d+$/.test(header) ? Number(header) : undefined;
  let reading: Promise<Buffer> | undefined;
  return {
    declaredLength: declared,
    read(limit, tooLarge) {
      if (declared !== undefined && declared > limit) return Promise.reject(tooLarge());
      reading ??= new Promise<Buffer>((resolve, reject) => {
        const chunks: Buffer[] = [];
        let total = 0;
        let over = false;
        message.on("data", (chunk: Buffer) => {
          if (over) return;
          total += chunk.length;
          if (total > limit) {
            over = true;
            chunks.length = 0;
            reject(tooLarge());
            return;
          }
          chunks.push(chunk);
        });
        message.once("end", () => {
          if (!over) resolve(Buffer.concat(chunks, total));
        });
        message.once("error", reject);
      });
      return reading;
    },
  };
}
