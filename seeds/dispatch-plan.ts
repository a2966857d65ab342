// Plans the dispatches: dates, hosts, purposes and teams. Two guarantees matter and are built in
// rather than hoped for: every one of the 185 core experts is on a dispatch starting in 2023–2024
// (and no other expert is), and no expert's dispatches overlap in dates (ends included).
import type * as t from "../src/db/schema.js";
import type { ExpertRef } from "./experts.js";
import { SEED_TODAY, addDays, dayIn, daysBetween, type Random } from "./random.js";

type Purpose = (typeof t.dispatchPurposes.$inferInsert)["purpose"];
type Status = NonNullable<(typeof t.dispatches.$inferInsert)["status"]>;

export interface DispatchPlan {
  /** Set when inserted: XMU-DSP-<year>-<n> in date order. */
  code: string;
  title?: string;
  notes?: string;
  host: string;
  country: string;
  startDate: string;
  endDate: string;
  status: Status;
  purposes: Purpose[];
  /** Expert codes, the lead first. */
  team: string[];
  size: number;
}

// Starts of the articles' dispatches: 2023 and 2024, ending within 2024.
const PERIOD = ["2023-01-09", "2024-12-06"] as const;
const MAIN: Purpose[] = ["COMPLEX_CASE_DIAGNOSIS", "HEALTH_EDUCATION", "TECHNICAL_TRAINING", "RESEARCH_COLLABORATION"];
// 41 dispatches besides the liver operation, over the five nations (all five reached).
const COUNTRY_SHARE: Record<string, number> = { KZ: 9, UZ: 9, TJ: 8, KG: 8, TM: 7 };
// Before and after the articles' period: these carry the 15 extra experts (and some of the 185).
const OTHER_YEARS: [start: string, days: number, country: string, cancelled?: boolean][] = [
  ["2022-05-16", 12, "KZ"], ["2022-09-05", 10, "UZ"], ["2022-11-14", 8, "KG"],
  ["2025-03-10", 12, "TJ"], ["2025-05-19", 10, "KZ"], ["2025-07-07", 9, "TM", true], ["2025-09-15", 14, "UZ"], ["2025-10-20", 7, "KG"],
  ["2026-04-13", 10, "KZ"], ["2026-11-16", 14, "UZ"], ["2026-12-07", 12, "TJ"], ["2027-03-08", 12, "TM"],
];

function statusOn(start: string, end: string, cancelled = false): Status {
  if (cancelled) return "CANCELLED";
  return end < SEED_TODAY ? "COMPLETED" : start <= SEED_TODAY ? "IN_PROGRESS" : "PLANNED";
}

export function planDispatches(r: Random, experts: ExpertRef[], hosts: Record<string, string[]>, liverTeam: number): DispatchPlan[] {
  const busy = new Map<string, [string, string][]>();
  const isFree = (code: string, s: string, e: string) => (busy.get(code) ?? []).every(([a, b]) => b < s || e < a);
  const book = (p: DispatchPlan) => {
    for (const code of p.team) busy.set(code, [...(busy.get(code) ?? []), [p.startDate, p.endDate]]);
  };
  const core = experts.filter((e) => e.core).map((e) => e.code);
  const extra = experts.filter((e) => !e.core).map((e) => e.code);

  // 2023: the liver operation in Kazakhstan. The article gives only the year and no hospital:
  // dates and host are illustrative.
  const liver: DispatchPlan = {
    code: "", host: "partner-hospital-kz-1", country: "KZ", startDate: "2023-06-12", endDate: "2023-06-25", status: "COMPLETED",
    title: "Multidisciplinary team for Kazakhstan's first ex-vivo liver resection and autologous liver transplantation",
    notes: "Helped perform Kazakhstan's first successful ex-vivo liver resection and autologous liver transplantation (reported for 2023; dates and team illustrative).",
    purposes: ["SURGICAL_SUPPORT", "COMPLEX_CASE_DIAGNOSIS", "TECHNICAL_TRAINING"], team: core.slice(0, liverTeam), size: liverTeam,
  };
  book(liver);

  const countries = r.shuffle(Object.entries(COUNTRY_SHARE).flatMap(([cc, n]) => Array<string>(n).fill(cc)));
  // Start dates spread evenly over the two years: one in each of as many equal slices.
  const slice = Math.floor(daysBetween(PERIOD[0], PERIOD[1]) / countries.length);
  const main: DispatchPlan[] = countries.map((country, i) => {
    const startDate = dayIn(r, addDays(PERIOD[0], i * slice), addDays(PERIOD[0], (i + 1) * slice - 1));
    const endDate = addDays(startDate, r.int(4, 19));
    // The first four carry one purpose each, so every purpose the articles list occurs.
    const purposes = r.shuffle(MAIN).slice(0, r.int(1, 3));
    if (i < MAIN.length && !purposes.includes(MAIN[i])) purposes[0] = MAIN[i];
    return { code: "", host: r.pick(hosts[country]), country, startDate, endDate, status: "COMPLETED", purposes, team: [], size: r.int(1, 10) };
  });
  main.sort((a, b) => (a.startDate < b.startDate ? -1 : a.startDate > b.startDate ? 1 : 0));
  fillTeams(r, main, r.shuffle(core.slice(liverTeam)), core, isFree, book);

  const other: DispatchPlan[] = OTHER_YEARS.map(([startDate, days, country, cancelled]) => {
    const endDate = addDays(startDate, days - 1);
    return {
      code: "", host: r.pick(hosts[country]), country, startDate, endDate, status: statusOn(startDate, endDate, cancelled),
      purposes: r.shuffle(MAIN).slice(0, r.int(1, 2)), team: [], size: r.int(3, 6),
    };
  });
  fillTeams(r, other, r.shuffle(extra), core, isFree, book);

  return [liver, ...main, ...other].sort((a, b) => (a.startDate < b.startDate ? -1 : a.startDate > b.startDate ? 1 : 0));
}

/**
 * Gives each dispatch, in date order, its share of experts not yet sent (so all of `fresh` go out,
 * spread over the period), then tops the team up with already-sent core experts who are free then.
 */
function fillTeams(
  r: Random,
  plans: DispatchPlan[],
  fresh: string[],
  repeatPool: string[],
  isFree: (code: string, s: string, e: string) => boolean,
  book: (p: DispatchPlan) => void,
): void {
  let slots = plans.reduce((s, p) => s + p.size, 0);
  // Enough places for everyone: grow small teams (never past ten) until the fresh experts fit.
  while (slots < fresh.length + plans.length) {
    const p = r.pick(plans.filter((x) => x.size < 10));
    p.size++;
    slots++;
  }
  const sent = new Set<string>(repeatPool.filter((c) => !isFree(c, "0000-01-01", "9999-12-31")));
  for (const p of plans) {
    // Taking at least the proportional share keeps the remaining fresh experts within the remaining places.
    const take = Math.min(p.size, fresh.length, Math.ceil((fresh.length * p.size) / slots));
    const team = fresh.splice(0, take);
    const repeats = r.shuffle([...sent].filter((c) => isFree(c, p.startDate, p.endDate)));
    team.push(...repeats.slice(0, p.size - team.length));
    if (!team.length) throw new Error(`seed: no expert free for the dispatch starting ${p.startDate}`);
    p.team = r.shuffle(team);
    book(p);
    for (const c of team) if (repeatPool.includes(c)) sent.add(c);
    slots -= p.size;
  }
  if (fresh.length) throw new Error(`seed: ${fresh.length} experts left without a dispatch`);
}
