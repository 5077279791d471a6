// e2e: build the client, start the real server (`server/main.ts`, embedded PGlite, demo data) in a child
// process on a free port, and hand its URL to the specs. Stopped with SIGTERM afterwards, like production.
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import crypto from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { freePort } from "../support/server-process.ts";
import type { TestProject } from "vitest/node";

declare module "vitest" {
  export interface ProvidedContext {
    baseUrl: string;
    /** the key the server accepts from the platform, for specs that play the platform */
    platformKey: { id: string; secret: string };
  }
}

const root = path.resolve(import.meta.dirname, "../..");

async function waitForHealth(url: string, child: ChildProcess, output: () => string, timeoutMs = 150_000) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`server exited with ${child.exitCode}:\n${output()}`);
    try {
      const res = await fetch(`${url}/healthz`);
      if (res.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 300).unref());
  }
  throw new Error(`server did not become healthy in ${timeoutMs} ms:\n${output()}`);
}

export default async function setup(project: TestProject) {
  const build = spawnSync(
    process.execPath,
    [path.join(root, "node_modules/vite/bin/vite.js"), "build", "--logLevel", "warn"],
    {
      cwd: root,
      encoding: "utf8",
    },
  );
  if (build.status !== 0) throw new Error(`client build failed:\n${build.stdout}\n${build.stderr}`);

  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "vigil-e2e-"));
  const port = await freePort();
  let out = "";
  const platformKey = { id: "e2e", secret: crypto.randomBytes(24).toString("hex") };
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    PORT: String(port),
    HOST: "127.0.0.1",
    VIGIL_DATA_DIR: dataDir,
    VIGIL_LOG_LEVEL: "warn",
    VIGIL_PLATFORM_KEYS: `${platformKey.id}:${platformKey.secret}`,
    // the demo's clip library is kept between runs (made again only when its recipes change)
    VIGIL_DEMO_CLIPS_DIR: path.join(os.tmpdir(), "vigil-e2e-demo-clips"),
  };
  delete env.DATABASE_URL;
  const child = spawn(process.execPath, ["--import", "tsx", "server/main.ts"], {
    cwd: root,
    env,
    stdio: ["ignore", "pipe", "pipe"],
  });
  child.stdout!.on("data", (d) => (out += d));
  child.stderr!.on("data", (d) => (out += d));

  const baseUrl = `http://127.0.0.1:${port}`;
  await waitForHealth(baseUrl, child, () => out);
  project.provide("baseUrl", baseUrl);
  project.provide("platformKey", platformKey);

  return async () => {
    if (child.exitCode === null) {
      const exited = new Promise((r) => child.once("exit", r));
      child.kill("SIGTERM");
      await Promise.race([exited, new Promise((r) => setTimeout(r, 15_000).unref())]);
      if (child.exitCode === null) {
        child.kill("SIGKILL");
        throw new Error(`server did not stop within 15 s of SIGTERM:\n${out}`);
      }
      // A clean shutdown finishes in-flight requests, closes the database and exits 0.
      if (child.exitCode !== 0) throw new Error(`server exited with ${child.exitCode} on SIGTERM:\n${out}`);
      if (fs.existsSync(path.join(dataDir, "vigil.lock"))) throw new Error("server left its data folder locked");
    }
    fs.rmSync(dataDir, { recursive: true, force: true });
  };
}
