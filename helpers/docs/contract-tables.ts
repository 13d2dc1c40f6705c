/**
 * The cause tables of docs/contracts.md (its link table is readme-tables.ts's), generated from the cause catalog
 * (helpers/diagnosis/catalog/causes.ts) so that ids, sides and titles there cannot drift from the code.
 * `node bin/run-ts.js helpers/docs/readme-tables.ts --write` rewrites them with the README's tables;
 * test/docs/references.test.ts fails when they are stale.
 */
import { CAUSES, DESIGN_CAUSE_IDS } from "../diagnosis/catalog/causes.ts";
import { LINKS } from "../links.ts";

const BASE_IDS = new Set(Object.values(DESIGN_CAUSE_IDS).flat());

/** One table per link: cause (¹ = beyond the base set), side, what chaincheck says, catalog entries. */
export function contractCauseTables(): string {
  return LINKS.map((link) => {
    const rows = CAUSES.filter((c) => c.link === link.id).map(
      (c) =>
        `| \`${c.id}\`${BASE_IDS.has(c.id) ? "" : " ¹"} | ${c.side ?? "A or B"} | ${c.title.replace(/\|/g, "\\|")} | ${c.catalog.join(", ") || "—"} |`,
    );
    return [
      `**\`${link.id}\`**`,
      "",
      "| cause | side | what chaincheck says | catalog |",
      "|---|---|---|---|",
      ...rows,
    ].join("\n");
  }).join("\n\n");
}
