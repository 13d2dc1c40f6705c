/**
 * Every S3 operation the emulator does not implement, routed by its method, path and
 * sub-resource (query) so that it is never taken for an implemented one — `PUT ?versioning` is not
 * CreateBucket, UploadPart (`?partNumber&uploadId`) is not PutObject, ListParts and
 * GetObjectAttributes are not GetObject, AbortMultipartUpload is not DeleteObject — and answered
 * with S3's own 501 NotImplemented. A wrong success is the worst answer an emulator can give.
 *
 * Routes: the S3 API model (the operations and `http` traits of @aws-sdk/client-s3 3.1175), in
 * path style, with the query members S3 requires to tell an operation apart (`uploadId`,
 * `partNumber`) in place of the SDK's `x-id` hint, which the route matcher still honours.
 * https://docs.aws.amazon.com/AmazonS3/latest/API/API_Operations_Amazon_Simple_Storage_Service.html
 * NotImplemented's text: https://docs.aws.amazon.com/AmazonS3/latest/API/ErrorResponses.html#ErrorCodeList
 *
 * Known gaps: CopyObject sent without the SDK's `x-id` hint reaches PutObject, which refuses it by
 * its `x-amz-copy-source` header (put-object.ts); S3 Express (directory bucket) host names.
 */
import { AwsError } from "../core/errors.ts";
import type { OperationDef } from "../core/types.ts";

