/**
 * A setup made safe to serve beyond loopback: the fixed access keys a setup file names (published
 * in the repository, so known to anyone) are dropped, and the id seed is random, so every user's
 * key, every STS session and every generated id is minted from a secret nobody else knows.
 * Only the key material changes: users, their key count and their keys' status stay as written.
 */
import { randomBytes } from "node:crypto";
import type { Setup } from "./setup-schema.ts";

export function withRandomKeys(setup: Setup): Setup {
  return {
    ...setup,
    seed: randomBytes(32).toString("hex"),
    users: setup.users.map((user) => ({
      ...user,
      accessKeys: user.accessKeys.map(({ accessKeyId: _id, secretAccessKey: _secret, ...rest }) => rest),
    })),
  };
}
