// npm run dev: the server from sources, restarted on changes (tsx watch). A start that fails before the server
// is ready (a port in use, the data folder held, an unreachable database) ends `npm run dev` with exit code 1,
// as `npm start` does, instead of leaving the watcher waiting for a change. After the ready line, a crash
// waits for the next change, as watch mode does.
import { spawn } from "node:child_process";
import { createRequire } from "node:module";
import { createInterface } from "node:readline";

const FATAL = 60; // pino's level number for fatal
const tsx = createRequire(import.meta.url).resolve("tsx/cli");
const child = spawn(process.execPath, [tsx, "watch", "--clear-screen=false", "src/main.ts"], {
  stdio: ["inherit", "pipe", "inherit"],
});
let ready = false;
createInterface({ input: child.stdout! }).on("line", (line) => {
  process.stdout.write(line + "\n");
  if (ready) return;
  if (line.includes("GraphQL API ready")) ready = true;
  else if (levelOf(line) === FATAL) {
    child.kill("SIGTERM");
    process.exitCode = 1;
  }
});
function levelOf(line: string): number | undefined {
  try {
    return line.startsWith("{") ? (JSON.parse(line) as { level?: number }).level : undefined;
  } catch {
    return undefined;
  }
}

for (const signal of ["SIGINT", "SIGTERM"] as const) process.on(signal, () => child.kill(signal));
child.on("exit", (code) => {
  process.exit(process.exitCode ?? code ?? 0);
});
