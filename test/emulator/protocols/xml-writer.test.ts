import { describe, expect, test } from "vitest";
import { writeXmlMembers, xmlList, xmlMap } from "../../../emulator/protocols/xml-writer.ts";

const query = { lists: "wrapped", dateMillis: false } as const;
const s3 = { lists: "flattened", dateMillis: true } as const;

describe("writeXmlMembers", () => {
  test("writes awsQuery lists as member elements, dates without milliseconds and escapes text", () => {
    expect(
      writeXmlMembers(
        { Names: ["a<b", "c&d"], At: new Date("2026-11-27T12:00:00Z"), On: true, N: 3, Gone: undefined },
        query,
      ),
    ).toBe(
      "<Names><member>a&lt;b</member><member>c&amp;d</member></Names><At>2026-11-27T12:00:00Z</At><On>true</On><N>3</N>",
    );
  });

  test("writes S3 lists flattened and dates with milliseconds", () => {
    expect(
      writeXmlMembers({ Contents: [{ Key: "k" }, { Key: "l" }], At: new Date("2026-11-27T12:00:00Z") }, s3),
    ).toBe(
      "<Contents><Key>k</Key></Contents><Contents><Key>l</Key></Contents><At>2026-11-27T12:00:00.000Z</At>",
    );
  });

  test("honours custom member names and maps", () => {
    expect(
      writeXmlMembers(
        { Clusters: xmlList([{ Id: "c1" }], "Cluster"), Tags: xmlMap({ team: "data" }) },
        query,
      ),
    ).toBe(
      "<Clusters><Cluster><Id>c1</Id></Cluster></Clusters><Tags><entry><key>team</key><value>data</value></entry></Tags>",
    );
  });
});
