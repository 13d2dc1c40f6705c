/**
 * Lambda cases whose code or configuration comes from elsewhere: an S3 object (Code.S3Bucket, which
 * the emulator answers 501, so these count as needing an unimplemented operation whatever the
 * archive's size: a small archive stands in for the recorded 250 MB ones), VPC security groups, and
 * published versions.
 */

import { GetFunctionCommand, UpdateFunctionCodeCommand } from "@aws-sdk/client-lambda";
import { PutObjectCommand } from "@aws-sdk/client-s3";
import type { ParityCase } from "../support/parity-case.ts";
import type { ParityRun } from "../support/parity-run.ts";
import { createFunction, createInput, zipOf } from "./lambda-requests.ts";
import { bucket } from "./s3-object-cases.ts";

const ECHO = "def handler(event, context):\n    return event\n";

async function uploadedCode(t: ParityRun, Key: string) {
  const Bucket = await bucket(t);
  await t.call(t.clients.s3.send(new PutObjectCommand({ Bucket, Key, Body: zipOf(ECHO) })));
  return Bucket;
}

export const lambdaCodeCases: ParityCase[] = [
  {
    key: "TestLambdaFunction::test_lambda_code_location_s3_errors",
    async run(t) {
      const key = "code/code-function.zip";
      await uploadedCode(t, key);
      const input = createInput(t.name("code-function"), {
        Handler: "index.handler",
        Code: { S3Bucket: t.name("some-random-non-existent-bucket"), S3Key: key },
      });
      await t.match("create-error-wrong-bucket", createFunction(t, input));
    },
  },
  {
    key: "TestLambdaSizeLimits::test_large_lambda",
    async run(t) {
      const S3Bucket = await uploadedCode(t, "test_lambda.zip");
      const input = createInput(t.name("test_lambda"), {
        Code: { S3Bucket, S3Key: "test_lambda.zip" },
        Timeout: 10,
      });
      await t.match("create_function_large_zip", createFunction(t, input));
    },
  },
  {
    key: "TestLambdaSizeLimits::test_oversized_unzipped_lambda",
    async run(t) {
      const S3Bucket = await uploadedCode(t, "test_lambda.zip");
      const input = createInput(t.name("test_lambda"), {
        Code: { S3Bucket, S3Key: "test_lambda.zip" },
        Timeout: 10,
      });
      await t.match("invalid_param_exc", createFunction(t, input));
    },
  },
  {
    key: "TestLambdaFunction::test_invalid_vpc_config_security_group",
    async run(t) {
      const subnet = t.name("subnet");
      const create = (group: string) =>
        createFunction(
          t,
          createInput(t.name("fn"), {
            Handler: "index.handler",
            VpcConfig: { SubnetIds: [subnet], SecurityGroupIds: [group] },
          }),
        );
      await t.match("create-response-non-existent-security-group", create(t.name("sg")));
      await t.match("create-response-invalid-format-security-group", create(t.name("bad-format")));
    },
    mismatch:
      "no EC2 here, so security groups are not looked up or pattern-checked; the chain's Lambda runs outside a VPC",
  },
  {
    key: "TestLambdaVersions::test_publish_with_update",
    async run(t) {
      const FunctionName = t.name("fn");
      await t.match(
        "create_response",
        createFunction(t, createInput(FunctionName, { Handler: "index.handler" })),
      );
      const get = (Qualifier?: string) =>
        t.clients.lambda.send(new GetFunctionCommand({ FunctionName, Qualifier }));
      await t.match("get_function_result", get());
      await t.match(
        "update_function_code_result",
        t.clients.lambda.send(
          new UpdateFunctionCodeCommand({
            FunctionName,
            ZipFile: zipOf("def handler(event, context):\n    return 1\n"),
            Publish: true,
          }),
        ),
      );
      await t.match("get_function_version_result", get("1"));
      await t.match("get_function_latest_result", get("$LATEST"));
    },
    mismatch: "Publish is ignored: only $LATEST exists, no numbered versions (the chain invokes $LATEST)",
  },
];
