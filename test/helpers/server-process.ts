import { spawn, type ChildProcess } from "node:child_process";
import { projectRoot } from "../../src/db/paths.js";

export interface ServerProcess {
  url: string;
  child: ChildProcess;
  output: () => string;
  /** SIGTERM; resolves with the exit code. */
  stop: () => Promise<number | null>;
}

/**
 * Starts `src/main.ts` as a separate process (through tsx; `entry` runs something else, such as a compiled
 * server under a heap cap) and waits for its ready log line.
 */
export function startServerProcess(env: Record<string, string>, entry: string[] = ["--import", "tsx", "src/main.ts"]): Promise<ServerProcess> {
  const child = spawn(process.execPath, entry, {
    cwd: projectRoot,
    env: { ...process.env, PORT: "0", LOG_LEVEL: "info", VITEST: "", DATABASE_URL: "", ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let out = "";
  const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`server did not start in 90 s:\n${out}`)), 90_000);
    const onData = (chunk: Buffer) => {
      out += chunk.toString();
      for (const line of out.split("\n")) {
        if (!line.includes("GraphQL API ready")) continue;
        const { port } = JSON.parse(line) as { port: number };
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
