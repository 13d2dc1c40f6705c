import { describe, expect, test } from "vitest";
import { loadSetup } from "../../emulator/index.ts";
import { scenariosDir } from "../../helpers/scenarios/scenario-list.ts";
import { changedOnLink, diffSetups, renderChanges } from "../../helpers/twin/diff-setups.ts";
import { SEED } from "../support/constants.ts";

const seed = loadSetup(SEED);
const scenario = (name: string) => loadSetup(`${scenariosDir()}/${name}.yaml`);

describe("diff of two setups along the chain's path", () => {
  test("finds nothing between a setup and itself", () => {
    expect(diffSetups(seed, loadSetup(SEED))).toEqual([]);
  });

  test("names an added SCP on lambda-role's path", () => {
    const changes = diffSetups(seed, scenario("scp-denied--assume-role"));
    expect(changes.map((c) => [c.link, c.item, c.change])).toEqual([
      ["lambda-role", "SCP deny-cross-account-assume-role (o-chaincheck01)", "added"],
    ]);
  });

  test("names B's changed trust on assume-role's path with the old and new documents", () => {
    const [change] = diffSetups(seed, scenario("trust-policy-missing-principal"));
    expect(change).toMatchObject({
      link: "assume-role",
      item: "role arn:aws:iam::222222222222:role/chaincheck-redshift-role trust policy",
      change: "changed",
    });
    expect(renderChanges([change]).join("\n")).toContain("arn:aws:iam::111111111111:user/tester");
  });

  test("keeps to the failed link's path: a grant change is not on assume-role's", () => {
    const changes = diffSetups(seed, scenario("sql-permission-denied"));
    expect(changedOnLink(changes, "copy-from-s3").map((c) => c.item)).toEqual(["SQL grants to app_user"]);
    expect(changedOnLink(changes, "assume-role")).toEqual([]);
  });

  test("compares a secret by its key names, never its values", () => {
    const changes = diffSetups(scenario("secret-unreadable"), scenario("secret-malformed"));
    const text = JSON.stringify(changes);
    expect(text).not.toContain("chaincheck-app-user-pw");
    expect(changes.find((c) => c.item.startsWith("secret "))).toMatchObject({
      old: { keys: ["dbClusterIdentifier", "password", "username"] },
      new: { keys: ["dbClusterIdentifier", "username"] },
    });
  });
});
