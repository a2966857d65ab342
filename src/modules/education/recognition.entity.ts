import { AppError, ErrorCode } from "../../shared/errors.js";
import { entity, extend, js, list, one, rootAll } from "../../engine/entity.js";
import { Agreement } from "../agreements/agreement.type.js";
import { Program } from "../programs/program.type.js";
import { Enrollment } from "../students/student.type.js";
import { CourseUnit, GradeScale } from "./curriculum.type.js";
import { gradeConversions } from "./grade-scale.table.js";
import { ConversionRow, GradeConversion, Recognition } from "./recognition.type.js";
import { recordScope } from "./result.scope.js";
import { recognitions } from "./result.table.js";
import { CourseResult } from "./result.type.js";

// Conversion tables are public; recognitions are personal data under the results' rule (result.scope.ts).

entity({
  name: "GradeConversion",
  type: () => GradeConversion,
  table: gradeConversions,
  key: "id",
  node: true,
  fields: {
    fromScale: one("GradeScale", "fromScaleId", { type: () => GradeScale, description: "The source scale." }),
    toScale: one("GradeScale", "toScaleId", { type: () => GradeScale, description: "The target scale." }),
    agreement: one("Agreement", "agreementId", { type: () => Agreement, nullable: true, description: "The agreement it belongs to (or null: a program's)." }),
    program: one("Program", "programId", { type: () => Program, nullable: true, description: "The program it belongs to (or null: an agreement's)." }),
    rows: js<{ rows: { from?: string; min?: number; max?: number; to: string }[] }>(
      ["rows"],
      (r) => r.rows.map((x) => ({ from: x.from ?? null, min: x.min ?? null, max: x.max ?? null, to: x.to })),
      { type: () => [ConversionRow], description: "Its rows, in order: the first that covers a grade converts it." },
    ),
  },
  roots: { gradeConversions: rootAll<typeof gradeConversions>((t) => [t.id], { type: () => [GradeConversion], description: "Every conversion table, by id." }) },
});

entity({
  name: "Recognition",
  type: () => Recognition,
  table: recognitions,
  key: "id",
  node: true,
  scope: (t, who) => recordScope(t.enrollmentId, t.unitId, who),
  outOfScope: () => new AppError(ErrorCode.FORBIDDEN, "This recognition is not one your institution may see"),
  fields: {
    enrollment: one("Enrollment", "enrollmentId", { type: () => Enrollment, nullable: true, description: "The enrollment; null for those who may not read it." }),
    unit: one("CourseUnit", "unitId", { type: () => CourseUnit, description: "The unit recognised." }),
    result: one("CourseResult", "resultId", { type: () => CourseResult, nullable: true, description: "The passing result recognised." }),
    conversion: one("GradeConversion", "conversionId", { type: () => GradeConversion, nullable: true, description: "The conversion table used (null: same scale, or refused)." }),
  },
});

extend("Enrollment", {
  recognitions: list<typeof recognitions>("Recognition", {
    via: "enrollmentId",
    orderBy: (t) => [t.unitId, t.id],
    meta: { type: () => [Recognition], description: "Recognitions of units taken at partners, by unit." },
  }),
});
