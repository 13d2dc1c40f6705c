/**
 * The HTTP request as the pipeline sees it once the body has been read: raw path and query kept
 * (SigV4 signs the bytes the client sent), decoded forms alongside for routing.
 */
export interface EmulatorRequest {
  method: string;
  /** Path exactly as sent, still percent-encoded (what SigV4 canonicalises). */
  rawPath: string;
  /** Percent-decoded path. For S3 virtual-hosted requests the bucket is prepended (see s3-routing.ts). */
  path: string;
  /** Query string as sent, without the leading `?`. */
  rawQuery: string;
  query: URLSearchParams;
  /** Lower-cased header names; repeated headers joined with "," as node does. */
  headers: Record<string, string>;
  /** Body after transfer decoding and, for aws-chunked uploads, after chunk decoding. */
  body: Buffer;
  /** Body bytes as received (aws-chunked framing intact). */
  rawBody: Buffer;
  remoteAddress?: string;
}

/** A response ready to write: the codecs build these, the server writes them. */
export interface WireResponse {
  status: number;
  headers: Record<string, string>;
  body: Buffer | string;
}
