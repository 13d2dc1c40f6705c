import { InvokeCommand, LambdaClient } from "@aws-sdk/client-lambda";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { parseChainConfig } from "../../../config/chain-config.ts";
import { type RunningEmulator, startEmulator } from "../../../emulator/index.ts";
import type { ProbeEvent } from "../../../helpers/chain/probe-origin.ts";
import { deployProbe, PROBE_DESCRIPTION, removeProbe } from "../../../helpers/probe/deploy.ts";
import { buildProbeZip } from "../../../helpers/probe/probe-bundle.ts";
import type { LinkReport } from "../../../helpers/report/types.ts";
import { defaultSetupPath, probeHandlerPath } from "../../../helpers/targets/open-target.ts";

const LAMBDA_ROLE = "arn:aws:iam::111111111111:role/chaincheck-lambda-role";
const NAME = "chaincheck-probe-deployed";

let emu: RunningEmulator;
let zip: Uint8Array;

beforeAll(async () => {
  emu = await startEmulator({ setup: defaultSetupPath(), probeHandler: probeHandlerPath() });
  zip = await buildProbeZip();
});
afterAll(() => emu?.stop());

function settings(principal = "A:tester") {
  return { region: emu.region, endpoint: emu.endpoint, credentials: emu.credentials(principal) };
}

const deploy = (functionName = NAME, principal?: string) =>
  deployProbe({ functionName, roleArn: LAMBDA_ROLE, settings: settings(principal), zip });

describe("probe deploy and remove", () => {
  test("creates the probe, runs links 2–5 inside it, updates it, and removes only it", async () => {
    const created = await deploy();
    expect(created.action).toBe("created");
    expect(created.functionArn).toBe(`arn:aws:lambda:ap-northeast-1:111111111111:function:${NAME}`);
    expect(created.codeSize).toBe(zip.length);

    const chain = parseChainConfig(emu.world.setup.chain, "setup");
    const event: ProbeEvent = {
      chaincheckProbe: 1,
      config: chain,
      links: ["assume-role", "cluster-credentials", "execute-statement"],
    };
    const lambda = new LambdaClient(settings());
    const out = await lambda.send(
      new InvokeCommand({ FunctionName: NAME, Payload: Buffer.from(JSON.stringify(event)) }),
    );
    expect(out.FunctionError).toBeUndefined();
    const result = JSON.parse(Buffer.from(out.Payload ?? []).toString("utf8")) as { links: LinkReport[] };
    expect(result.links.map((l) => [l.id, l.status])).toEqual([
      ["assume-role", "pass"],
      ["cluster-credentials", "pass"],
      ["execute-statement", "pass"],
    ]);
    expect(result.links[0].checks?.[1].detail).toBe(
      "GetCallerIdentity shows arn:aws:sts::222222222222:assumed-role/chaincheck-redshift-role/chaincheck",
    );
    expect(result.links[0].checks?.[1]).toMatchObject({
      id: "credentials-are-b",
      facts: {
        callerArn: "arn:aws:sts::222222222222:assumed-role/chaincheck-redshift-role/chaincheck",
        account: "222222222222",
        expectedArn: "arn:aws:sts::222222222222:assumed-role/chaincheck-redshift-role/chaincheck",
      },
    });
    expect(result.links[2].checks?.[0]).toMatchObject({
      id: "probe-statement",
      facts: { status: "FINISHED", dbUser: chain.dbUser, database: chain.database },
    });

    const updated = await deploy();
    expect(updated.action).toBe("updated");
    expect(await removeProbe({ functionName: NAME, settings: settings() })).toBe("deleted");
    expect(await removeProbe({ functionName: NAME, settings: settings() })).toBe("absent");
  });

  test("leaves a function that is not a chaincheck probe alone", async () => {
    const message =
      "function chaincheck-probe exists and is not a chaincheck probe (its description differs), so it is left alone; choose another CHAINCHECK_FUNCTION_NAME for the probe";
    await expect(deploy("chaincheck-probe")).rejects.toThrow(message);
    await expect(removeProbe({ functionName: "chaincheck-probe", settings: settings() })).rejects.toThrow(
      message,
    );
    expect(PROBE_DESCRIPTION).not.toBe("");
  });

  test("names lambda:CreateFunction and iam:PassRole when the caller may not deploy", async () => {
    await expect(deploy(NAME, LAMBDA_ROLE)).rejects.toThrow(
      /^reading function chaincheck-probe-deployed was denied \(AccessDeniedException\): the caller needs lambda:GetFunctionConfiguration on it, then lambda:CreateFunction \(or lambda:UpdateFunctionCode\) and iam:PassRole on arn:aws:iam::111111111111:role\/chaincheck-lambda-role\. AWS said: User: arn:aws:sts::111111111111:assumed-role\/chaincheck-lambda-role\/chaincheck is not authorized to perform: lambda:GetFunctionConfiguration/,
    );
  });
});
