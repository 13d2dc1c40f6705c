/**
 * Ready-to-use credentials for a principal named loosely, for tests and the standalone emulator:
 *
 *   "A:tester" / "chaincheck-a:tester" / "111111111111:tester"  account (id or alias) + user name
 *   "tester"                                                      a user name unique in the setup
 *   "arn:aws:iam::111111111111:user/tester"                      a user ARN
 *   "arn:aws:iam::222222222222:role/R"                           a role: a fresh session "chaincheck"
 *                                                                 (minted directly, no trust check)
 *   "A:root" / "arn:aws:iam::111111111111:root"                  the account's root user (unless a
 *                                                                 user is named root)
 *
 * "A"/"B" are shorthands for the first/second account of the setup. A user without access keys
 * gets one generated.
 */
import type { IamUser } from "./iam-entities.ts";
import type { StaticCredentials, World } from "./world.ts";

function resolveAccount(world: World, ref: string): string | undefined {
  const accounts = world.setup.accounts;
  if (/^[A-Z]$/.test(ref)) return accounts[ref.charCodeAt(0) - 65]?.id;
  return accounts.find((a) => a.id === ref || a.alias === ref)?.id;
}

function findUser(world: World, principal: string): IamUser | undefined {
  if (principal.startsWith("arn:")) return world.iam.getUserByArn(principal);
  const colon = principal.lastIndexOf(":");
  if (colon > 0) {
    const account = resolveAccount(world, principal.slice(0, colon));
    return account ? world.iam.getUser(account, principal.slice(colon + 1)) : undefined;
  }
  const matches = world.iam.allUsers().filter((u) => u.name === principal);
  if (matches.length > 1) {
    throw new Error(`user name ${principal} is ambiguous; write <account>:${principal}`);
  }
  return matches[0];
}

function rootOf(world: World, principal: string): string | undefined {
  const m = /^(.+):root$/.exec(principal);
  return m ? resolveAccount(world, m[1] ?? "") : undefined;
}

export function credentialsFor(world: World, principal: string): StaticCredentials {
  if (/^arn:aws:iam::\d{12}:role\//.test(principal)) {
    const role = world.iam.getRoleByArn(principal);
    if (!role) throw new Error(`no role ${principal} in the world`);
    const record = world.issueRoleSession({
      role,
      sessionName: "chaincheck",
      durationSeconds: role.maxSessionDuration,
    });
    return {
      accessKeyId: record.accessKeyId,
      secretAccessKey: record.secretAccessKey,
      sessionToken: record.sessionToken,
    };
  }
  const user = findUser(world, principal);
  const root = /^arn:aws:iam::(\d{12}):root$/.exec(principal)?.[1] ?? rootOf(world, principal);
  if (!user && root) {
    const record = world.rootAccessKey(root);
    return { accessKeyId: record.accessKeyId, secretAccessKey: record.secretAccessKey };
  }
  if (!user) throw new Error(`no user ${principal} in the world (try "<account id or alias>:<user name>")`);
  const key = user.accessKeys.find((k) => k.status === "Active") ?? world.createAccessKey(user);
  return { accessKeyId: key.accessKeyId, secretAccessKey: key.secretAccessKey };
}
