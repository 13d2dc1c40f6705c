/** Every replayed case, keyed `<service>/<Class>::<test>` as in recorded/catalog.json. */
import type { ParityCase } from "../support/parity-case.ts";
import { iamCases } from "./iam-cases.ts";
import { kmsCases } from "./kms-cases.ts";
import { lambdaCases } from "./lambda-cases.ts";
import { lambdaCodeCases } from "./lambda-code-cases.ts";
import { lambdaConfigCases } from "./lambda-config-cases.ts";
import { lambdaListLimitCases } from "./lambda-list-limit-cases.ts";
import { lambdaRevisionCases } from "./lambda-revision-cases.ts";
import { s3BucketCases } from "./s3-bucket-cases.ts";
import { s3BucketRegionCases } from "./s3-bucket-region-cases.ts";
import { s3CrudCases } from "./s3-crud-cases.ts";
import { s3ObjectCases } from "./s3-object-cases.ts";
import { s3BucketListingCases, s3ObjectMoreCases, s3SystemMetadataCases } from "./s3-object-more-cases.ts";
import { s3PreconditionCases } from "./s3-precondition-cases.ts";
import { secretsManagerCases } from "./secrets-manager-cases.ts";
import { stsCases } from "./sts-cases.ts";

const byService: Record<string, ParityCase[]> = {
  iam: iamCases,
  kms: kmsCases,
  lambda: [
    ...lambdaCases,
    ...lambdaConfigCases,
    ...lambdaCodeCases,
    ...lambdaRevisionCases,
    ...lambdaListLimitCases,
  ],
  s3: [
    ...s3ObjectCases,
    ...s3BucketCases,
    ...s3BucketRegionCases,
    ...s3CrudCases,
    ...s3PreconditionCases,
    ...s3ObjectMoreCases,
    ...s3BucketListingCases,
    ...s3SystemMetadataCases,
  ],
  secretsmanager: secretsManagerCases,
  sts: stsCases,
};

export const PARITY_CASES = new Map<string, ParityCase>(
  Object.entries(byService).flatMap(([service, cases]) =>
    cases.map((c) => [`${service}/${c.key}`, c] as const),
  ),
);
