import { type FunctionConfiguration, ListFunctionsCommand } from "@aws-sdk/client-lambda";
import { strToU8, zipSync } from "fflate";
import type { ParityCase } from "../support/parity-case.ts";
import type { ParityRun } from "../support/parity-run.ts";
import { asFixtureAnswer, createFunction, createInput } from "./lambda-requests.ts";

const ECHO = "def handler(event, context):\n    return event\n";
const ZIPPED_LIMIT = 52_428_800;
const REQUEST_LIMIT = 70_167_211;

/** The recorded tests pad the handler with `#` to a size and zip it stored (Python's default). */
const storedZipOf = (size: number) =>
  zipSync({ "handler.py": strToU8(ECHO + "#".repeat(size - ECHO.length)) }, { level: 0 });

async function listAll(t: ParityRun, FunctionVersion?: "ALL") {
  const functions: FunctionConfiguration[] = [];
  let Marker: string | undefined;
  do {
    const page = await t.call(
      t.clients.lambda.send(new ListFunctionsCommand({ FunctionVersion, MaxItems: 1, Marker })),
    );
    functions.push(...(page.Functions ?? []));
    Marker = page.NextMarker;
  } while (Marker);
  return functions;
}

export const lambdaListLimitCases: ParityCase[] = [
  {
    key: "TestLambdaFunction::test_list_functions",
    async run(t) {
      const names = [t.name("list-fn-1"), t.name("list-fn-2")];
      const fixture = { Timeout: 30, Environment: { Variables: {} } };
      await t.match(
        "create_response_1",
        createFunction(t, createInput(names[0]!, { ...fixture, Publish: true })),
        asFixtureAnswer,
      );
      await t.match("create_response_2", createFunction(t, createInput(names[1]!, fixture)), asFixtureAnswer);
      await t.match(
        "list_functions_invalid_functionversion",
        t.clients.lambda.send(new ListFunctionsCommand({ FunctionVersion: "invalid" as "ALL" })),
      );
      const ours = (all: FunctionConfiguration[]) =>
        all
          .filter((f) => names.includes(f.FunctionName!))
          .sort((a, b) => (a.FunctionArn! < b.FunctionArn! ? -1 : 1));
      t.keep("list_all", { Functions: ours(await listAll(t, "ALL")) });
      t.keep("list_default", { Functions: ours(await listAll(t)) });
    },
    mismatch:
      "Publish is ignored: only $LATEST exists, so Publish=True answers Version $LATEST and FunctionVersion=ALL lists no numbered versions",
  },
  {
    key: "TestLambdaSizeLimits::test_oversized_zipped_create_lambda",
    async run(t) {
      await t.match(
        "invalid_param_exc",
        createFunction(
          t,
          createInput(t.name("test_lambda"), { Code: { ZipFile: storedZipOf(ZIPPED_LIMIT) }, Timeout: 10 }),
        ),
      );
    },
  },
  {
    key: "TestLambdaSizeLimits::test_oversized_request_create_lambda",
    async run(t) {
      const padding = "#".repeat(REQUEST_LIMIT - ZIPPED_LIMIT + 1024 * 1024);
      await t.match(
        "invalid_param_exc",
        createFunction(
          t,
          createInput(t.name("test_lambda"), {
            Code: { ZipFile: storedZipOf(ZIPPED_LIMIT - 1024) },
            Timeout: 10,
            Environment: { Variables: { largeKey: padding } },
          }),
        ),
      );
    },
  },
];
