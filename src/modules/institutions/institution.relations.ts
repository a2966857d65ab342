import { sqlRoot, sqlType } from "../../shared/prefetch.registry.js";
import { institutions } from "./institution.table.js";

// Institution rows for the one-statement planner (shared/prefetch.ts). Its relation fields that the planner
// reads are registered by the modules of the types they return (programs/program.relations.ts).
sqlType("Institution", institutions);
sqlRoot("institution", { type: "Institution", arg: "id" });
