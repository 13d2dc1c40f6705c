import {
  type CreateFunctionCommandInput,
  GetFunctionCommand,
  UpdateFunctionCodeCommand,
  UpdateFunctionConfigurationCommand,
} from "@aws-sdk/client-lambda";
import type { ParityCase } from "../support/parity-case.ts";
import type { ParityRun } from "../support/parity-run.ts";
import { asFixtureAnswer, createFunction, createInput, zipOf } from "./lambda-requests.ts";

const fixture = (FunctionName: string, extra: Partial<CreateFunctionCommandInput> = {}) =>
  createInput(FunctionName, { Timeout: 30, Environment: { Variables: {} }, ...extra });
const code = (t: ParityRun, FunctionName: string, body: string | Uint8Array, RevisionId?: string) =>
  t.clients.lambda.send(
    new UpdateFunctionCodeCommand({
      FunctionName,
      ZipFile: typeof body === "string" ? zipOf(body) : body,
      RevisionId,
    }),
  );
const ECHO = "def handler(event, context):\n    return event\n";
const version = (v: string) => `def handler(event, context):\n    return "${v}"\n`;

export const lambdaRevisionCases: ParityCase[] = [
  {
    key: "TestLambdaRevisions::test_function_revisions_basic",
    async run(t) {
      const FunctionName = t.name("fn");
      const zip = zipOf(ECHO, "index.py");
      await t.match(
        "create_function_response_rev1",
        createFunction(t, fixture(FunctionName, { Handler: "index.handler", Code: { ZipFile: zip } })),
        asFixtureAnswer,
      );
      const get = () => t.clients.lambda.send(new GetFunctionCommand({ FunctionName }));
      const rev2 = (await t.match("get_function_response_rev2", get()))?.Configuration?.RevisionId;
      await t.match("update_function_revision_exception", code(t, FunctionName, zip, "wrong"));
      await t.match("update_function_code_response_rev3", code(t, FunctionName, zip, rev2));
      const rev4 = (await t.match("get_function_response_rev4", get()))?.Configuration?.RevisionId;
      const config = (RevisionId?: string) =>
        t.clients.lambda.send(
          new UpdateFunctionConfigurationCommand({ FunctionName, Runtime: "python3.8", RevisionId }),
        );
      await t.match("update_function_configuration_revision_exception", config("wrong"));
      await t.match("update_function_configuration_response_rev5", config(rev4));
      await t.match("get_function_response_rev6", get());
    },
    mismatch:
      "recorded in November 2025, when python3.8 could still be updated to; Lambda's deprecation schedule blocks that now, and so does the emulator",
  },
  {
    key: "TestLambdaFunction::test_lambda_concurrent_code_updates",
    async run(t) {
      const FunctionName = t.name("test-lambda");
      await t.match(
        "create-function-response",
        createFunction(t, createInput(FunctionName, { Code: { ZipFile: zipOf(version("version0")) } })),
      );
      await t.call(code(t, FunctionName, version("version1")));
      await t.match("update-during-in-progress-update-exc", code(t, FunctionName, version("version2")));
    },
    mismatch:
      "updates complete at once here, so a second update never meets one in progress (ResourceConflictException)",
  },
  {
    key: "TestLambdaFunction::test_lambda_concurrent_config_updates",
    async run(t) {
      const FunctionName = t.name("test-lambda");
      await t.match("create-function-response", createFunction(t, fixture(FunctionName)), asFixtureAnswer);
      const update = (value: string) =>
        t.clients.lambda.send(
          new UpdateFunctionConfigurationCommand({
            FunctionName,
            Environment: { Variables: { TEST: value } },
          }),
        );
      await t.call(update("TEST1"));
      await t.match("update-during-in-progress-update-exc", update("TEST2"));
    },
    mismatch:
      "updates complete at once here, so a second update never meets one in progress (ResourceConflictException)",
  },
  {
    key: "TestLambdaFunction::test_function_arns",
    async run(t) {
      const arnPrefix = (region: string, account: string) => `arn:aws:lambda:${region}:${account}:function:`;
      const create = (FunctionName: string) =>
        createFunction(t, fixture(FunctionName, { Environment: { Variables: {} } }));
      const other = (FunctionName: string) =>
        createFunction(t, createInput(FunctionName, { Handler: "index.handler" }));
      await t.match(
        "create-function-arn-response",
        create(`${arnPrefix(t.region, t.account)}${t.name("test-function-arn")}`),
        asFixtureAnswer,
      );
      await t.match(
        "create-function-partial-arn-response",
        create(`${t.account}:function:${t.name("test-partial-arn")}`),
        asFixtureAnswer,
      );
      await t.match("invalid_function_name_exc", other("invalid:function:name"));
      await t.match("long_function_name_exc", other("a".repeat(65)));
      const prefix = arnPrefix(t.region, t.account);
      await t.match("long_function_arn_exc", other(prefix + "a".repeat(140 - prefix.length + 1)));
      await t.match(
        "function_arn_other_region_exc",
        other(`${arnPrefix("ap-southeast-1", t.account)}${t.name("test-function-arn")}`),
      );
      await t.match(
        "function_arn_other_account_exc",
        other(`${arnPrefix(t.region, "123456789012")}${t.name("test-function-arn")}`),
      );
    },
  },
];