const ROUTES: Record<string, [method: string, path: string]> = {
  AbortMultipartUpload: ["DELETE", "/{Bucket}/{Key+}?uploadId"],
  CompleteMultipartUpload: ["POST", "/{Bucket}/{Key+}?uploadId"],
  CopyObject: ["PUT", "/{Bucket}/{Key+}"],
  CreateBucketMetadataConfiguration: ["POST", "/{Bucket}?metadataConfiguration"],
  CreateBucketMetadataTableConfiguration: ["POST", "/{Bucket}?metadataTable"],
  CreateMultipartUpload: ["POST", "/{Bucket}/{Key+}?uploads"],
  CreateSession: ["GET", "/{Bucket}?session"],
  DeleteBucketAnalyticsConfiguration: ["DELETE", "/{Bucket}?analytics"],
  DeleteBucketCors: ["DELETE", "/{Bucket}?cors"],
  DeleteBucketEncryption: ["DELETE", "/{Bucket}?encryption"],
  DeleteBucketIntelligentTieringConfiguration: ["DELETE", "/{Bucket}?intelligent-tiering"],
  DeleteBucketInventoryConfiguration: ["DELETE", "/{Bucket}?inventory"],
  DeleteBucketLifecycle: ["DELETE", "/{Bucket}?lifecycle"],
  DeleteBucketMetadataConfiguration: ["DELETE", "/{Bucket}?metadataConfiguration"],
  DeleteBucketMetadataTableConfiguration: ["DELETE", "/{Bucket}?metadataTable"],
  DeleteBucketMetricsConfiguration: ["DELETE", "/{Bucket}?metrics"],
  DeleteBucketOwnershipControls: ["DELETE", "/{Bucket}?ownershipControls"],
  DeleteBucketReplication: ["DELETE", "/{Bucket}?replication"],
  DeleteBucketTagging: ["DELETE", "/{Bucket}?tagging"],
  DeleteBucketWebsite: ["DELETE", "/{Bucket}?website"],
  DeleteObjectAnnotation: ["DELETE", "/{Bucket}/{Key+}?annotation"],
  DeleteObjectTagging: ["DELETE", "/{Bucket}/{Key+}?tagging"],
  DeletePublicAccessBlock: ["DELETE", "/{Bucket}?publicAccessBlock"],
  GetBucketAbac: ["GET", "/{Bucket}?abac"],
  GetBucketAccelerateConfiguration: ["GET", "/{Bucket}?accelerate"],
  GetBucketAcl: ["GET", "/{Bucket}?acl"],
  GetBucketAnalyticsConfiguration: ["GET", "/{Bucket}?analytics"],
  GetBucketCors: ["GET", "/{Bucket}?cors"],
  GetBucketIntelligentTieringConfiguration: ["GET", "/{Bucket}?intelligent-tiering"],
  GetBucketInventoryConfiguration: ["GET", "/{Bucket}?inventory"],
  GetBucketLifecycleConfiguration: ["GET", "/{Bucket}?lifecycle"],
  GetBucketLogging: ["GET", "/{Bucket}?logging"],
  GetBucketMetadataConfiguration: ["GET", "/{Bucket}?metadataConfiguration"],
  GetBucketMetadataTableConfiguration: ["GET", "/{Bucket}?metadataTable"],
  GetBucketMetricsConfiguration: ["GET", "/{Bucket}?metrics"],
  GetBucketNotificationConfiguration: ["GET", "/{Bucket}?notification"],
  GetBucketPolicyStatus: ["GET", "/{Bucket}?policyStatus"],
  GetBucketReplication: ["GET", "/{Bucket}?replication"],
  GetBucketRequestPayment: ["GET", "/{Bucket}?requestPayment"],
  GetBucketTagging: ["GET", "/{Bucket}?tagging"],
  GetBucketVersioning: ["GET", "/{Bucket}?versioning"],
  GetBucketWebsite: ["GET", "/{Bucket}?website"],
  GetObjectAcl: ["GET", "/{Bucket}/{Key+}?acl"],
  GetObjectAnnotation: ["GET", "/{Bucket}/{Key+}?annotation"],
  GetObjectAttributes: ["GET", "/{Bucket}/{Key+}?attributes"],
  GetObjectLegalHold: ["GET", "/{Bucket}/{Key+}?legal-hold"],
  GetObjectLockConfiguration: ["GET", "/{Bucket}?object-lock"],
  GetObjectRetention: ["GET", "/{Bucket}/{Key+}?retention"],
  GetObjectTagging: ["GET", "/{Bucket}/{Key+}?tagging"],
  GetObjectTorrent: ["GET", "/{Bucket}/{Key+}?torrent"],
  GetPublicAccessBlock: ["GET", "/{Bucket}?publicAccessBlock"],
  ListBucketAnalyticsConfigurations: ["GET", "/{Bucket}?analytics"],
  ListBucketIntelligentTieringConfigurations: ["GET", "/{Bucket}?intelligent-tiering"],
  ListBucketInventoryConfigurations: ["GET", "/{Bucket}?inventory"],
  ListBucketMetricsConfigurations: ["GET", "/{Bucket}?metrics"],
  ListDirectoryBuckets: ["GET", "/"],
  ListMultipartUploads: ["GET", "/{Bucket}?uploads"],
  ListObjectAnnotations: ["GET", "/{Bucket}/{Key+}?annotation"],
  ListObjects: ["GET", "/{Bucket}"],
  ListObjectVersions: ["GET", "/{Bucket}?versions"],
  ListParts: ["GET", "/{Bucket}/{Key+}?uploadId"],
  PutBucketAbac: ["PUT", "/{Bucket}?abac"],
  PutBucketAccelerateConfiguration: ["PUT", "/{Bucket}?accelerate"],
  PutBucketAcl: ["PUT", "/{Bucket}?acl"],
  PutBucketAnalyticsConfiguration: ["PUT", "/{Bucket}?analytics"],
  PutBucketCors: ["PUT", "/{Bucket}?cors"],
  PutBucketEncryption: ["PUT", "/{Bucket}?encryption"],
  PutBucketIntelligentTieringConfiguration: ["PUT", "/{Bucket}?intelligent-tiering"],
  PutBucketInventoryConfiguration: ["PUT", "/{Bucket}?inventory"],
  PutBucketLifecycleConfiguration: ["PUT", "/{Bucket}?lifecycle"],
  PutBucketLogging: ["PUT", "/{Bucket}?logging"],
  PutBucketMetricsConfiguration: ["PUT", "/{Bucket}?metrics"],
  PutBucketNotificationConfiguration: ["PUT", "/{Bucket}?notification"],
  PutBucketReplication: ["PUT", "/{Bucket}?replication"],
  PutBucketRequestPayment: ["PUT", "/{Bucket}?requestPayment"],
  PutBucketTagging: ["PUT", "/{Bucket}?tagging"],
  PutBucketVersioning: ["PUT", "/{Bucket}?versioning"],
  PutBucketWebsite: ["PUT", "/{Bucket}?website"],
  PutObjectAcl: ["PUT", "/{Bucket}/{Key+}?acl"],
  PutObjectAnnotation: ["PUT", "/{Bucket}/{Key+}?annotation"],
  PutObjectLegalHold: ["PUT", "/{Bucket}/{Key+}?legal-hold"],
  PutObjectLockConfiguration: ["PUT", "/{Bucket}?object-lock"],
  PutObjectRetention: ["PUT", "/{Bucket}/{Key+}?retention"],
  PutObjectTagging: ["PUT", "/{Bucket}/{Key+}?tagging"],
  PutPublicAccessBlock: ["PUT", "/{Bucket}?publicAccessBlock"],
  RenameObject: ["PUT", "/{Bucket}/{Key+}?renameObject"],
  RestoreObject: ["POST", "/{Bucket}/{Key+}?restore"],
  SelectObjectContent: ["POST", "/{Bucket}/{Key+}?select&select-type=2"],
  UpdateBucketMetadataAnnotationTableConfiguration: ["PUT", "/{Bucket}?metadataAnnotationTable"],
  UpdateBucketMetadataInventoryTableConfiguration: ["PUT", "/{Bucket}?metadataInventoryTable"],
  UpdateBucketMetadataJournalTableConfiguration: ["PUT", "/{Bucket}?metadataJournalTable"],
  UpdateObjectEncryption: ["PUT", "/{Bucket}/{Key+}?encryption"],
  UploadPart: ["PUT", "/{Bucket}/{Key+}?partNumber&uploadId"],
  UploadPartCopy: ["PUT", "/{Bucket}/{Key+}?partNumber&uploadId"],
};

export function s3NotImplemented(): AwsError {
  return new AwsError(
    "NotImplemented",
    "A header you provided implies functionality that is not implemented.",
    {
      status: 501,
    },
  );
}

/** Route-only operation definitions, marked `unimplemented` so coverage does not count them. */
export function unimplementedS3Operations(): Record<string, OperationDef> {
  const operations: Record<string, OperationDef> = {};
  for (const [name, [method, path]] of Object.entries(ROUTES)) {
    operations[name] = {
      http: { method, path },
      unimplemented: true,
      handler: () => {
        throw s3NotImplemented();
      },
    };
  }
  return operations;
}
