// A real local S3-compatible server (s3rver) for tests: listens on 127.0.0.1 on a free port, keeps its objects
// in a fresh temporary folder and starts with one bucket. s3rver accepts the credentials S3RVER / S3RVER.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { createRequire } from "node:module";
import http from "node:http";
import type { AddressInfo } from "node:net";

interface S3rverInstance {
  configureBuckets(): Promise<void>;
  callback(): http.RequestListener;
}
type S3rverClass = new (options: Record<string, unknown>) => S3rverInstance;

const S3rver = createRequire(import.meta.url)("s3rver") as S3rverClass;

export const S3RVER_CREDENTIALS = { accessKeyId: "S3RVER", secretAccessKey: "S3RVER" } as const;

export interface S3TestServer {
  /** the endpoint, e.g. http://127.0.0.1:40123 */
  url: string;
  bucket: string;
  /** a VIGIL_MEDIA_S3_URL for this server and bucket, with the given prefix */
  storeUrl(prefix?: string): string;
  /** env holding the server's credentials */
  env: NodeJS.ProcessEnv;
  close(): Promise<void>;
}

export async function startS3Server(bucket = "vigil-media"): Promise<S3TestServer> {
  const directory = fs.mkdtempSync(path.join(os.tmpdir(), "vigil-s3rver-"));
  const s3rver = new S3rver({ silent: true, directory, configureBuckets: [{ name: bucket, configs: [] }] });
  await s3rver.configureBuckets();
  const handle = s3rver.callback();
  // The Date header comes from this process's (test) clock, as s3rver's signature-age check does; Node's own Date
  // header reads the real clock, and the SDK would "correct" its clock to it and then be refused as skewed.
  const server = http.createServer((req, res) => {
    res.setHeader("Date", new Date().toUTCString());
    handle(req, res);
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => resolve());
  });
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url,
    bucket,
    storeUrl(prefix = "") {
      const tail = prefix ? `/${prefix}` : "";
      return `s3://${bucket}${tail}?endpoint=${encodeURIComponent(url)}&region=us-east-1&forcePathStyle=true`;
    },
    env: {
      AWS_ACCESS_KEY_ID: S3RVER_CREDENTIALS.accessKeyId,
      AWS_SECRET_ACCESS_KEY: S3RVER_CREDENTIALS.secretAccessKey,
    },
    async close() {
      // the SDK keeps sockets alive; without this, close() waits for them to time out
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      fs.rmSync(directory, { recursive: true, force: true });
    },
  };
}
