import { DateTimeResolver, LocalDateResolver } from "graphql-scalars";
import { Field, Float, ID, Int, ObjectType } from "type-graphql";
import { graphqlEnum } from "../../shared/enum.js";
import { LocalizedName } from "../../shared/localized.type.js";
import { RecognitionStatus } from "./recognition.type.js";

// The transcript of records: a view assembled from results and recognitions read under their scope
// (transcript.service.ts), not a table-backed type. Personal data.

export const Standing = graphqlEnum(["GOOD_STANDING", "CREDITS_SHORT", "NOT_ASSESSED"] as const, "Standing", "A student's standing from the credit totals against the curriculum's credit rule.", {
  GOOD_STANDING: "Every assessed year of study meets the credit rule (credits, and compulsory units when the rule asks).",
  CREDITS_SHORT: "An assessed year of study lacks credits or a compulsory unit (creditsShort and missingUnits say what).",
  NOT_ASSESSED: "No year judged yet: no year finished, and every year with results (if any) still in progress.",
});

export const TranscriptStatus = graphqlEnum(["VALID", "SUPERSEDED", "UNKNOWN"] as const, "TranscriptStatus", "What a verification code stands for.", {
  VALID: "An issued transcript whose content is still the student's record.",
  SUPERSEDED: "An issued transcript whose content has changed since (a new result, a correction, a recognition): a newer one should be asked for.",
  UNKNOWN: "No transcript was issued with this code.",
});

@ObjectType("TranscriptInstitution", { description: "An institution named on a transcript, in its languages." })
export class TranscriptInstitution {
  @Field(() => ID, { description: "Global id." })
  id!: string;

  @Field(() => String, { description: "English name." })
  nameEn!: string;

  @Field(() => [LocalizedName], { description: "Its names, English first, then by language tag." })
  names!: LocalizedName[];
}

@ObjectType("TranscriptStudent", { description: "The student, as on the passport (original script) and in Latin." })
export class TranscriptStudent {
  @Field(() => ID, { description: "The student's global id." })
  id!: string;

  @Field(() => String, { description: "Family name as in the passport (e.g. Cyrillic or Chinese)." })
  familyName!: string;

  @Field(() => String, { description: "Given names as in the passport." })
  givenNames!: string;

  @Field(() => String, { description: "Family name in Latin script." })
  familyNameLatin!: string;

  @Field(() => String, { description: "Given names in Latin script." })
  givenNamesLatin!: string;

  @Field(() => String, { description: "ISO 3166-1 alpha-2 code of the nationality." })
  nationality!: string;

  @Field(() => TranscriptInstitution, { description: "The student's home institution." })
  homeInstitution!: TranscriptInstitution;
}

@ObjectType("TranscriptAttempt", { description: "One attempt at a unit: the grade in the teaching institution's scale and converted to the host's." })
export class TranscriptAttempt {
  @Field(() => Int, { description: "1 for the first sitting, 2 and more for resits." })
  attempt!: number;

  @Field(() => String, { description: "The grade in the unit's scale (the teaching institution's)." })
  grade!: string;

  @Field(() => String, { nullable: true, description: "The grade in the host's scale: the same grade when the unit is graded on it, else through a conversion table of the program or an agreement; null when none covers it." })
  convertedGrade!: string | null;

  @Field(() => Boolean, { description: "Whether the grade passes." })
  passed!: boolean;

  @Field(() => Float, { description: "ECTS credits earned." })
  creditsEarned!: number;

  @Field(() => LocalDateResolver, { description: "When the student was assessed." })
  assessedOn!: string;

  @Field(() => String, { description: "The academic term it was sat in, e.g. 2024-25 autumn." })
  termName!: string;

  @Field(() => Boolean, { description: "Whether the grade was corrected after it was entered." })
  corrected!: boolean;
}

@ObjectType("TranscriptRecognition", { description: "The host's decision on a unit taken at a partner." })
export class TranscriptRecognition {
  @Field(() => RecognitionStatus, { description: "Recognised or refused." })
  status!: string;

