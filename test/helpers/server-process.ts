import { spawn, type ChildProcess } from "node:child_process";
import { join } from "node:path";
import { projectRoot } from "../../src/db/paths.js";
import { buildServer } from "./build.js";

export interface ServerProcess {
  url: string;
  child: ChildProcess;
  output: () => string;
  /** SIGTERM; resolves with the exit code. */
  stop: () => Promise<number | null>;
}

/** Server processes of this test process still running: killed if it exits first (a failed or timed-out start, a failed afterAll). */
const running = new Set<ChildProcess>();
process.once("exit", () => {
  for (const child of running) child.kill("SIGKILL");
});

/**
 * Starts the server as a separate process, compiled as `npm start` runs it (this run's build, helpers/build.ts;
 * `entry`: node arguments of something else, such as the compiled server under a heap cap), and waits for its
 * ready log line. All it writes is kept (`output()`); only what came before the ready line is searched for it.
 */
export async function startServerProcess(env: Record<string, string>, entry?: string[]): Promise<ServerProcess> {
  entry ??= [join(await buildServer(), "src/main.js")];
  const child = spawn(process.execPath, entry, {
    cwd: projectRoot,
    env: { ...process.env, PORT: "0", LOG_LEVEL: "info", VITEST: "", DATABASE_URL: "", ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  running.add(child);
  let out = "";
  const exited = new Promise<number | null>((resolve) =>
    child.once("exit", (code) => {
      running.delete(child);
      resolve(code);
    }),
  );
  return new Promise((resolve, reject) => {
    let ready = false;
    /** Where the lines not yet searched start. */
    let unsearched = 0;
    const timer = setTimeout(() => {
      child.kill("SIGKILL");
      reject(new Error(`server did not start in 90 s:\n${out}`));
    }, 90_000);
    const onData = (chunk: Buffer) => {
      out += chunk.toString();
      if (ready) return;
      const end = out.lastIndexOf("\n");
      if (end < unsearched) return;
      const lines = out.slice(unsearched, end).split("\n");
      unsearched = end + 1;
      for (const line of lines) {
        if (!line.includes("GraphQL API ready")) continue;
        const { port } = JSON.parse(line) as { port: number };
        ready = true;
        clearTimeout(timer);
        resolve({
          url: `http://127.0.0.1:${port}`,
          child,
          output: () => out,
          stop: async () => {
            child.kill("SIGTERM");
            return exited;
          },
        });
        return;
      }
    };
    child.stdout!.on("data", onData);
    child.stderr!.on("data", onData);
    void exited.then((code) => {
      clearTimeout(timer);
      reject(new Error(`server exited with ${code} before it was ready:\n${out}`));
    });
  });
}

export async function postGraphQL(url: string, query: string, variables?: Record<string, unknown>, headers: Record<string, string> = {}) {
  const res = await fetch(`${url}/graphql`, {
    method: "POST",
    headers: { "content-type": "application/json", ...headers },
    body: JSON.stringify({ query, variables }),
  });
  return { status: res.status, body: (await res.json()) as { data?: any; errors?: any[] } };
}
