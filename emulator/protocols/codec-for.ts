/** The codec registry: one codec per wire protocol. */
import type { Protocol } from "../core/types.ts";
import { awsJsonCodec } from "./aws-json-codec.ts";
import { awsQueryCodec } from "./aws-query-codec.ts";
import type { ProtocolCodec } from "./protocol-codec.ts";
import { restJsonCodec } from "./rest-json-codec.ts";
import { restXmlCodec } from "./rest-xml-codec.ts";

const CODECS: Record<Protocol, ProtocolCodec> = {
  awsQuery: awsQueryCodec,
  awsJson1_1: awsJsonCodec,
  restXml: restXmlCodec,
  restJson1: restJsonCodec,
};

export function codecFor(protocol: Protocol): ProtocolCodec {
  return CODECS[protocol];
}
