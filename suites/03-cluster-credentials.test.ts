import { LINKS } from "../helpers/links.ts";
import { chainTest, expectLink } from "./chain-test.ts";

const link = LINKS[2];

chainTest(`${link.id}: ${link.proves}`, async ({ report, skip, annotate, task }) => {
  await expectLink(report, "cluster-credentials", { skip, annotate, task });
});
