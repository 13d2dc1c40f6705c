import { describe, expect, test } from "vitest";
import { LONG_PASTE_SHAPES, longPaste } from "../../../bench/diagnose.bench.ts";
import { diagnoseText } from "../../../helpers/diagnosis/classify/classify-error.ts";

const MB = 1024 * 1024;
const DENIAL =
  "An error occurred (AccessDenied) when calling the AssumeRole operation: User: arn:aws:sts::111111111111:assumed-role/chaincheck-lambda-role/chaincheck-probe is not authorized to perform: sts:AssumeRole on resource: arn:aws:iam::222222222222:role/chaincheck-redshift-role";

describe("diagnose on a 1 MB paste", () => {
  test.each(Object.entries(LONG_PASTE_SHAPES))("%s: classified, not hung", (name, unit) => {
    const result = diagnoseText(longPaste(unit, MB));
    expect(result.link).toBe(name === "cli error" ? "assume-role" : null);
  });

  test("a real denial at the end of 1 MB of log lines is still found", () => {
    const result = diagnoseText(`${longPaste(LONG_PASTE_SHAPES["log lines"] as string, MB)}${DENIAL}`);
    expect(result.link).toBe("assume-role");
  });

  test("a real denial followed by 1 MB of whitespace runs keeps its link", () => {
    const result = diagnoseText(`${DENIAL}\n${longPaste(" \n", MB)}`);
    expect([result.link, result.causes[0]?.cause]).toEqual(["assume-role", expect.any(String)]);
  });
});
