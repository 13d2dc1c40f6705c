/**
 * What a failed copy-from-s3 link report says beyond the error text: which statement failed (the
 * `scratch-table` or the `copy` check), its Redshift query id (the check's facts), and from the
 * DETAIL block's `context:` line of AWS's error text which S3 request failed (`Listing bucket=<b> prefix=<p>` → s3:ListBucket on the bucket,
 * `S3 key being read : s3://<b>/<k>` → s3:GetObject on the object).
 *
 * Known gaps: without a DETAIL block (the Data API's Error may not carry it, docs/failures.md §8) the
 * S3 request is assumed to be the object read.
 */
import type { LinkReport } from "../../report/types.ts";
import { failedCheck } from "./link-checks.ts";

export interface S3Request {
  action: "s3:ListBucket" | "s3:GetObject";
  resource: string;
  bucket: string;
  key?: string;
  prefix?: string;
}

export interface CopyReportFacts {
  statement?: "scratch table" | "copy";
  queryId?: number;
  s3?: S3Request;
}

export function copyReportFacts(report: LinkReport, copySource: string | undefined): CopyReportFacts {
  const failed = failedCheck(report);
  const facts: CopyReportFacts = {};
  if (failed?.id === "scratch-table") facts.statement = "scratch table";
  else if (failed?.id === "copy") facts.statement = "copy";
  const statement = failed?.id === "scratch-table" || failed?.id === "copy" ? failed.facts : undefined;
  if (statement?.queryId) facts.queryId = statement.queryId;
  const detail = statement?.error ?? "";
  const listing = /context:\s+Listing bucket=(\S+) prefix=(\S*)/.exec(detail);
  const reading = /context:\s+S3 key being read : s3:\/\/([^/\s]+)\/(\S+)/.exec(detail);
  if (listing) {
    facts.s3 = {
      action: "s3:ListBucket",
      resource: `arn:aws:s3:::${listing[1]}`,
      bucket: listing[1],
      prefix: listing[2],
    };
  } else if (reading) {
    facts.s3 = {
      action: "s3:GetObject",
      resource: `arn:aws:s3:::${reading[1]}/${reading[2]}`,
      bucket: reading[1],
      key: reading[2],
    };
  } else {
    const source = /^s3:\/\/([^/]+)\/?(.*)$/.exec(copySource ?? "");
    if (source)
      facts.s3 = {
        action: "s3:GetObject",
        resource: `arn:aws:s3:::${source[1]}/${source[2]}`,
        bucket: source[1],
        key: source[2],
      };
  }
  return facts;
}
