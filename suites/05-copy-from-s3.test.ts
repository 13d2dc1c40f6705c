import { LINKS } from "../helpers/links.ts";
import { chainTest, expectLink } from "./chain-test.ts";

const link = LINKS[4];

chainTest(`${link.id}: ${link.proves}`, async ({ report, skip, annotate, task }) => {
  await expectLink(report, "copy-from-s3", { skip, annotate, task });
});
