import { readdirSync, readFileSync } from "node:fs";
import { join, relative } from "node:path";

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  hitCount?: number;
  children?: number[];
}

interface Profile {
  startTime: number;
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

/** Sampled time not spent idle, in µs. */
function busy(p: Profile): number {
  const idle = new Set(p.nodes.filter((n) => n.callFrame.functionName === "(idle)").map((n) => n.id));
  return p.samples.reduce((s, id, k) => s + (idle.has(id) ? 0 : (p.timeDeltas[k] ?? 0)), 0);
}

/**
 * The functions with the most self time in a V8 .cpuprofile (node --cpu-prof), and time by package. With a
 * window (µs of the monotonic clock, as `process.hrtime.bigint() / 1000n` reads it in any process of the
 * machine), only the samples taken within it.
 */
export function summariseProfile(dir: string, root: string, top = 25, window?: { from: number; to: number; what: string }): string {
  // One profile per thread (tsx's module hooks run in a worker): the main thread is the busiest one.
  const files = readdirSync(dir).filter((f) => f.endsWith(".cpuprofile"));
  if (!files.length) return `no .cpuprofile in ${dir}`;
  const profiles = files.map((f) => ({ file: join(dir, f), p: JSON.parse(readFileSync(join(dir, f), "utf8")) as Profile }));
  const { file, p } = profiles.sort((a, b) => busy(b.p) - busy(a.p))[0];
  const byNode = new Map(p.nodes.map((n) => [n.id, n]));
  const self = new Map<number, number>();
  let at = p.startTime;
  p.samples.forEach((id, k) => {
    at += p.timeDeltas[k] ?? 0;
    if (window && (at < window.from || at > window.to)) return;
    self.set(id, (self.get(id) ?? 0) + (p.timeDeltas[k] ?? 0));
  });
  const idleIds = new Set(p.nodes.filter((n) => n.callFrame.functionName === "(idle)").map((n) => n.id));
  for (const id of idleIds) self.delete(id);
  const total = [...self.values()].reduce((a, b) => a + b, 0);
  const fn = new Map<string, number>();
  const pkg = new Map<string, number>();
  for (const [id, us] of self) {
    const cf = byNode.get(id)!.callFrame;
    const where = cf.url ? shortUrl(cf.url, root) : "";
    const name = `${cf.functionName || "(anonymous)"} ${where}${cf.url ? `:${cf.lineNumber + 1}` : ""}`;
    fn.set(name, (fn.get(name) ?? 0) + us);
    pkg.set(packageOf(cf.url, cf.functionName), (pkg.get(packageOf(cf.url, cf.functionName)) ?? 0) + us);
  }
  const pct = (us: number) => `${((100 * us) / total).toFixed(1).padStart(5)}%`;
  const span = window ? `${window.what}, ${((window.to - window.from) / 1e6).toFixed(1)} s` : "start-up included";
  const lines = [`CPU profile of the server (${file}): ${(total / 1e6).toFixed(1)} s busy (${span}; idle left out); shares of the busy time`, "", "self time by package:"];
  for (const [k, us] of [...pkg].sort((a, b) => b[1] - a[1]).slice(0, 15)) lines.push(`  ${pct(us)}  ${k}`);
  lines.push("", `top ${top} functions by self time:`);
  for (const [k, us] of [...fn].sort((a, b) => b[1] - a[1]).slice(0, top)) lines.push(`  ${pct(us)}  ${k}`);
  return lines.join("\n");
}

function shortUrl(url: string, root: string): string {
  const path = url.replace(/^file:\/\//, "");
  const nm = path.lastIndexOf("node_modules/");
  if (nm >= 0) return path.slice(nm + "node_modules/".length);
  return path.startsWith(root) ? relative(root, path) : path;
}

function packageOf(url: string, functionName: string): string {
  if (!url) return functionName.startsWith("(") ? functionName : "(native)";
  const path = url.replace(/^file:\/\//, "");
  const nm = path.lastIndexOf("node_modules/");
  if (nm >= 0) {
    const rest = path.slice(nm + "node_modules/".length).split("/");
    return rest[0].startsWith("@") ? `${rest[0]}/${rest[1]}` : rest[0];
  }
  if (path.startsWith("node:")) return "node (core)";
  if (path.includes("/src/")) return "project src/";
  return path;
}
