/** S3: the service definition, the shared state, and readObjectsAs for Redshift COPY. */

export { validateBucketPolicy } from "./bucket-policy.ts";
export { regionFromHost } from "./bucket-region.ts";
export { computeChecksum } from "./checksums.ts";
export {
  type Denial,
  type ObjectRead,
  type ReadFailure,
  type ReadObjectsRequest,
  type ReadObjectsResult,
  readObjectsAs,
} from "./read-objects-as.ts";
export { bucketArn, evaluateS3, objectArn, sameAccountOrOrg } from "./s3-access.ts";
export { createS3Service } from "./s3-service.ts";
export { type S3Bucket, type S3Object, S3Store } from "./s3-store.ts";
