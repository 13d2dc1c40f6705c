import { DescribeKeyCommand } from "@aws-sdk/client-kms";
import type { ParityCase } from "../support/parity-case.ts";

export const kmsCases: ParityCase[] = [
  {
    key: "TestKMS::test_get_key_invalid_uuid",
    async run(t) {
      for (const [snapshot, KeyId] of [
        ["describe-key-with-invalid-uuid", "fake-key-id"],
        ["describe-key-with-invalid-uuid-2", "134f2428cec14b25a1ae9048164dba47"],
        ["describe-key-with-invalid-uuid-mrk", "mrk-fake-key-id"],
      ] as const) {
        await t.match(snapshot, t.clients.kms.send(new DescribeKeyCommand({ KeyId })));
      }
    },
  },
];
