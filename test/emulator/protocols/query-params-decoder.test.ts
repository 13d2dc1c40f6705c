import { describe, expect, test } from "vitest";
import { decodeQueryParams } from "../../../emulator/protocols/query-params-decoder.ts";

describe("decodeQueryParams", () => {
  test("turns member lists, entry maps and flattened lists into nested values", () => {
    const params = new URLSearchParams(
      "Action=AssumeRole&Version=2011-06-15&RoleArn=arn%3Aaws%3Aiam%3A%3A2%3Arole%2FR" +
        "&Tags.member.2.Key=b&Tags.member.2.Value=2&Tags.member.1.Key=a&Tags.member.1.Value=1" +
        "&PolicyArns.member.1.arn=arn%3Ap&Attributes.entry.1.key=k&Attributes.entry.1.value=v" +
        "&Names.1=x&Names.2=y&Filter.Name=n",
    );
    expect(decodeQueryParams(params, ["Action", "Version"])).toEqual({
      RoleArn: "arn:aws:iam::2:role/R",
      Tags: [
        { Key: "a", Value: "1" },
        { Key: "b", Value: "2" },
      ],
      PolicyArns: [{ arn: "arn:p" }],
      Attributes: { k: "v" },
      Names: ["x", "y"],
      Filter: { Name: "n" },
    });
  });

  test("orders list members numerically, not lexically", () => {
    const params = new URLSearchParams();
    for (let i = 1; i <= 11; i++) params.append(`Ids.member.${i}`, `id${i}`);
    expect(decodeQueryParams(params).Ids).toEqual(Array.from({ length: 11 }, (_, i) => `id${i + 1}`));
  });
});
