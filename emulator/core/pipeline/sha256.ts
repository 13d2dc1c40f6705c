/**
 * node:crypto-backed hash for @smithy/signature-v4 (its `ChecksumConstructor` shape: optional HMAC
 * secret, update, async digest). Faster than the pure-JS @aws-crypto implementation.
 */
import { createHash, createHmac, type Hash, type Hmac } from "node:crypto";

type Input = string | ArrayBuffer | ArrayBufferView;

function toBuffer(data: Input): Buffer {
  if (typeof data === "string") return Buffer.from(data, "utf8");
  if (ArrayBuffer.isView(data)) return Buffer.from(data.buffer, data.byteOffset, data.byteLength);
  return Buffer.from(data);
}

export class NodeSha256 {
  private readonly hash: Hash | Hmac;

  constructor(secret?: Input) {
    this.hash = secret === undefined ? createHash("sha256") : createHmac("sha256", toBuffer(secret));
  }

  update(data: Input): void {
    this.hash.update(toBuffer(data));
  }

  async digest(): Promise<Uint8Array> {
    return new Uint8Array(this.hash.digest());
  }
}

export function sha256Hex(data: Buffer | string): string {
  return createHash("sha256").update(data).digest("hex");
}
