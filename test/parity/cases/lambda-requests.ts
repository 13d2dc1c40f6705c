/** The Lambda requests the recorded tests send, as SDK v3 commands. */
import {
  CreateFunctionCommand,
  type CreateFunctionCommandInput,
  DeleteFunctionCommand,
  GetFunctionCodeSigningConfigCommand,
  GetFunctionCommand,
  GetFunctionConcurrencyCommand,
  GetFunctionConfigurationCommand,
  GetFunctionEventInvokeConfigCommand,
  GetFunctionUrlConfigCommand,
  InvokeCommand,
} from "@aws-sdk/client-lambda";
import { strToU8, zipSync } from "fflate";
import type { ParityRun } from "../support/parity-run.ts";
import { LAMBDA_ROLE_ARN } from "../support/parity-setup.ts";

const ECHO_HANDLER = "def handler(event, context):\n    return event\n";
export const zipOf = (source: string, file = "handler.py") => zipSync({ [file]: strToU8(source) });

export function createInput(FunctionName: string, extra: Partial<CreateFunctionCommandInput> = {}) {
  return {
    FunctionName,
    Handler: "handler.handler",
    Code: { ZipFile: zipOf(ECHO_HANDLER) },
    PackageType: "Zip" as const,
    Role: LAMBDA_ROLE_ARN,
    Runtime: "python3.12" as const,
    ...extra,
  } satisfies CreateFunctionCommandInput;
}

export const createFunction = (t: ParityRun, input: CreateFunctionCommandInput) =>
  t.clients.lambda.send(new CreateFunctionCommand(input));

/** The recorded tests' create_lambda_function fixture wraps the answer like this. */
export const asFixtureAnswer = (a: Record<string, unknown>) => ({
  CreateEventSourceMappingResponse: null,
  CreateFunctionResponse: a,
});

type ByName = { FunctionName: string; Qualifier?: string };

/** The Lambda operations the recorded tests call by name on a function, with boto3's names. */
export function callByName(t: ParityRun, clientfn: string, input: ByName): Promise<unknown> {
  const lambda = t.clients.lambda;
  switch (clientfn) {
    case "get_function":
      return lambda.send(new GetFunctionCommand(input));
    case "get_function_configuration":
      return lambda.send(new GetFunctionConfigurationCommand(input));
    case "delete_function":
      return lambda.send(new DeleteFunctionCommand(input));
    case "invoke":
      return lambda.send(new InvokeCommand(input));
    case "get_function_url_config":
      return lambda.send(new GetFunctionUrlConfigCommand(input));
    case "get_function_code_signing_config":
      return lambda.send(new GetFunctionCodeSigningConfigCommand(input));
    case "get_function_event_invoke_config":
      return lambda.send(new GetFunctionEventInvokeConfigCommand(input));
    case "get_function_concurrency":
      return lambda.send(new GetFunctionConcurrencyCommand(input));
    default:
      throw new Error(`no replay for ${clientfn}`);
  }
}
