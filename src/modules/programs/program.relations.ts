import type { PageArgs } from "../../shared/pagination.js";
import { sqlRelation, sqlRoot, sqlType } from "../../shared/prefetch.registry.js";
import { institutions } from "../institutions/institution.table.js";
import { cohortsOfProgramList, programsOfHostList } from "./program.loaders.js";
import { cohorts, programs } from "./program.table.js";

// Programs and cohorts for the one-statement planner (shared/prefetch.ts). Each relation here is what its
// resolver in program.resolver.ts loads: the same list specification, or a byKey load of the same row.
sqlType("Program", programs, { reads: { names: ["titleEn", "names"] } });
sqlType("Cohort", cohorts, { columnFields: { seatsTaken: "seatsTaken" }, reads: { seatsLeft: ["capacity", "seatsTaken"] } });
sqlRoot("program", { type: "Program", arg: "id" });
sqlRoot("cohort", { type: "Cohort", arg: "id" });

sqlRelation("Institution", "programs", { kind: "connection", parentKey: "id", list: (_ctx, args) => programsOfHostList(args as PageArgs) });
sqlRelation("Program", "cohorts", { kind: "connection", parentKey: "id", list: (_ctx, args) => cohortsOfProgramList(args as PageArgs) });
sqlRelation("Program", "host", { kind: "one", parentKey: "hostInstitutionId", target: institutions.id });
sqlRelation("Cohort", "program", { kind: "one", parentKey: "programId", target: programs.id });