  @Field(() => String, { nullable: true, description: "The grade recognised, in the host's scale." })
  convertedGrade!: string | null;

  @Field(() => Float, { description: "ECTS credits recognised." })
  creditsRecognised!: number;

  @Field(() => String, { nullable: true, description: "A refusal's reason, or a note." })
  reason!: string | null;

  @Field(() => DateTimeResolver, { description: "When it was decided." })
  decidedAt!: Date;
}

@ObjectType("TranscriptUnit", { description: "A unit of the curriculum the student has a result at, with every attempt." })
export class TranscriptUnit {
  @Field(() => ID, { description: "The unit's global id." })
  unitId!: string;

  @Field(() => String, { description: "Unit code." })
  code!: string;

  @Field(() => [LocalizedName], { description: "The unit's titles, English first." })
  titles!: LocalizedName[];

  @Field(() => Float, { description: "The unit's ECTS credits." })
  ectsCredits!: number;

  @Field(() => Int, { description: "The unit's credit hours in the host's system." })
  creditHours!: number;

  @Field(() => Boolean, { description: "Compulsory (true) or elective." })
  compulsory!: boolean;

  @Field(() => TranscriptInstitution, { description: "The institution that teaches and grades it." })
  teachingInstitution!: TranscriptInstitution;

  @Field(() => String, { description: "Code of the scale its grades are in." })
  scale!: string;

  @Field(() => [TranscriptAttempt], { description: "Every attempt, first sitting first." })
  attempts!: TranscriptAttempt[];

  @Field(() => Boolean, { description: "Whether an attempt passed." })
  passed!: boolean;

  @Field(() => String, { description: "The grade that counts: the passing attempt's, else the last attempt's." })
  grade!: string;

  @Field(() => String, { nullable: true, description: "That grade in the host's scale (a recognition's converted grade when recognised)." })
  convertedGrade!: string | null;

  @Field(() => Float, { description: "ECTS credits earned." })
  creditsEarned!: number;

  @Field(() => TranscriptRecognition, { nullable: true, description: "The host's recognition decision, for a unit taught by a partner." })
  recognition!: TranscriptRecognition | null;
}

@ObjectType("TranscriptTerm", { description: "The units of one term of a year of study." })
export class TranscriptTerm {
  @Field(() => Int, { description: "1 (autumn) or 2 (spring)." })
  term!: number;

  @Field(() => [TranscriptUnit], { description: "Units with a result, by code." })
  units!: TranscriptUnit[];

  @Field(() => Float, { description: "ECTS credits earned in the term." })
  creditsEarned!: number;
}

@ObjectType("TranscriptYear", { description: "One year of study: its terms, credits and whether it meets the credit rule." })
export class TranscriptYear {
  @Field(() => Int, { description: "Year of study, from 1." })
  yearOfStudy!: number;

  @Field(() => [TranscriptTerm], { description: "Its terms with results." })
  terms!: TranscriptTerm[];

  @Field(() => Float, { description: "ECTS credits earned in the year." })
  creditsEarned!: number;

  @Field(() => Float, { description: "ECTS credits the credit rule asks for the year." })
  creditsRequired!: number;

  @Field(() => [String], {
    nullable: true,
    description: "Compulsory units of the year not passed (when the rule asks for them), by code; null in a partial transcript (complete: false), which cannot tell.",
  })
  missingUnits!: string[] | null;

  @Field(() => Boolean, {
    nullable: true,
    description: "Whether the year meets the credit rule; null in a partial transcript (complete: false: a teaching institution's own units only), which cannot judge it.",
  })
  met!: boolean | null;

  @Field(() => Boolean, { description: "Whether this year is not judged in the standing yet: the cohort (or the student) is still in it, or it is after the student's own year of study (a held-back student has not reached it; its results are shown, not judged)." })
  inProgress!: boolean;
}

@ObjectType("TranscriptTotals", { description: "Totals over the whole record." })
export class TranscriptTotals {
  @Field(() => Int, { description: "Units with a result." })
  units!: number;

