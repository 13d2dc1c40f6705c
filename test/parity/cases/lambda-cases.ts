import {
  type CreateFunctionCommandInput,
  DeleteFunctionCommand,
  GetFunctionCommand,
  InvokeCommand,
  UpdateFunctionCodeCommand,
  UpdateFunctionConfigurationCommand,
} from "@aws-sdk/client-lambda";
import { strToU8 } from "fflate";
import type { ParityCase } from "../support/parity-case.ts";
import type { ParityRun } from "../support/parity-run.ts";
import { nameValidationCases } from "./lambda-name-validation-cases.ts";
import { asFixtureAnswer, callByName, createFunction, createInput, zipOf } from "./lambda-requests.ts";

const DEPRECATED = [
  "java8",
  "go1.x",
  "provided",
  "ruby2.7",
  "nodejs14.x",
  "python3.7",
  "dotnetcore3.1",
  "nodejs12.x",
];
const BY_NAME_NOT_FOUND = [
  "delete_function",
  "get_function",
  "get_function_configuration",
  "get_function_url_config",
  "get_function_code_signing_config",
  "get_function_event_invoke_config",
  "get_function_concurrency",
];
const WRONG_REGION = [...BY_NAME_NOT_FOUND.slice(1), "delete_function", "invoke"];

export const lambdaCases: ParityCase[] = [
  ...nameValidationCases,
  ...DEPRECATED.map((runtime) => ({
    key: `TestRuntimeValidation::test_create_deprecated_function_runtime_with_validation_enabled[${runtime}]`,
    async run(t: ParityRun) {
      await t.match(
        "deprecation_error",
        createFunction(
          t,
          createInput(t.name("fn"), { Runtime: runtime as CreateFunctionCommandInput["Runtime"] }),
        ),
      );
    },
  })),
  ...BY_NAME_NOT_FOUND.map((clientfn) => ({
    key: `TestLambdaFunction::test_ops_on_nonexisting_fn[${clientfn}]`,
    async run(t: ParityRun) {
      await t.match("not_found_exception", callByName(t, clientfn, { FunctionName: t.name("i-dont-exist") }));
    },
  })),
  ...WRONG_REGION.map((clientfn) => ({
    key: `TestLambdaFunction::test_get_function_wrong_region[${clientfn}]`,
    async run(t: ParityRun) {
      const name = t.name("i-exist");
      await t.call(createFunction(t, createInput(name, { Description: "Initial description" })));
      const arn = `arn:aws:lambda:eu-central-1:${t.account}:function:${name}`;
      await t.match("wrong_region_exception", callByName(t, clientfn, { FunctionName: arn }));
    },
  })),
  ...["get_function", "get_function_configuration", "get_function_event_invoke_config"].map((clientfn) => ({
    key: `TestLambdaFunction::test_ops_on_nonexisting_version[${clientfn}]`,
    async run(t: ParityRun) {
      const name = t.name("i-exist");
      await t.call(createFunction(t, createInput(name, { Description: "Initial description" })));
      await t.match(
        "version_not_found_exception",
        callByName(t, clientfn, { FunctionName: name, Qualifier: "1221" }),
      );
    },
  })),
  ...["delete_function", "get_function", "get_function_configuration"].map((clientfn) => ({
    key: `TestLambdaFunction::test_ops_with_arn_qualifier_mismatch[${clientfn}]`,
    async run(t: ParityRun) {
      const arn = `arn:aws:lambda:${t.region}:${t.account}:function:some-function`;
      await t.match(
        "not_match_exception",
        callByName(t, clientfn, { FunctionName: `${arn}:1`, Qualifier: "$LATEST" }),
      );
      await t.match(
        "match_exception",
        callByName(t, clientfn, { FunctionName: `${arn}:$LATEST`, Qualifier: "$LATEST" }),
      );
    },
  })),
  {
    key: "TestLambdaFunction::test_delete_on_nonexisting_version",
    async run(t) {
      const FunctionName = t.name("i-exist");
      await t.call(createFunction(t, createInput(FunctionName, { Description: "Initial description" })));
      const del = (Qualifier?: string) =>
        t.clients.lambda.send(new DeleteFunctionCommand({ FunctionName, Qualifier }));
      await t.call(del("1233"));
      await t.call(del("1233"));
      await t.call(del());
      await t.match("delete_function_response_non_existent", del());
      await t.match("delete_function_response_non_existent_with_qualifier", del("1233"));
    },
  },
  {
    key: "TestLambdaFunction::test_invalid_invoke",
    async run(t) {
      await t.match(
        "invoke_function_name_pattern_exc",
        t.clients.lambda.send(
          new InvokeCommand({
            FunctionName: `arn:aws:lambda:${t.region}:123400000000@function:myfn`,
            Payload: strToU8("{}"),
          }),
        ),
      );
    },
  },
  {
    key: "TestLambdaFunction::test_create_lambda_exceptions",
    async run(t) {
      const name = t.name("invalid-function");
      const attempt = (snapshot: string, extra: Partial<CreateFunctionCommandInput>) =>
        t.match(snapshot, createFunction(t, createInput(name, { Handler: "index.handler", ...extra })));
      await attempt("invalid_role_arn_exc", { Role: "r1" });
      await attempt("invalid_runtime_exc", { Runtime: "non-existent-runtime" as "python3.12" });
      await attempt("uppercase_runtime_exc", { Runtime: "PYTHON3.9" as "python3.12" });
      t.keep("empty_architectures", "(boto3's own parameter validation; SDK v3 has none)");
      await attempt("multiple_architectures", { Architectures: ["x86_64", "arm64"] });
      await attempt("uppercase_architecture", { Architectures: ["X86_64" as "x86_64"] });
      await attempt("invalid_zip_exc", {
        Code: { ZipFile: strToU8("this is not a zipfile, just a random string") },
        Runtime: "python3.9",
      });
    },
    mismatch: "empty_architectures is boto3's client-side parameter validation, which SDK v3 does not have",
  },
  {
    key: "TestLambdaFunction::test_update_lambda_exceptions",
    async run(t) {
      const FunctionName = t.name("invalid-function");
      await t.call(createFunction(t, createInput(FunctionName, { Handler: "index.handler" })));
      const update = (snapshot: string, extra: Record<string, string>) =>
        t.match(
          snapshot,
          t.clients.lambda.send(new UpdateFunctionConfigurationCommand({ FunctionName, ...extra })),
        );
      await update("invalid_role_arn_exc", { Role: "r1" });
      await update("invalid_runtime_exc", { Runtime: "non-existent-runtime" });
      await update("uppercase_runtime_exc", { Runtime: "PYTHON3.9" });
    },
  },
  {
    key: "TestLambdaFunction::test_function_lifecycle",
    async run(t) {
      const FunctionName = t.name("fn");
      await t.match(
        "create_response",
        createFunction(
          t,
          createInput(FunctionName, { MemorySize: 256, Timeout: 5, Environment: { Variables: {} } }),
        ),
        asFixtureAnswer,
      );
      const get = () => t.clients.lambda.send(new GetFunctionCommand({ FunctionName }));
      await t.match("get_function_response", get());
      await t.match(
        "update_func_conf_response",
        t.clients.lambda.send(
          new UpdateFunctionConfigurationCommand({
            FunctionName,
            Runtime: "python3.11",
            Description: "Changed-Description",
            MemorySize: 512,
            Timeout: 10,
            Environment: { Variables: { ENV_A: "a" } },
          }),
        ),
      );
      await t.match("get_function_response_postupdate", get());
      await t.match(
        "update_code_response",
        t.clients.lambda.send(
          new UpdateFunctionCodeCommand({
            FunctionName,
            ZipFile: zipOf("def handler(event, context):\n    return 2\n"),
          }),
        ),
      );
      await t.match("get_function_response_postcodeupdate", get());
      await t.match("delete_response", t.clients.lambda.send(new DeleteFunctionCommand({ FunctionName })));
      await t.match("delete_postdelete", t.clients.lambda.send(new DeleteFunctionCommand({ FunctionName })));
    },
  },
];
