// A stand-in for the platform's webhook endpoint (outside the system, so tests may fake it): records what
// arrives, verifies signatures, and can be down or slow on demand.
import http from "node:http";
import type { AddressInfo } from "node:net";
import { SIGNATURE_HEADERS, verifySignature } from "../../server/platform/signature.ts";

export interface Received {
  id: string;
  type: string;
  occurredAt: string;
  subject: { type: string; id: string };
  data: Record<string, unknown>;
  /** the sender's User-Agent, which names the Vigil instance */
  agent: string;
  /** the X-Vigil-Signature and X-Vigil-Timestamp headers as sent (v2, with v1 beside it while receivers move over) */
  signature: string;
  timestamp: string;
}

export async function startReceiver(keys: ReadonlyMap<string, string>) {
  const received: Received[] = [];
  const state = { up: true, delayMs: 0, badSignatures: 0 };
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c) => chunks.push(c));
    req.on("end", async () => {
      const body = Buffer.concat(chunks);
      const check = verifySignature(
        keys,
        {
          keyId: req.headers[SIGNATURE_HEADERS.keyId] as string,
          timestamp: req.headers[SIGNATURE_HEADERS.timestamp] as string,
          signature: req.headers[SIGNATURE_HEADERS.signature] as string,
        },
        { method: req.method ?? "", path: req.url ?? "", body },
        // Vigil signs webhooks when it sends them, on the wall clock.
        new Date(),
        { v1: "refuse" },
      );
      if (!check.ok) {
        state.badSignatures++;
        res.writeHead(401).end();
        return;
      }
      if (state.delayMs) await new Promise((r) => setTimeout(r, state.delayMs));
      if (!state.up) {
        res.writeHead(503).end("maintenance");
        return;
      }
      const signature = String(req.headers[SIGNATURE_HEADERS.signature]);
      const timestamp = String(req.headers[SIGNATURE_HEADERS.timestamp]);
      received.push({
        ...(JSON.parse(body.toString("utf8")) as Omit<Received, "agent" | "signature" | "timestamp">),
        agent: req.headers["user-agent"] ?? "",
        signature,
        timestamp,
      });
      res.writeHead(204).end();
    });
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/webhook`,
    received,
    state,
    close: () => new Promise<void>((r) => server.close(() => r())),
  };
}
