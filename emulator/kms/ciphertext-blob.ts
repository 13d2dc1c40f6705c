/**
 * Real encryption for the KMS API: AES-256-GCM under key material that exists only in this emulator's
 * memory (32 random bytes per key and world, made on first use; never logged, never serialized).
 *
 * AWS's ciphertext blob is opaque (it names the key, so Decrypt needs no KeyId for symmetric keys).
 * This emulator's blob is its own format, documented so that nobody mistakes it for AWS's:
 *
 *   0xCC 0x01 | u16 BE n | n bytes: key ARN (UTF-8) | 12-byte IV | ciphertext | 16-byte GCM tag
 *
 * The additional authenticated data is the header (everything up to the IV) followed by the
 * encryption context in a canonical form (pairs sorted by key, JSON), so Decrypt with a different
 * context, or a blob whose header was edited to name another key, fails authentication — what AWS
 * reports as InvalidCiphertextException.
 * https://docs.aws.amazon.com/kms/latest/developerguide/encrypt_context.html
 *
 * Known gaps: blobs do not survive the emulator (material is per process and world); no key rotation
 * (one backing key per KMS key).
 */
import { createCipheriv, createDecipheriv, randomBytes } from "node:crypto";
import type { World } from "../world/world.ts";
import { keyMaterial } from "./kms-key-store.ts";

const MAGIC = 0xcc;
const VERSION = 0x01;
const IV_BYTES = 12;
const TAG_BYTES = 16;

export type EncryptionContext = Record<string, string>;

function additionalData(header: Buffer, context: EncryptionContext): Buffer {
  const pairs = Object.entries(context).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return Buffer.concat([header, Buffer.from(JSON.stringify(pairs), "utf8")]);
}

function headerFor(keyArn: string): Buffer {
  const arn = Buffer.from(keyArn, "utf8");
  const header = Buffer.alloc(4 + arn.length);
  header[0] = MAGIC;
  header[1] = VERSION;
  header.writeUInt16BE(arn.length, 2);
  arn.copy(header, 4);
  return header;
}

export function seal(world: World, keyArn: string, plaintext: Buffer, context: EncryptionContext): Buffer {
  const header = headerFor(keyArn);
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv("aes-256-gcm", keyMaterial(world, keyArn), iv);
  cipher.setAAD(additionalData(header, context));
  const body = Buffer.concat([cipher.update(plaintext), cipher.final()]);
  return Buffer.concat([header, iv, body, cipher.getAuthTag()]);
}

export interface ParsedBlob {
  keyArn: string;
  header: Buffer;
  iv: Buffer;
  body: Buffer;
  tag: Buffer;
}

/** The blob's parts, or undefined when it is not one of this emulator's blobs. */
export function parseBlob(blob: Buffer): ParsedBlob | undefined {
  if (blob.length < 4 || blob[0] !== MAGIC || blob[1] !== VERSION) return undefined;
  const n = blob.readUInt16BE(2);
  const ivAt = 4 + n;
  if (blob.length < ivAt + IV_BYTES + TAG_BYTES) return undefined;
  return {
    keyArn: blob.subarray(4, ivAt).toString("utf8"),
    header: blob.subarray(0, ivAt),
    iv: blob.subarray(ivAt, ivAt + IV_BYTES),
    body: blob.subarray(ivAt + IV_BYTES, blob.length - TAG_BYTES),
    tag: blob.subarray(blob.length - TAG_BYTES),
  };
}

/** The plaintext, or undefined when authentication fails (wrong context, tampered blob). */
export function open(world: World, parsed: ParsedBlob, context: EncryptionContext): Buffer | undefined {
  const decipher = createDecipheriv("aes-256-gcm", keyMaterial(world, parsed.keyArn), parsed.iv);
  decipher.setAAD(additionalData(parsed.header, context));
  decipher.setAuthTag(parsed.tag);
  try {
    return Buffer.concat([decipher.update(parsed.body), decipher.final()]);
  } catch {
    return undefined;
  }
}
