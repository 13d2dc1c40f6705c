/**
 * Pipeline step: read the SigV4 parameters from the Authorization header or a presigned query.
 * The credential scope names the service (`AKID/20260101/us-east-1/sts/aws4_request`), which is
 * how the emulator routes every request on one port.
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_sigv-create-signed-request.html
 *
 * Known gaps: SigV4a (`AWS4-ECDSA-P256-SHA256`) is rejected as an incomplete signature. S3's SigV2
 * query-string authentication: sigv2-query-auth.ts.
 */
import type { EmulatorRequest } from "../emulator-request.ts";
import { AwsError } from "../errors.ts";

export interface SigV4Params {
  accessKeyId: string;
  /** yyyymmdd from the scope. */
  scopeDate: string;
  region: string;
  service: string;
  signedHeaders: string[];
  signature: string;
  /** X-Amz-Date (or the presigned X-Amz-Date), yyyymmddThhmmssZ. */
  amzDate: string;
  presigned: boolean;
  /** Presigned URLs only: X-Amz-Expires in seconds. */
  expires?: number;
  sessionToken?: string;
}

const ALGORITHM = "AWS4-HMAC-SHA256";

function incomplete(detail: string): AwsError {
  return new AwsError("IncompleteSignature", detail, { status: 400 });
}

function parseScope(
  credential: string,
): Pick<SigV4Params, "accessKeyId" | "scopeDate" | "region" | "service"> {
  const parts = credential.split("/");
  if (parts.length !== 5 || parts[4] !== "aws4_request") {
    throw incomplete(
      `Credential should be scoped to a valid region and service: ${parts.slice(1).join("/")}`,
    );
  }
  const [accessKeyId, scopeDate, region, service] = parts as [string, string, string, string];
  return { accessKeyId, scopeDate, region, service };
}

/** undefined when the request carries no SigV4 authentication at all. */
export function parseSigV4(request: EmulatorRequest): SigV4Params | undefined {
  const auth = request.headers.authorization;
  if (auth) {
    if (!auth.startsWith(`${ALGORITHM} `))
      throw incomplete(`Unsupported authorization scheme: ${auth.split(" ")[0]}`);
    const fields = new Map<string, string>();
    for (const piece of auth.slice(ALGORITHM.length + 1).split(",")) {
      const eq = piece.indexOf("=");
      if (eq > 0) fields.set(piece.slice(0, eq).trim(), piece.slice(eq + 1).trim());
    }
    const credential = fields.get("Credential");
    const signedHeaders = fields.get("SignedHeaders");
    const signature = fields.get("Signature");
    if (!credential || !signedHeaders || !signature) {
      throw incomplete(
        "Authorization header requires 'Credential', 'SignedHeaders' and 'Signature' parameters.",
      );
    }
    const amzDate = request.headers["x-amz-date"];
    if (!amzDate)
      throw incomplete(
        "Authorization header requires existence of either a 'X-Amz-Date' or a 'Date' header.",
      );
    return {
      ...parseScope(credential),
      signedHeaders: signedHeaders.split(";"),
      signature,
      amzDate,
      presigned: false,
      sessionToken: request.headers["x-amz-security-token"],
    };
  }
  const q = request.query;
  const credential = q.get("X-Amz-Credential");
  if (!credential) return undefined;
  if (q.get("X-Amz-Algorithm") !== ALGORITHM) throw incomplete("Unsupported X-Amz-Algorithm.");
  const signature = q.get("X-Amz-Signature");
  const amzDate = q.get("X-Amz-Date");
  const signedHeaders = q.get("X-Amz-SignedHeaders");
  if (!signature || !amzDate || !signedHeaders) {
    throw incomplete("Presigned URL requires X-Amz-Date, X-Amz-SignedHeaders and X-Amz-Signature.");
  }
  return {
    ...parseScope(credential),
    signedHeaders: signedHeaders.split(";"),
    signature,
    amzDate,
    presigned: true,
    expires: Number(q.get("X-Amz-Expires") ?? "0"),
    sessionToken: q.get("X-Amz-Security-Token") ?? undefined,
  };
}

/** yyyymmddThhmmssZ → Date, or undefined when malformed. */
export function parseAmzDate(value: string): Date | undefined {
  const m = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/.exec(value);
  if (!m) return undefined;
  const [, y, mo, d, h, mi, s] = m;
  return new Date(Date.UTC(Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi), Number(s)));
}
