import type { ParityCase } from "../support/parity-case.ts";
import type { ParityRun } from "../support/parity-run.ts";
import { callByName, createFunction, createInput } from "./lambda-requests.ts";

/** The function names and qualifiers the recorded test sends, `{region}`/`{account}` filled in. */
const INPUTS: Record<string, { FunctionName: string; Qualifier?: string }> = {
  invalid_characters_in_function_name: { FunctionName: "my-function!" },
  function_name_is_single_invalid: { FunctionName: "*" },
  invalid_characters_in_qualifier: { FunctionName: "my-function", Qualifier: "invalid!" },
  qualifier_too_long: { FunctionName: "my-function", Qualifier: "a".repeat(129) },
  invalid_account_id_in_partial_arn: { FunctionName: "invalid-account:function:my-function" },
  invalid_region_in_arn: { FunctionName: "arn:aws:lambda:invalid-region:{account}:function:my-function" },
  non_lambda_arn: { FunctionName: "arn:aws:ec2:{region}:{account}:instance:i-1234567890abcdef0" },
  function_name_too_long: { FunctionName: "a".repeat(65) },
  function_name_too_long_and_invalid_region: {
    FunctionName: `arn:aws:lambda:invalid-region:{account}:function:my-function${"a".repeat(170)}`,
  },
  full_arn_and_qualifier_too_long_and_invalid_region: {
    FunctionName: `arn:aws:lambda:invalid-region:{account}:function:my-function-${"a".repeat(170)}`,
    Qualifier: "a".repeat(129),
  },
  full_arn_with_multiple_qualifiers: {
    FunctionName: "arn:aws:lambda:{region}:{account}:function:my-function:1:2",
  },
  incomplete_arn: { FunctionName: "arn:aws:lambda:{region}:{account}:function" },
  partial_arn_with_extra_qualifier: { FunctionName: "function:my-function:$LATEST:extra" },
  latest_version_with_additional_qualifier: {
    FunctionName: "arn:aws:lambda:{region}:{account}:function:my-function:$LATEST",
    Qualifier: "1",
  },
  lowercase_latest_qualifier: {
    FunctionName: "arn:aws:lambda:{region}:{account}:function:my-function",
    Qualifier: "$latest",
  },
  missing_region_in_arn: { FunctionName: "arn:aws:lambda::{account}:function:my-function" },
  missing_account_id_in_arn: { FunctionName: "arn:aws:lambda:{region}::function:my-function" },
  misspelled_latest_in_arn: { FunctionName: "arn:aws:lambda:{region}:{account}:function:my-function:$LATES" },
};

/** The recorded test keeps the error code and each "Value … failed to satisfy constraint" sorted, or the message. */
function summarise(error: unknown): Record<string, unknown> {
  const e = error as { name: string; message: string };
  const found = e.message.match(/Value '.*?' at '.*?' failed to satisfy constraint: .+?(?=;|$)/g);
  return found
    ? { Code: e.name, Errors: [...found].sort(), Count: found.length }
    : { Code: e.name, Message: e.message };
}

async function attempt(t: ParityRun, clientfn: string, id: string): Promise<void> {
  const input = INPUTS[id]!;
  const fill = (s: string) => s.replaceAll("{region}", t.region).replaceAll("{account}", t.account);
  const FunctionName = fill(input.FunctionName);
  const call =
    clientfn === "create_function"
      ? createFunction(t, {
          ...createInput(input.Qualifier ? `${FunctionName}:${input.Qualifier}` : FunctionName),
          Handler: "index.handler",
        })
      : callByName(t, clientfn, { FunctionName, Qualifier: input.Qualifier });
  try {
    await t.call(call);
    t.keep(`${clientfn}_exception`, "(no error)");
  } catch (error) {
    if ((error as { $metadata?: unknown }).$metadata === undefined) throw error;
    t.keep(`${clientfn}_exception`, summarise(error));
  }
}

export const nameValidationCases: ParityCase[] = Object.keys(INPUTS).flatMap((id) =>
  ["get_function", "delete_function", "invoke", "create_function"].map((clientfn) => ({
    key: `TestLambdaFunction::test_function_name_and_qualifier_validation[${id}-${clientfn}]`,
    run: (t: ParityRun) => attempt(t, clientfn, id),
  })),
);
