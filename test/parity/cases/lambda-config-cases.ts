import {
  type CreateFunctionCommandInput,
  GetFunctionCommand,
  GetFunctionConfigurationCommand,
  type LoggingConfig,
  type Runtime,
  UpdateFunctionConfigurationCommand,
  type UpdateFunctionConfigurationCommandInput,
} from "@aws-sdk/client-lambda";
import type { ParityCase } from "../support/parity-case.ts";
import type { ParityRun } from "../support/parity-run.ts";
import { asFixtureAnswer, createFunction, createInput } from "./lambda-requests.ts";

const update = (t: ParityRun, input: UpdateFunctionConfigurationCommandInput) =>
  t.clients.lambda.send(new UpdateFunctionConfigurationCommand(input));
const getFunction = (t: ParityRun, FunctionName: string) =>
  t.clients.lambda.send(new GetFunctionCommand({ FunctionName }));
const getConfig = (t: ParityRun, FunctionName: string) =>
  t.clients.lambda.send(new GetFunctionConfigurationCommand({ FunctionName }));

/** The recorded tests' create_lambda_function fixture: a 30 s timeout and an Environment, empty unless given. */
const fixtureInput = (FunctionName: string, extra: Partial<CreateFunctionCommandInput> = {}) =>
  createInput(FunctionName, { Timeout: 30, Environment: { Variables: {} }, ...extra });

async function createLogged(t: ParityRun, extra: { LoggingConfig?: LoggingConfig } = {}) {
  const FunctionName = t.name("fn");
  await t.match(
    "create_response",
    createFunction(t, fixtureInput(FunctionName, { MemorySize: 256, Timeout: 5, ...extra })),
    asFixtureAnswer,
  );
  await t.match("get_function_response", getFunction(t, FunctionName));
  await t.match("function_config", getConfig(t, FunctionName));
  return FunctionName;
}

const PARTIAL_LOGGING: LoggingConfig[] = [
  { LogFormat: "JSON" },
  { LogFormat: "JSON", ApplicationLogLevel: "DEBUG" },
  { LogFormat: "JSON", SystemLogLevel: "DEBUG" },
  { LogGroup: "cool_lambda" },
];

const SNAP_START: [runtime: string, handler: string][] = [
  ["java11", "echo.Handler"],
  ["java17", "echo.Handler"],
  ["java21", "echo.Handler"],
  ["java25", "echo.Handler"],
  ["python3.12", "handler.handler"],
  ["python3.13", "handler.handler"],
  ["dotnet8", "dotnet::Dotnet.Function::FunctionHandler"],
  ["dotnet10", "dotnet::Dotnet.Function::FunctionHandler"],
];

const envCreate = (t: ParityRun, Variables: Record<string, string>) =>
  createFunction(t, fixtureInput(t.name("large-envvar-lambda"), { Environment: { Variables } }));

