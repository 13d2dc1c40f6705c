/** Public surface of the emulator core, for services (emulator/<service>/) and the CLI. */

export { restResult } from "../protocols/rest-result.ts";
export { bucketFromHost, splitBucketKey, toPathStyle } from "../protocols/s3-routing.ts";
export { xmlList, xmlMap } from "../protocols/xml-writer.ts";
export { AwsError, type AwsErrorOptions, notImplemented } from "./errors.ts";
export { createEmulatorServer, type EmulatorServer, type EmulatorServerOptions } from "./server.ts";
export type * from "./types.ts";
