// The hostile scenario's attacker as a process of its own (see hostile.ts):
//   node --import tsx bench/lib/attacker.ts '{"url":…,"connections":4,"rate":5,"seed":1}'
// It attacks from its start until its stdin closes, then prints one line, `SUMMARY {json}`, and exits.
import { attack, type AttackOptions } from "./hostile.js";

const options = JSON.parse(process.argv[2] ?? "{}") as AttackOptions;
const stop = new Promise<void>((resolve) => {
  process.stdin.on("end", resolve);
  process.stdin.on("close", resolve);
  process.stdin.resume();
});
const running = attack(options, stop);
process.stdout.write("attacker started\n");
const summary = await running;
process.stdout.write(`SUMMARY ${JSON.stringify(summary)}\n`);
process.exit(0);
