/**
 * Where the emulator may listen. It trusts whoever can reach it: the setup's access keys are
 * published (fixtures, README), and Lambda functions run code as the host user. So it listens on
 * loopback unless the caller says otherwise (`allowRemote`), and then the keys are minted at
 * random (emulator/world/mint-random-keys.ts) and code sent over the wire does not run unless
 * allowed too (`allowRemoteCode`, emulator/lambda/invoke-operation.ts).
 *
 * Loopback means an IPv4 address in 127.0.0.0/8, `::1`, its IPv4-mapped form, or the name
 * `localhost`. Any other name counts as remote, even one that resolves to loopback: what a name
 * resolves to can change after the check.
 */
import { isIPv4 } from "node:net";

export class RemoteBindRefused extends Error {
  override readonly name = "RemoteBindRefused";

  constructor(readonly host: string) {
    super(
      `"${host}" is not a loopback address: the emulator would accept requests from the network, ` +
        "and anyone who can reach it could call it with the setup's published access keys and run " +
        "Lambda code on this machine. Listen on 127.0.0.1 (the default), or allow remote access " +
        "explicitly (chaincheck emulator --allow-remote; startEmulator({ allowRemote: true })), which " +
        "mints random access keys for every user",
    );
  }
}

export function isLoopbackHost(host: string): boolean {
  const bare = host.startsWith("[") && host.endsWith("]") ? host.slice(1, -1) : host;
  const lower = bare.toLowerCase();
  if (lower === "localhost" || lower === "::1" || lower === "0:0:0:0:0:0:0:1") return true;
  const v4 = lower.startsWith("::ffff:") ? lower.slice("::ffff:".length) : lower;
  return isIPv4(v4) && v4.startsWith("127.");
}

/** Throws RemoteBindRefused for a non-loopback host unless remote access is allowed. */
export function assertBindAllowed(host: string, allowRemote: boolean): void {
  if (!allowRemote && !isLoopbackHost(host)) throw new RemoteBindRefused(host);
}
