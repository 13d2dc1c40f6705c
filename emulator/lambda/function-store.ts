/**
 * Functions per account and region, seeded from the setup's `lambdaFunctions` (code `file` paths
 * resolve against the setup's directory; `probe` code runs the probe handler given to startEmulator).
 */
import type { World } from "../world/world.ts";
import { codeFromFile, codeFromInline, discardCode, probeCode } from "./function-code.ts";
import { functionArnOf, type LambdaFunction, newRevisionId } from "./lambda-function.ts";

const keyOf = (account: string, region: string, name: string) => `${account}/${region}/${name}`;

export class FunctionStore {
  private readonly functions = new Map<string, LambdaFunction>();

  get(account: string, region: string, name: string): LambdaFunction | undefined {
    return this.functions.get(keyOf(account, region, name));
  }

  put(fn: LambdaFunction): void {
    this.functions.set(keyOf(fn.account, fn.region, fn.name), fn);
  }

  delete(fn: LambdaFunction): void {
    this.functions.delete(keyOf(fn.account, fn.region, fn.name));
    discardCode(fn.code);
  }

  /** Functions of one account and region, by name (ListFunctions' order). */
  list(account: string, region: string): LambdaFunction[] {
    return [...this.functions.values()]
      .filter((fn) => fn.account === account && fn.region === region)
      .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  }

  /** Remove every temporary code directory. */
  discardAll(): void {
    for (const fn of this.functions.values()) discardCode(fn.code);
  }

  static seeded(world: World, probeHandler: string | undefined): FunctionStore {
    const store = new FunctionStore();
    const baseDir = world.setup.baseDir ?? process.cwd();
    for (const f of world.setup.lambdaFunctions) {
      if (f.$delete) continue;
      const code =
        "probe" in f.code
          ? probeCode(probeHandler)
          : "file" in f.code
            ? codeFromFile(f.code.file, baseDir)
            : codeFromInline(f.code.inline, f.handler);
      store.put({
        account: f.account,
        region: f.region,
        name: f.name,
        arn: functionArnOf(f.region, f.account, f.name),
        role: f.role,
        runtime: f.runtime,
        handler: f.handler,
        description: "",
        timeout: f.timeout,
        memorySize: f.memorySize,
        environment: { ...f.environment },
        code,
        tags: { ...f.tags },
        vpc: f.vpc,
        lastModified: world.clock(),
        revisionId: newRevisionId(),
      });
    }
    return store;
  }
}
