// Copy into your repo (npm i -D chaincheck vitest) and run `npx vitest`.
import { GetCallerIdentityCommand, STSClient } from "@aws-sdk/client-sts";
import { checkChain, defaultSetupPath, type Report, startEmulator } from "chaincheck";
import { expect, test } from "vitest";

// Your setup file (docs/setup-format.md); the package's seed here so the example runs as it is.
const setup = process.env.CHAINCHECK_SETUP ?? defaultSetupPath();

test("the emulator answers as the setup's tester", { timeout: 60_000 }, async () => {
  const emu = await startEmulator({ setup });
  try {
    const sts = new STSClient({
      endpoint: emu.endpoint,
      region: emu.region,
      credentials: emu.credentials("A:tester"),
    });
    const me = await sts.send(new GetCallerIdentityCommand({}));
    expect(me.Arn).toBe(`arn:aws:iam::${emu.world.setup.accounts[0].id}:user/tester`);
  } finally {
    await emu.stop();
  }
});

test("the chain is green, link by link", { timeout: 180_000 }, async () => {
  const report: Report = await checkChain({ target: "embedded", setup });
  expect(report.links.map((l) => [l.id, l.status])).toEqual([
    ["lambda-role", "pass"],
    ["assume-role", "pass"],
    ["cluster-credentials", "pass"],
    ["execute-statement", "pass"],
    ["copy-from-s3", "pass"],
  ]);
});
