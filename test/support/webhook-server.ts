/** A webhook receiver on 127.0.0.1 for the `--notify` tests: records every POST and answers each
 *  with the next of `answers` (an HTTP status, or "hang" to never answer), the last one repeating. */
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

export interface ReceivedPost {
  path: string;
  contentType: string | undefined;
  body: unknown;
}

export interface WebhookServer {
  url: string;
  posts: ReceivedPost[];
  close: () => Promise<void>;
}

export async function startWebhookServer(answers: (number | "hang")[] = [200]): Promise<WebhookServer> {
  const posts: ReceivedPost[] = [];
  const hanging: ServerResponse[] = [];
  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    let text = "";
    req.on("data", (chunk) => {
      text += chunk;
    });
    req.on("end", () => {
      posts.push({ path: req.url ?? "", contentType: req.headers["content-type"], body: JSON.parse(text) });
      const answer = answers[Math.min(posts.length - 1, answers.length - 1)];
      if (answer === "hang") return void hanging.push(res);
      res.writeHead(answer, { "content-type": "text/plain" }).end(answer < 300 ? "ok" : "no");
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/hooks/T000/B000/secret-path`,
    posts,
    close: () =>
      new Promise((resolve) => {
        for (const res of hanging) res.destroy();
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
