import { describe, expect, it } from "vitest";
import { SEATED, TRANSITIONS, canTransition } from "../../src/modules/students/enrollment.rules.js";
import { enrollmentStatus, type EnrollmentStatusValue } from "../../src/modules/students/student.table.js";

// The lifecycle as the README and the EnrollmentStatus description give it, written out here on its own
// (not derived from TRANSITIONS), so that changing any single rule in enrollment.rules.ts fails a test:
// NOMINATED → ADMITTED → ENROLLED ⇄ ON_LEAVE → GRADUATED (from ENROLLED); REJECTED from NOMINATED or ADMITTED;
// WITHDRAWN from any active status (NOMINATED, ADMITTED, ENROLLED, ON_LEAVE).
const ALLOWED: ReadonlySet<string> = new Set([
  "NOMINATED→ADMITTED",
  "NOMINATED→REJECTED",
  "NOMINATED→WITHDRAWN",
  "ADMITTED→ENROLLED",
  "ADMITTED→REJECTED",
  "ADMITTED→WITHDRAWN",
  "ENROLLED→ON_LEAVE",
  "ENROLLED→GRADUATED",
  "ENROLLED→WITHDRAWN",
  "ON_LEAVE→ENROLLED",
  "ON_LEAVE→WITHDRAWN",
]);

const STATUSES = enrollmentStatus.enumValues as readonly EnrollmentStatusValue[];
const ACTIVE: readonly EnrollmentStatusValue[] = ["NOMINATED", "ADMITTED", "ENROLLED", "ON_LEAVE"];
const TERMINAL: readonly EnrollmentStatusValue[] = ["GRADUATED", "REJECTED", "WITHDRAWN"];

const pairs = STATUSES.flatMap((from) => STATUSES.map((to) => ({ from, to, allowed: ALLOWED.has(`${from}→${to}`) })));

describe("enrollment status enum", () => {
  it("has exactly the seven lifecycle statuses, each a key of TRANSITIONS", () => {
    expect([...STATUSES].sort()).toEqual(["ADMITTED", "ENROLLED", "GRADUATED", "NOMINATED", "ON_LEAVE", "REJECTED", "WITHDRAWN"]);
    expect(Object.keys(TRANSITIONS).sort()).toEqual([...STATUSES].sort());
    expect([...ACTIVE, ...TERMINAL].sort()).toEqual([...STATUSES].sort());
  });

  it("enumerates all 49 pairs, 11 of them allowed", () => {
    expect(pairs).toHaveLength(49);
    expect(pairs.filter((p) => p.allowed)).toHaveLength(ALLOWED.size);
    // Every pair named in ALLOWED is a pair of real statuses (no typo hiding a rule).
    for (const rule of ALLOWED) {
      const [from, to] = rule.split("→");
      expect(STATUSES).toContain(from);
      expect(STATUSES).toContain(to);
    }
  });
});

describe("canTransition", () => {
  it.each(pairs.filter((p) => p.allowed))("allows $from → $to", ({ from, to }) => {
    expect(canTransition(from, to)).toBe(true);
    expect(TRANSITIONS[from]).toContain(to);
  });

  it.each(pairs.filter((p) => !p.allowed))("refuses $from → $to", ({ from, to }) => {
    expect(canTransition(from, to)).toBe(false);
    expect(TRANSITIONS[from]).not.toContain(to);
  });

  it("gives each status exactly the targets of the lifecycle, with no duplicates", () => {
    for (const from of STATUSES) {
      const expected = STATUSES.filter((to) => ALLOWED.has(`${from}→${to}`));
      expect([...TRANSITIONS[from]].sort(), from).toEqual([...expected].sort());
      expect(new Set(TRANSITIONS[from]).size, from).toBe(TRANSITIONS[from].length);
    }
  });

  it("never allows staying in the same status", () => {
    for (const s of STATUSES) expect(canTransition(s, s), s).toBe(false);
  });

  it("lets nothing leave a terminal status, and nothing return to NOMINATED", () => {
    for (const from of TERMINAL) {
      expect(TRANSITIONS[from], from).toEqual([]);
      for (const to of STATUSES) expect(canTransition(from, to), `${from} → ${to}`).toBe(false);
    }
    for (const from of STATUSES) expect(canTransition(from, "NOMINATED"), from).toBe(false);
  });

  it("withdraws from every active status, and only from those", () => {
    for (const from of STATUSES) expect(canTransition(from, "WITHDRAWN"), from).toBe(ACTIVE.includes(from));
  });

  it("rejects only before enrollment, and graduates only from ENROLLED", () => {
    expect(STATUSES.filter((s) => canTransition(s, "REJECTED"))).toEqual(["NOMINATED", "ADMITTED"]);
    expect(STATUSES.filter((s) => canTransition(s, "GRADUATED"))).toEqual(["ENROLLED"]);
    expect(STATUSES.filter((s) => canTransition(s, "ENROLLED")).sort()).toEqual(["ADMITTED", "ON_LEAVE"]);
    expect(STATUSES.filter((s) => canTransition(s, "ON_LEAVE"))).toEqual(["ENROLLED"]);
    expect(STATUSES.filter((s) => canTransition(s, "ADMITTED"))).toEqual(["NOMINATED"]);
  });

  it("reaches every status from NOMINATED", () => {
    const seen = new Set<EnrollmentStatusValue>(["NOMINATED"]);
    const queue: EnrollmentStatusValue[] = ["NOMINATED"];
    for (let s = queue.shift(); s; s = queue.shift())
      for (const to of TRANSITIONS[s])
        if (!seen.has(to)) {
          seen.add(to);
          queue.push(to);
        }
    expect([...seen].sort()).toEqual([...STATUSES].sort());
  });
});

describe("SEATED (statuses holding a seat of the cohort's capacity)", () => {
  it("is exactly ENROLLED and ON_LEAVE", () => {
    expect([...SEATED].sort()).toEqual(["ENROLLED", "ON_LEAVE"]);
  });

  it.each(STATUSES.map((s) => ({ s, seated: s === "ENROLLED" || s === "ON_LEAVE" })))("$s seated: $seated", ({ s, seated }) => {
    expect(SEATED.includes(s)).toBe(seated);
  });

  it("takes a seat only on ADMITTED → ENROLLED, and gives it up only on leaving ENROLLED/ON_LEAVE for a terminal status", () => {
    const taking = pairs.filter((p) => p.allowed && !SEATED.includes(p.from) && SEATED.includes(p.to)).map((p) => `${p.from}→${p.to}`);
    const freeing = pairs.filter((p) => p.allowed && SEATED.includes(p.from) && !SEATED.includes(p.to)).map((p) => `${p.from}→${p.to}`);
    expect(taking).toEqual(["ADMITTED→ENROLLED"]);
    expect(freeing.sort()).toEqual(["ENROLLED→GRADUATED", "ENROLLED→WITHDRAWN", "ON_LEAVE→WITHDRAWN"]);
  });
});
