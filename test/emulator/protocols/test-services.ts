import { AwsError } from "../../../emulator/core/errors.ts";
import type { ServiceDefinition } from "../../../emulator/core/types.ts";
import { restResult } from "../../../emulator/protocols/rest-result.ts";
import { accessDeniedAs } from "../core/test-world.ts";

export const redshiftDataTestService: ServiceDefinition = {
  signingName: "redshift-data",
  protocol: "awsJson1_1",
  targetPrefix: "RedshiftData",
  accessDenied: accessDeniedAs("AccessDeniedException", 403),
  operations: {
    DescribeStatement: {
      authorize: (ctx) => ({
        action: "redshift-data:DescribeStatement",
        resource: `arn:aws:redshift-data:${ctx.region}:*:statement/${String(ctx.input.Id)}`,
      }),
      handler: (ctx) => {
        if (ctx.input.Id === "missing") {
          throw new AwsError("ResourceNotFoundException", "Query does not exist.", {
            fields: { ResourceId: "missing" },
          });
        }
        return {
          Id: ctx.input.Id,
          Status: "FINISHED",
          CreatedAt: new Date("2026-11-27T12:00:00.250Z"),
          UpdatedAt: new Date("2026-11-27T12:00:01Z"),
          Duration: 750_000_000,
          HasResultSet: true,
          QueryString: "select 1",
          QueryParameters: [{ name: "id", value: "42" }],
        };
      },
    },
  },
};

const objects = new Map<string, { body: Buffer; contentType?: string; lastModified: Date }>();

let putHeaders: Record<string, string> = {};

export function lastPutHeaders(): Record<string, string> {
  return putHeaders;
}

export function storedObject(bucket: string, key: string): Buffer | undefined {
  return objects.get(`${bucket}/${key}`)?.body;
}

function noSuchKey(key: string): AwsError {
  return new AwsError("NoSuchKey", "The specified key does not exist.", {
    status: 404,
    fields: { Key: key },
  });
}

export const s3TestService: ServiceDefinition = {
  signingName: "s3",
  protocol: "restXml",
  xmlNamespace: "http://s3.amazonaws.com/doc/2006-03-01/",
  accessDenied: () => new AwsError("AccessDenied", "Access Denied", { status: 403 }),
  operations: {
    PutObject: {
      http: { method: "PUT", path: "/{Bucket}/{Key+}" },
      authorize: (ctx) => ({
        action: "s3:PutObject",
        resource: `arn:aws:s3:::${ctx.input.Bucket}/${ctx.input.Key}`,
      }),
      handler: (ctx) => {
        putHeaders = ctx.http.headers;
        objects.set(`${ctx.input.Bucket}/${ctx.input.Key}`, {
          body: ctx.http.body,
          contentType: ctx.http.headers["content-type"],
          lastModified: ctx.now,
        });
        return restResult({ headers: { etag: '"etag-1"' } });
      },
    },
    GetObject: {
      http: { method: "GET", path: "/{Bucket}/{Key+}" },
      handler: (ctx) => {
        const found = objects.get(`${ctx.input.Bucket}/${ctx.input.Key}`);
        if (!found) throw noSuchKey(String(ctx.input.Key));
        return restResult({
          headers: {
            "content-type": found.contentType ?? "binary/octet-stream",
            "last-modified": found.lastModified.toUTCString(),
            etag: '"etag-1"',
          },
          body: found.body,
        });
      },
    },
    HeadObject: {
      http: { method: "HEAD", path: "/{Bucket}/{Key+}" },
      handler: (ctx) => {
        const found = objects.get(`${ctx.input.Bucket}/${ctx.input.Key}`);
        if (!found) throw new AwsError("NotFound", "Not Found", { status: 404, noBody: true });
        return restResult({ headers: { "content-length": String(found.body.length), etag: '"etag-1"' } });
      },
    },
    ListObjectsV2: {
      http: { method: "GET", path: "/{Bucket}?list-type=2" },
      handler: (ctx) => {
        const prefix = `${ctx.input.Bucket}/`;
        const contents = [...objects.entries()]
          .filter(([k]) => k.startsWith(prefix))
          .map(([k, v]) => ({
            Key: k.slice(prefix.length),
            Size: v.body.length,
            LastModified: v.lastModified,
          }));
        return {
          ListBucketResult: {
            Name: ctx.input.Bucket,
            Prefix: ctx.input.prefix ?? "",
            KeyCount: contents.length,
            MaxKeys: 1000,
            IsTruncated: false,
            Contents: contents,
          },
        };
      },
    },
    GetBucketPolicy: {
      http: { method: "GET", path: "/{Bucket}?policy" },
      handler: () =>
        restResult({ headers: { "content-type": "application/json" }, body: '{"Version":"2012-10-17"}' }),
    },
  },
};

export const lambdaTestService: ServiceDefinition = {
  signingName: "lambda",
  protocol: "restJson1",
  accessDenied: accessDeniedAs("AccessDeniedException"),
  operations: {
    GetFunction: {
      http: { method: "GET", path: "/2015-03-31/functions/{FunctionName}" },
      authorize: (ctx) => ({
        action: "lambda:GetFunction",
        resource: `arn:aws:lambda:${ctx.region}:${ctx.caller.account}:function:${ctx.input.FunctionName}`,
      }),
      handler: (ctx) => {
        const name = String(ctx.input.FunctionName);
        if (name === "missing") {
          throw new AwsError(
            "ResourceNotFoundException",
            `Function not found: arn:aws:lambda:${ctx.region}:111111111111:function:missing`,
            {
              status: 404,
              fields: { Type: "User" },
            },
          );
        }
        return {
          Configuration: {
            FunctionName: name,
            FunctionArn: `arn:aws:lambda:${ctx.region}:111111111111:function:${name}`,
            Role: "arn:aws:iam::111111111111:role/L",
            Timeout: 30,
            LastModified: "2026-11-27T12:00:00.000+0000",
            Version: ctx.input.Qualifier ?? "$LATEST",
          },
          Tags: { team: "data" },
        };
      },
    },
    Invoke: {
      http: { method: "POST", path: "/2015-03-31/functions/{FunctionName}/invocations" },
      handler: (ctx) =>
        restResult({
          status: 200,
          headers: { "x-amz-executed-version": "$LATEST", "content-type": "application/json" },
          body: Buffer.from(
            JSON.stringify({
              echo: JSON.parse(ctx.http.body.toString("utf8") || "null"),
              type: ctx.http.headers["x-amz-invocation-type"] ?? null,
            }),
          ),
        }),
    },
  },
};
