import { readFileSync } from "node:fs";
import { describe, expect, test } from "vitest";
import { renderEnvExample } from "../../helpers/docs/env-example.ts";

const ENV_EXAMPLE = new URL("../../.env.example", import.meta.url).pathname;

describe(".env.example", () => {
  test("matches the chain the seed serves", () => {
    expect(readFileSync(ENV_EXAMPLE, "utf8")).toBe(renderEnvExample());
  });

  test("names the seed's COPY source and table", () => {
    const text = renderEnvExample();
    expect(text).toContain("# CHAINCHECK_COPY_SOURCE=s3://chaincheck-copy-source/input/sales.csv\n");
    expect(text).toContain("# CHAINCHECK_COPY_TABLE=public.sales\n");
  });
});
