import { sql } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import { entity, extend, list, one } from "../../engine/entity.js";
import { Institution } from "../institutions/institution.type.js";
import { personalData } from "./student.scope.js";
import { studentCorrections } from "./student-correction.table.js";
import { StudentCorrection } from "./student-correction.type.js";
import { students } from "./student.table.js";

// The history of a student's personal data holds personal data: its rows are read under the personal-data
// rule of their student (staff of the home and host institutions, platform admins); others see an empty list.
const owner = alias(students, "correction_student");

entity({
  name: "StudentCorrection",
  type: () => StudentCorrection,
  table: studentCorrections,
  key: "id",
  node: false,
  scope: (t, who) => {
    const rule = personalData(owner as unknown as typeof students, who);
    if (rule === true) return undefined;
    if (rule === false) return false;
    return sql`exists (select 1 from ${students} as ${sql.identifier("correction_student")} where ${owner.id} = ${t.studentId} and ${rule})`;
  },
  fields: {
    correctedByInstitution: one("Institution", "correctedByInstitutionId", { type: () => Institution, nullable: true, description: "The institution of the account that corrected it." }),
  },
});

extend("Student", {
  corrections: list<typeof studentCorrections>("StudentCorrection", {
    via: "studentId",
    orderBy: (t) => [t.id],
    meta: { type: () => [StudentCorrection], description: "Corrections of the student's personal data, oldest first (personal data: staff of the home and host institutions only; others get an empty list)." },
  }),
});