  @Field(() => Int, { description: "Units passed." })
  unitsPassed!: number;

  @Field(() => Int, { description: "Attempts (first sittings and resits)." })
  attempts!: number;

  @Field(() => Float, { description: "ECTS credits earned." })
  creditsEarned!: number;

  @Field(() => Float, { description: "ECTS credits of partners' units recognised by the host." })
  creditsRecognised!: number;

  @Field(() => Int, { description: "Credit hours (host's system) of the units passed." })
  creditHours!: number;

  @Field(() => Float, { nullable: true, description: "Mean of the counting grades in the host's scale, weighted by ECTS credits (numeric host scales; units without a converted grade left out)." })
  weightedMean!: number | null;
}

@ObjectType("Transcript", { description: "A student's transcript of records: results by year and term, grades in the teaching institution's scale and the host's, recognitions, totals and standing. Personal data." })
export class Transcript {
  @Field(() => ID, { description: "The enrollment's global id." })
  enrollmentId!: string;

  @Field(() => Boolean, {
    description: "True for staff of the student's home or host institution and platform admins; false for a teaching institution's staff, who see only their own units (no student, no standing).",
  })
  complete!: boolean;

  @Field(() => TranscriptStudent, { nullable: true, description: "The student; null for a teaching institution's staff." })
  student!: TranscriptStudent | null;

  @Field(() => String, { description: "The program's code." })
  programCode!: string;

  @Field(() => [LocalizedName], { description: "The program's titles, English first." })
  programTitles!: LocalizedName[];

  @Field(() => String, { description: "The cohort, e.g. TCM 2024." })
  cohortName!: string;

  @Field(() => String, { nullable: true, description: "The enrollment's status; null for a teaching institution's staff." })
  status!: string | null;

  @Field(() => TranscriptInstitution, { description: "The host institution (which awards the program's credits)." })
  hostInstitution!: TranscriptInstitution;

  @Field(() => [TranscriptInstitution], { description: "The joint program's partners." })
  partnerInstitutions!: TranscriptInstitution[];

  @Field(() => String, { nullable: true, description: "Code of the host's scale, which converted grades are in; null when the cohort follows no curriculum." })
  hostScale!: string | null;

  @Field(() => Int, { nullable: true, description: "The curriculum version the cohort follows." })
  curriculumVersion!: number | null;

  @Field(() => [TranscriptYear], { description: "Years of study with results, first year first." })
  years!: TranscriptYear[];

  @Field(() => TranscriptTotals, { description: "Totals." })
  totals!: TranscriptTotals;

  @Field(() => Standing, { nullable: true, description: "Standing from the credit totals; null for a teaching institution's staff." })
  standing!: string | null;

  @Field(() => Float, { nullable: true, description: "ECTS credits the assessed years lack against the credit rule; null for a teaching institution's staff." })
  creditsShort!: number | null;
}

@ObjectType("TranscriptVerification", { description: "What a transcript's verification code confirms: that it was issued, when and by whom, and whether its content is still the record. Never the content. Public." })
export class TranscriptVerification {
  @Field(() => String, { description: "The code asked about." })
  code!: string;

  @Field(() => TranscriptStatus, { description: "VALID, SUPERSEDED or UNKNOWN." })
  status!: string;

  @Field(() => DateTimeResolver, { nullable: true, description: "When it was issued; null when UNKNOWN." })
  issuedAt!: Date | null;

  @Field(() => TranscriptInstitution, { nullable: true, description: "The institution whose staff issued it (null for a platform admin, or when UNKNOWN)." })
  issuedBy!: TranscriptInstitution | null;

  @Field(() => TranscriptInstitution, { nullable: true, description: "The host institution of the program; null when UNKNOWN." })
  hostInstitution!: TranscriptInstitution | null;

  @Field(() => String, { nullable: true, description: "The program's English title; null when UNKNOWN." })
  program!: string | null;
}