export const lambdaConfigCases: ParityCase[] = [
  {
    key: "TestLoggingConfig::test_function_advanced_logging_configuration",
    async run(t) {
      const FunctionName = await createLogged(t, { LoggingConfig: { LogFormat: "JSON" } });
      const LoggingConfig: LoggingConfig = {
        LogFormat: "JSON",
        ApplicationLogLevel: "INFO",
        SystemLogLevel: "INFO",
        LogGroup: "cool_lambda",
      };
      await t.match("updated_config", update(t, { FunctionName, LoggingConfig }));
      await t.match("received_config", getConfig(t, FunctionName));
    },
  },
  {
    key: "TestLoggingConfig::test_advanced_logging_configuration_format_switch",
    async run(t) {
      const FunctionName = await createLogged(t);
      await t.match("updated_config", update(t, { FunctionName, LoggingConfig: { LogFormat: "JSON" } }));
      await t.match("received_config", getConfig(t, FunctionName));
      await t.match("updated_config_v2", update(t, { FunctionName, LoggingConfig: { LogFormat: "Text" } }));
      await t.match("received_config_v2", getConfig(t, FunctionName));
    },
  },
  ...PARTIAL_LOGGING.map((LoggingConfig, i) => ({
    key: `TestLoggingConfig::test_function_partial_advanced_logging_configuration_update[partial_config${i}]`,
    async run(t: ParityRun) {
      const FunctionName = await createLogged(t);
      await t.match("updated_config", update(t, { FunctionName, LoggingConfig }));
      await t.match("received_config", getConfig(t, FunctionName));
    },
  })),
  {
    key: "TestPartialARNMatching::test_update_function_configuration_full_arn",
    async run(t) {
      const FunctionName = t.name("fn");
      const created = await t.call(
        createFunction(t, createInput(FunctionName, { MemorySize: 256, Timeout: 5 })),
      );
      const full = created.FunctionArn!;
      for (const name of [full, FunctionName, full.split(":").slice(-3).join(":")]) {
        await t.call(
          update(t, {
            FunctionName: name,
            Description: "Changed-Description",
            MemorySize: 512,
            Timeout: 10,
            Environment: { Variables: { ENV_A: "a" } },
          }),
        );
      }
    },
  },
  {
    key: "TestLambdaFunction::test_redundant_updates",
    async run(t) {
      const FunctionName = t.name("fn");
      await t.match(
        "create_response",
        createFunction(t, fixtureInput(FunctionName, { Description: "Initial description" })),
        asFixtureAnswer,
      );
      await t.match(
        "first_update_result",
        update(t, { FunctionName, Description: "1st update description" }),
      );
      await t.match("get_fn_config_result", getConfig(t, FunctionName));
      await t.match("get_fn_result", getFunction(t, FunctionName));
      await t.match(
        "redundant_update_result",
        update(t, { FunctionName, Description: "1st update description" }),
      );
      await t.match("get_fn_result_after_redundant_update", getFunction(t, FunctionName));
    },
  },
  {
    key: "TestLambdaSizeLimits::test_large_environment_variables_fails",
    async run(t) {
      await t.match("failed_create_fn_result", envCreate(t, { LARGE_VAR: "x".repeat(4 * 1024 - 6 - 9) }));
    },
  },
  {
    key: "TestLambdaSizeLimits::test_large_environment_fails_multiple_keys",
    async run(t) {
      await t.match(
        "failured_create_fn_result_multi_key",
        envCreate(t, { SMALL_VAR: "ok", LARGE_VAR: "x".repeat(4064) }),
      );
    },
  },
  {
    key: "TestLambdaSizeLimits::test_lambda_envvars_near_limit_succeeds",
    async run(t) {
      await t.match(
        "successful_create_fn_result",
        envCreate(t, { LARGE_VAR: "x".repeat(4 * 1024 - 7 - 9) }),
        asFixtureAnswer,
      );
    },
  },
  {
    key: "TestLambdaSnapStart::test_snapstart_exceptions",
    async run(t) {
      await t.match(
        "create_function_invalid_snapstart_apply",
        createFunction(
          t,
          createInput(t.name("invalid-function"), {
            Handler: "cloud.localstack.sample.LambdaHandlerWithLib",
            Runtime: "java21",
            SnapStart: { ApplyOn: "invalidOption" as "None" },
          }),
        ),
      );
    },
  },
  ...SNAP_START.map(([runtime, Handler]) => ({
    key: `TestLambdaSnapStart::test_snapstart_update_function_configuration[${runtime}]`,
    async run(t: ParityRun) {
      const FunctionName = t.name("fn");
      const input = createInput(FunctionName, {
        Runtime: runtime as Runtime,
        Handler,
        MemorySize: 1024,
        Timeout: 5,
      });
      await t.match("create_function_response", createFunction(t, input));
      await t.match(
        "update_function_response",
        update(t, { FunctionName, SnapStart: { ApplyOn: "PublishedVersions" } }),
      );
    },
  })),
];
