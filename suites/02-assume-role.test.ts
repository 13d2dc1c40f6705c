import { LINKS } from "../helpers/links.ts";
import { chainTest, expectLink } from "./chain-test.ts";

const link = LINKS[1];

chainTest(`${link.id}: ${link.proves}`, async ({ report, skip, annotate, task }) => {
  await expectLink(report, "assume-role", { skip, annotate, task });
});
