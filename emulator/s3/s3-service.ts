/**
 * S3 (restXml, signing name `s3`): buckets per account and region in one global name space,
 * authorization by identity + bucket policies (+ KMS for SSE-KMS), S3's errors and texts.
 * Path-style (`http://127.0.0.1:port/bucket/key`) and virtual-hosted style
 * (`bucket.s3.<region>.localhost`) both arrive here as path-style (emulator/protocols/s3-routing.ts).
 *
 * Operations: CreateBucket, DeleteBucket, HeadBucket, GetBucketLocation, ListBuckets,
 * Put/Get/DeleteBucketPolicy, Put/GetBucketOwnershipControls, GetBucketEncryption, PutObject, GetObject, HeadObject,
 * DeleteObject, DeleteObjects, ListObjectsV2. Every other S3 operation is routed by its
 * sub-resource and answers S3's 501 NotImplemented (s3-unimplemented.ts).
 * Known gaps: see each operation's module; no multipart uploads, versioning, ACLs, CopyObject,
 * ListObjects (v1), tagging, lifecycle, presigned POST.
 */
import type { ServiceDefinition } from "../core/types.ts";
import type { World } from "../world/world.ts";
import {
  createBucket,
  deleteBucket,
  getBucketEncryption,
  getBucketLocation,
  getBucketOwnershipControls,
  headBucket,
  listBuckets,
  putBucketOwnershipControls,
} from "./bucket-operations.ts";
import { deleteBucketPolicy, getBucketPolicy, putBucketPolicy } from "./bucket-policy.ts";
import { deleteObject, deleteObjects } from "./delete-objects.ts";
import { getObject, headObject } from "./get-object.ts";
import { listObjectsV2 } from "./list-objects-v2.ts";
import { putObject } from "./put-object.ts";
import { accessDenied } from "./s3-errors.ts";
import { unimplementedS3Operations } from "./s3-unimplemented.ts";

export function createS3Service(world: World): ServiceDefinition {
  return {
    signingName: "s3",
    protocol: "restXml",
    xmlNamespace: "http://s3.amazonaws.com/doc/2006-03-01/",
    accessDenied: (message) => accessDenied(message),
    operations: {
      ListBuckets: { http: { method: "GET", path: "/" }, handler: listBuckets(world) },
      CreateBucket: { http: { method: "PUT", path: "/{Bucket}" }, handler: createBucket(world) },
      DeleteBucket: { http: { method: "DELETE", path: "/{Bucket}" }, handler: deleteBucket(world) },
      HeadBucket: { http: { method: "HEAD", path: "/{Bucket}" }, handler: headBucket(world) },
      GetBucketLocation: {
        http: { method: "GET", path: "/{Bucket}?location" },
        handler: getBucketLocation(world),
      },
      PutBucketPolicy: { http: { method: "PUT", path: "/{Bucket}?policy" }, handler: putBucketPolicy(world) },
      GetBucketPolicy: { http: { method: "GET", path: "/{Bucket}?policy" }, handler: getBucketPolicy(world) },
      DeleteBucketPolicy: {
        http: { method: "DELETE", path: "/{Bucket}?policy" },
        handler: deleteBucketPolicy(world),
      },
      PutBucketOwnershipControls: {
        http: { method: "PUT", path: "/{Bucket}?ownershipControls" },
        handler: putBucketOwnershipControls(world),
      },
      GetBucketOwnershipControls: {
        http: { method: "GET", path: "/{Bucket}?ownershipControls" },
        handler: getBucketOwnershipControls(world),
      },
      GetBucketEncryption: {
        http: { method: "GET", path: "/{Bucket}?encryption" },
        handler: getBucketEncryption(world),
      },
      ListObjectsV2: {
        http: { method: "GET", path: "/{Bucket}?list-type=2" },
        handler: listObjectsV2(world),
      },
      DeleteObjects: { http: { method: "POST", path: "/{Bucket}?delete" }, handler: deleteObjects(world) },
      PutObject: { http: { method: "PUT", path: "/{Bucket}/{Key+}" }, handler: putObject(world) },
      GetObject: { http: { method: "GET", path: "/{Bucket}/{Key+}" }, handler: getObject(world) },
      HeadObject: { http: { method: "HEAD", path: "/{Bucket}/{Key+}" }, handler: headObject(world) },
      DeleteObject: { http: { method: "DELETE", path: "/{Bucket}/{Key+}" }, handler: deleteObject(world) },
      // After the implemented ones: an equal route score keeps the implemented operation.
      ...unimplementedS3Operations(),
    },
  };
}
