/**
 * Requests to an emulator built by hand for SignatureV4 to sign or presign, for the tests that send
 * what an SDK client never would (a tampered query, a body that differs from its hash, a bad escape).
 * Known gaps: HTTP only (the emulator listens on plain HTTP), no chunked bodies.
 */
import { HttpRequest } from "@smithy/protocol-http";
import { SignatureV4 } from "@smithy/signature-v4";
import type { AwsCredentialIdentity } from "@smithy/types";
import { NodeSha256 } from "../../emulator/core/pipeline/sha256.ts";

export interface RequestInit {
  method: string;
  path: string;
  query?: Record<string, string>;
  headers?: Record<string, string>;
  body?: unknown;
}

/** A request to `endpoint`: its protocol, host and port, and the `host` header the signature covers. */
export function requestTo(endpoint: string, init: RequestInit): HttpRequest {
  const url = new URL(endpoint);
  return new HttpRequest({
    ...init,
    protocol: url.protocol,
    hostname: url.hostname,
    port: Number(url.port),
    headers: { host: url.host, ...init.headers },
  });
}

/** A SigV4 signer for `service` in `region`, hashing with the emulator's own SHA-256. */
export const signerFor = (credentials: AwsCredentialIdentity, region: string, service: string): SignatureV4 =>
  new SignatureV4({ credentials, region, service, sha256: NodeSha256 });
