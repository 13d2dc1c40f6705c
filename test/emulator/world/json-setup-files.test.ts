import { describe, expect, test } from "vitest";
import { parseJsonSetupText } from "../../../emulator/world/json-setup-text.ts";
import { loadSetup } from "../../../emulator/world/load-setup.ts";
import { setupProblems, tempFolder } from "../../support/files.ts";

const json = (value: unknown) => JSON.stringify(value, null, 2);

describe("JSON setup files", () => {
  test("load the same as the YAML form", () => {
    const setup = {
      accounts: [{ id: "111111111111" }],
      users: [{ account: "111111111111", name: "tester" }],
    };
    const dir = tempFolder({
      "setup.json": json(setup),
      "setup.yaml":
        "accounts:\n  - id: '111111111111'\nusers:\n  - account: '111111111111'\n    name: tester\n",
    });
    expect(loadSetup(`${dir}/setup.json`)).toEqual({ ...loadSetup(`${dir}/setup.yaml`), baseDir: dir });
  });

  test("place a bad value at its line and column", () => {
    const dir = tempFolder({
      "setup.json": json({ accounts: [{ id: "111111111111" }, { id: "12" }] }),
    });
    expect(setupProblems(() => loadSetup(`${dir}/setup.json`))).toEqual([
      `${dir}/setup.json:7:7: accounts[1].id: expected a 12-digit account id such as "111111111111"`,
    ]);
  });

  test("with a key written twice are refused as YAML refuses them, at the repeated key", () => {
    const dir = tempFolder({ "setup.json": '{\n  "accounts": [],\n  "accounts": []\n}\n' });
    expect(setupProblems(() => loadSetup(`${dir}/setup.json`))).toEqual([
      expect.stringMatching(/cannot parse: Map keys must be unique at line 3, column 3/),
    ]);
  });
});

describe("parseJsonSetupText", () => {
  test("reads a JSON object", () => {
    expect(parseJsonSetupText(' {"a": [{"b": 1}, {"b": 2}], "c": "x"}')).toEqual({
      a: [{ b: 1 }, { b: 2 }],
      c: "x",
    });
  });

  test("leaves repeated keys, spelt alike or escaped, to the YAML parser", () => {
    expect(parseJsonSetupText('{"a": {"b": 1, "b": 2}}')).toBeUndefined();
    expect(parseJsonSetupText('{"ab": 1, "a\\u0062": 2}')).toBeUndefined();
  });

  test("keeps equal keys in different objects and strings that look like keys", () => {
    expect(parseJsonSetupText('{"a": {"k": 1}, "b": {"k": "\\"k\\": ,"}, "c": ["k", "k"]}')).toEqual({
      a: { k: 1 },
      b: { k: '"k": ,' },
      c: ["k", "k"],
    });
  });

  test("leaves YAML, non-objects and broken JSON to the YAML parser", () => {
    expect(parseJsonSetupText("accounts: []")).toBeUndefined();
    expect(parseJsonSetupText("[1]")).toBeUndefined();
    expect(parseJsonSetupText('{"a": 1,}')).toBeUndefined();
  });
});
