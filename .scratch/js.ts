import { z } from "zod";
import { setupSchema } from "/work/wt-users/emulator/world/setup-schema.ts";
const s = z.toJSONSchema(setupSchema, { io: "input", target: "draft-7", unrepresentable: "any" }) as any;
const paths: string[] = [];
function walk(node: any, path: string) {
  if (!node || typeof node !== "object") return;
  if (node.properties) for (const [k, v] of Object.entries(node.properties)) { paths.push(path + k); walk(v, path + k + "."); }
  if (node.items) walk(node.items, path.replace(/\.$/, "") + "[].");
  for (const alt of node.anyOf ?? []) walk(alt, path);
}
walk(s, "");
console.log(paths.join("\n"));
console.log(JSON.stringify(s).length);
console.log(JSON.stringify(s.properties.chain).slice(0,600));
