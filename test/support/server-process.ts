// Runs the real server (server/main.ts) as a child process, for tests about processes: crashes, restarts and
// several servers sharing one PostgreSQL.
import { spawn, type ChildProcess } from "node:child_process";
import net from "node:net";
import path from "node:path";
import { TEST_AUDIT_KEY_HEX, temporaryCheckpointFile } from "./audit.ts";

const root = path.resolve(import.meta.dirname, "../..");

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.once("error", reject);
    srv.listen(0, "127.0.0.1", () => {
      const { port } = srv.address() as net.AddressInfo;
      srv.close(() => resolve(port));
    });
  });
}

export interface ServerProcess {
  url: string;
  child: ChildProcess;
  output(): string;
  /** SIGTERM and wait for a clean exit */
  stop(): Promise<number | null>;
  kill(): Promise<void>;
}

/**
 * Starts server/main.ts with `env` and waits until it is ready: for a web process (the default role, all, or web)
 * until /healthz answers; for a worker process (VIGIL_ROLE=worker), which serves no HTTP, until it says it runs.
 */
export async function startServerProcess(env: Record<string, string>, port?: number): Promise<ServerProcess> {
  const p = port ?? (await freePort());
  const checkpoint = temporaryCheckpointFile();
  let out = "";
  // tsx as a loader in the same process (not its CLI, which forks a child): a SIGKILL must hit the server itself.
  const child = spawn(
    process.execPath,
    ["--import", "tsx", "--import", "./test/support/clock-preload.ts", "server/main.ts"],
    {
      cwd: root,
      env: {
        ...process.env,
        VIGIL_SEED_DEMO: "false",
        VIGIL_LOG_LEVEL: "warn",
        VIGIL_CLIENT_DIR: "/nonexistent",
        VIGIL_AUDIT_KEY: TEST_AUDIT_KEY_HEX,
        VIGIL_AUDIT_CHECKPOINT_FILE: checkpoint.file,
        HOST: "127.0.0.1",
        PORT: String(p),
        ...env,
      },
      stdio: ["ignore", "pipe", "pipe"],
    },
  );
  const exited = new Promise<number | null>((r) =>
    child.once("exit", (code) => {
      checkpoint.remove();
      r(code);
    }),
  );
  child.stdout!.on("data", (d) => (out += d));
  child.stderr!.on("data", (d) => (out += d));
  const url = `http://127.0.0.1:${p}`;
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`server exited with ${child.exitCode}:\n${out}`);
    if (Date.now() > deadline) throw new Error(`server did not start:\n${out}`);
    if (env.VIGIL_ROLE === "worker") {
      if (out.includes("Vigil worker:")) break;
    } else {
      try {
        if ((await fetch(`${url}/healthz`)).ok) break;
      } catch {
        // not listening yet
      }
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  return {
    url,
    child,
    output: () => out,
    async stop() {
      child.kill("SIGTERM");
      return exited;
    },
    async kill() {
      child.kill("SIGKILL");
      await exited;
    },
  };
}
