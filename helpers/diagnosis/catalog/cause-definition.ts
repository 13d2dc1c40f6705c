/** The shape of one entry of the cause catalog (helpers/diagnosis/catalog/causes.ts). */
import type { LinkId } from "../../links.ts";
import type { FixValues } from "./fix-values.ts";

export type Side = "A" | "B" | null;

export interface CauseDefinition {
  /** Stable kebab-case id (docs/contracts.md); never renamed. */
  id: string;
  link: LinkId;
  /** The account whose setup must change; null when it depends on the case (the fix says which). */
  side: Side;
  /** One line: what chaincheck says (the README's "common failures" table). */
  title: string;
  /** One paragraph: what is wrong and why AWS answers the way it does. */
  summary: string;
  /** What tells this cause apart from its look-alikes, and what read settles it. */
  tellApart: string;
  /** The minimal change, filled in with the user's values (placeholders only for unknown ones). */
  fix(values: FixValues): string;
  /** Catalog entries (docs/failures.md) this cause covers. */
  catalog: readonly string[];
}
