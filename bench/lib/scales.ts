/** How many rows of each kind a scale generates. `full` is the data set; the others are fractions. */
export interface Scale {
  name: string;
  institutions: number;
  /** The first `hosts` institutions are Xinjiang institutions hosting programs; the rest are partners. */
  hosts: number;
  programs: number;
  /** Cohorts per program: one per intake year, ending with LAST_INTAKE_YEAR. */
  intakesPerProgram: number;
  students: number;
  /** At most 2 × students: every student has one or two enrollments, in different cohorts. */
  enrollments: number;
  experts: number;
  dispatches: number;
  labs: number;
  labProjects: number;
}

export const LAST_INTAKE_YEAR = 2025;

export const SCALES: Record<string, Scale> = {
  full: {
    name: "full",
    institutions: 200,
    hosts: 40,
    programs: 2_000,
    intakesPerProgram: 10,
    students: 1_000_000,
    enrollments: 2_000_000,
    experts: 5_000,
    dispatches: 50_000,
    labs: 100,
    labProjects: 5_000,
  },
  medium: {
    name: "medium",
    institutions: 200,
    hosts: 40,
    programs: 200,
    intakesPerProgram: 10,
    students: 100_000,
    enrollments: 200_000,
    experts: 500,
    dispatches: 5_000,
    labs: 20,
    labProjects: 500,
  },
  small: {
    name: "small",
    institutions: 20,
    hosts: 4,
    programs: 20,
    intakesPerProgram: 10,
    students: 10_000,
    enrollments: 20_000,
    experts: 100,
    dispatches: 500,
    labs: 10,
    labProjects: 50,
  },
};

export function cohortsOf(s: Scale): number {
  return s.programs * s.intakesPerProgram;
}
