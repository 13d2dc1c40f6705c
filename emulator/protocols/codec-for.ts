/** The codec registry: one codec per wire protocol. */
import type { Protocol } from "../core/types.ts";
import { awsQueryCodec } from "./aws-query-codec.ts";
import type { ProtocolCodec } from "./protocol-codec.ts";

const CODECS: Partial<Record<Protocol, ProtocolCodec>> = {
  awsQuery: awsQueryCodec,
};

export function codecFor(protocol: Protocol): ProtocolCodec {
  const codec = CODECS[protocol];
  if (!codec) throw new Error(`chaincheck emulator: no codec for protocol ${protocol}`);
  return codec;
}
