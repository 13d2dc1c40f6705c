import { ListBucketsCommand } from "@aws-sdk/client-s3";
import { describe, expect } from "vitest";
import type { RunningEmulator } from "../../../emulator/index.ts";
import { failureWithFields } from "../../support/clients.ts";
import { A, REGION } from "../../support/constants.ts";
import { fileSetup, seedWith, test } from "../../support/emulator-fixture.ts";
import { s3 } from "./s3-test-clients.ts";

const NAMES = ["lb-alpha", "lb-bravo", "lb-charlie"];

fileSetup(
  seedWith({
    s3Buckets: [
      ...NAMES.map((name) => ({ account: A, region: REGION, name })),
      { account: A, region: "eu-west-1", name: "lb-delta" },
    ],
  }),
);

const list = (emu: RunningEmulator, input: ConstructorParameters<typeof ListBucketsCommand>[0] = {}) =>
  s3(emu, emu.credentials("A:tester")).send(new ListBucketsCommand(input));

describe("ListBuckets", () => {
  test("filters by prefix, echoes it, and names each bucket's ARN and region", async ({ emu }) => {
    const out = await list(emu, { Prefix: "lb-" });
    expect(out.Prefix).toBe("lb-");
    expect(out.Buckets?.map((b) => b.Name)).toEqual([...NAMES, "lb-delta"]);
    expect(out.Buckets?.[0]).toMatchObject({ BucketArn: "arn:aws:s3:::lb-alpha", BucketRegion: REGION });
  });

  test("filters by bucket region", async ({ emu }) => {
    const out = await list(emu, { Prefix: "lb-", BucketRegion: "eu-west-1" });
    expect(out.Buckets?.map((b) => b.Name)).toEqual(["lb-delta"]);
  });

  test("pages with MaxBuckets and ContinuationToken until no token is returned", async ({ emu }) => {
    const first = await list(emu, { Prefix: "lb-", MaxBuckets: 3 });
    expect(first.Buckets?.map((b) => b.Name)).toEqual(NAMES);
    expect(first.ContinuationToken).toBeTruthy();
    const second = await list(emu, {
      Prefix: "lb-",
      MaxBuckets: 3,
      ContinuationToken: first.ContinuationToken,
    });
    expect(second.Buckets?.map((b) => b.Name)).toEqual(["lb-delta"]);
    expect(second.ContinuationToken).toBeUndefined();
  });

  test("refuses a malformed bucket region with InvalidArgument naming it", async ({ emu }) => {
    const f = await failureWithFields(list(emu, { BucketRegion: "mars-1" }));
    expect(f).toMatchObject({ name: "InvalidArgument", status: 400 });
    expect(f.fields.ArgumentName).toBe("bucket-region");
    expect(f.fields.ArgumentValue).toBe("mars-1");
  });
});
