import { describe, expect, test } from "vitest";
import type { EmulatorRequest } from "../../../emulator/core/emulator-request.ts";
import { matchRoute } from "../../../emulator/protocols/rest-route.ts";
import { bucketFromHost, splitBucketKey, toPathStyle } from "../../../emulator/protocols/s3-routing.ts";
import { lambdaTestService, s3TestService } from "./test-services.ts";

function request(method: string, pathAndQuery: string): EmulatorRequest {
  const [path = "/", query = ""] = pathAndQuery.split("?");
  return {
    method,
    rawPath: path,
    path,
    rawQuery: query,
    query: new URLSearchParams(query),
    headers: {},
    body: Buffer.alloc(0),
    rawBody: Buffer.alloc(0),
  };
}

describe("matchRoute", () => {
  test("binds single and greedy labels, keeping slashes and a trailing slash in keys", () => {
    expect(matchRoute(s3TestService, request("GET", "/b/dir/sub/file.csv"))).toEqual({
      operation: "GetObject",
      labels: { Bucket: "b", Key: "dir/sub/file.csv" },
    });
    expect(matchRoute(s3TestService, request("PUT", "/b/dir/"))?.labels).toEqual({
      Bucket: "b",
      Key: "dir/",
    });
  });

  test("prefers the route with a required query parameter", () => {
    expect(matchRoute(s3TestService, request("GET", "/b?policy"))?.operation).toBe("GetBucketPolicy");
    expect(matchRoute(s3TestService, request("GET", "/b?list-type=2&prefix=x"))?.operation).toBe(
      "ListObjectsV2",
    );
    expect(matchRoute(s3TestService, request("GET", "/b?list-type=1"))).toBeUndefined();
  });

  test("requires every literal segment and the method", () => {
    expect(
      matchRoute(lambdaTestService, request("POST", "/2015-03-31/functions/f/invocations"))?.operation,
    ).toBe("Invoke");
    expect(
      matchRoute(lambdaTestService, request("GET", "/2015-03-31/functions/f/invocations")),
    ).toBeUndefined();
    expect(matchRoute(lambdaTestService, request("GET", "/2016-01-01/functions/f"))).toBeUndefined();
  });
});

describe("S3 addressing", () => {
  test("reads the bucket from virtual-hosted Host headers only", () => {
    expect(bucketFromHost("copy-src.s3.us-east-1.localhost:4566")).toBe("copy-src");
    expect(bucketFromHost("my.bucket.s3.amazonaws.com")).toBe("my.bucket");
    expect(bucketFromHost("logs.localhost")).toBe("logs");
    expect(bucketFromHost("127.0.0.1:4566")).toBeUndefined();
    expect(bucketFromHost("s3.us-east-1.localhost")).toBeUndefined();
    expect(bucketFromHost("localhost:4566")).toBeUndefined();
  });

  test("rewrites virtual-hosted paths to path style and splits bucket and key", () => {
    expect(toPathStyle("b.s3.eu-west-1.localhost", "/in/a.csv")).toBe("/b/in/a.csv");
    expect(toPathStyle("b.s3.eu-west-1.localhost", "/")).toBe("/b");
    expect(toPathStyle("127.0.0.1:1", "/b/k")).toBe("/b/k");
    expect(splitBucketKey("/b/in/a.csv")).toEqual({ bucket: "b", key: "in/a.csv" });
    expect(splitBucketKey("/b")).toEqual({ bucket: "b" });
  });
});
