/**
 * The steps every KMS API operation on one key shares, in AWS's order: resolve the KeyId (key id,
 * key ARN, alias name, alias ARN) → NotFoundException; authorize with the key policy and the
 * caller's identity (emulator/kms `authorizeKeyUse`) → AccessDeniedException; then, for
 * cryptographic operations, the key state → DisabledException.
 * https://docs.aws.amazon.com/kms/latest/developerguide/key-state.html
 *
 * KMS is regional: a key ARN naming another region does not resolve at this region's endpoint [I].
 * Alias names and bare key ids resolve in the caller's own account; another account's key needs its
 * key ARN or alias ARN.
 * https://docs.aws.amazon.com/kms/latest/developerguide/key-policy-modifying-external-accounts.html
 */
import { AwsError } from "../core/errors.ts";
import type { Caller } from "../core/types.ts";
import type { World } from "../world/world.ts";
import { authorizeKeyUse, type KeyUseAction, keyUseDeniedMessage } from "./authorize-key-use.ts";
import type { EncryptionContext } from "./ciphertext-blob.ts";
import { aliasNotFound, keyDisabled, keyNotFound, kmsAccessDenied, validation } from "./kms-errors.ts";
import { findKey, type KmsKey, keyArnOf } from "./kms-key-store.ts";

export interface KmsCall {
  caller: Caller;
  region: string;
  requestId: string;
  input: Record<string, unknown>;
}

const KEY_ID = /^(?:[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}|mrk-[0-9a-f]{32})$/i;
const KEY_ARN = /^arn:aws[a-z-]*:kms:([a-z0-9-]+):(\d{12}):(key|alias)\/(.+)$/;

/** The ARN AWS names in its NotFoundException for a reference that did not resolve. */
function notFound(call: KmsCall, ref: string) {
  const arn = KEY_ARN.exec(ref);
  if (arn) return arn[3] === "alias" ? aliasNotFound(ref) : keyNotFound(ref);
  const { account } = call.caller;
  if (ref.startsWith("alias/")) return aliasNotFound(`arn:aws:kms:${call.region}:${account}:${ref}`);
  // A bare id that is not a key id at all (recorded, test/parity).
  if (!KEY_ID.test(ref)) return new AwsError("NotFoundException", `Invalid keyId '${ref}'`, { status: 400 });
  return keyNotFound(keyArnOf(account, call.region, ref));
}

export function resolveKey(world: World, call: KmsCall, ref: string): KmsKey {
  const key = findKey(world, call.caller.account, call.region, ref);
  if (!key || key.region !== call.region) throw notFound(call, ref);
  return key;
}

/** Resolve the request's KeyId member (required), with Coral's validation of its length. */
export function resolveKeyMember(world: World, call: KmsCall): KmsKey {
  const ref = call.input.KeyId;
  if (typeof ref !== "string") {
    throw validation("Value null at 'keyId' failed to satisfy constraint: Member must not be null");
  }
  if (ref.length < 1 || ref.length > 2048) {
    throw validation(
      `Value '${ref}' at 'keyId' failed to satisfy constraint: Member must have length between 1 and 2048`,
    );
  }
  return resolveKey(world, call, ref);
}

export function authorizeKey(
  world: World,
  call: KmsCall,
  key: KmsKey,
  action: KeyUseAction,
  encryptionContext?: EncryptionContext,
): void {
  const result = authorizeKeyUse(world, call.caller, key, action, {
    region: key.region,
    encryptionContext,
    requestId: call.requestId,
  });
  if (result.decision !== "Allow") {
    throw kmsAccessDenied(keyUseDeniedMessage(result, call.caller, key, action));
  }
}

/** Key state check for cryptographic operations (DescribeKey and the policy calls skip it). */
export function requireEnabled(key: KmsKey): void {
  if (!key.enabled) throw keyDisabled(key.arn);
}

/**
 * GetKeyPolicy and PutKeyPolicy do not work across accounts; a key ARN of another account is
 * answered as a key that does not exist here [I].
 * https://docs.aws.amazon.com/kms/latest/developerguide/key-policy-modifying-external-accounts.html
 */
export function requireOwnAccount(call: KmsCall, key: KmsKey): void {
  if (key.account !== call.caller.account) throw keyNotFound(key.arn);
}
