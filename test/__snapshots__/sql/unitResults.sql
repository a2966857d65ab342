-- README: Education reports
--   query YearOnePassRates {
--     unitResults(filter: { cohortId: "Q29ob3J0OjE", academicYear: 2024 }) { unit { code } students passed passRate suppressed }
--   }
-- The statements the request runs, in order, with their parameters (test/integration/sql-snapshots.test.ts).

-- platform admin, whole: 2 statements

    with last as (
      select distinct on (r.offering_id, r.enrollment_id) r.offering_id, r.grade, r.passed, true as readable
      from course_results r
      where r.offering_id in (
        select o.id from offerings o join course_units u on u.id = o.unit_id join cohorts c on c.id = o.cohort_id join academic_terms t on t.id = o.term_id where o.cohort_id = $1 and t.academic_year = $2)
      order by r.offering_id, r.enrollment_id, r.attempt desc
    ), banded as (
      select l.offering_id, l.passed, l.readable,
        case when s.kind = 'ORDERED' then l.grade
          else (s.min_value + b.n * (s.max_value - s.min_value) / 10)::float8::text || '–' || (s.min_value + (b.n + 1) * (s.max_value - s.min_value) / 10)::float8::text end as band,
        case when s.kind = 'ORDERED' then array_position(s.grades, l.grade) else b.n end as rank
      from last l
      join offerings o on o.id = l.offering_id
      join course_units u on u.id = o.unit_id
      join grade_scales s on s.id = u.grade_scale_id
      left join lateral (select least(9, greatest(0, floor((l.grade::numeric - s.min_value) * 10 / (s.max_value - s.min_value))))::int as n where s.kind = 'NUMERIC') b on true
    ), per_grade as (
      select offering_id, band, rank, count(*)::int as n, count(*) filter (where passed)::int as passed, count(*) filter (where readable)::int as readable
      from banded group by offering_id, band, rank
    )
    select o.id as "offeringId", o.unit_id as "unitId", o.cohort_id as "cohortId", o.term_id as "termId",
      sum(g.n)::int as students, sum(g.passed)::int as passed, sum(g.readable)::int as readable,
      json_agg(json_build_object('grade', g.band, 'students', g.n) order by g.rank) as grades
    from per_grade g
    join offerings o on o.id = g.offering_id
    join course_units u on u.id = o.unit_id
    join academic_terms t on t.id = o.term_id
    group by o.id, t.academic_year, t.start_date, u.code
    order by t.academic_year, t.start_date, u.code, o.cohort_id, o.id
    limit $3;
-- parameters: [1,2024,100]
select k.v as key, (select ('{"#":' || '1' || ',"code":' || to_json("t0"."code")::text || '}') from "course_units" as "t0" where "t0"."id" = k.v) as value from unnest($1::int[]) as k(v);
-- parameters: ["{3,2,1,6,5,7,4}"]

-- platform admin, inline: 2 statements

    with last as (
      select distinct on (r.offering_id, r.enrollment_id) r.offering_id, r.grade, r.passed, true as readable
      from course_results r
      where r.offering_id in (
        select o.id from offerings o join course_units u on u.id = o.unit_id join cohorts c on c.id = o.cohort_id join academic_terms t on t.id = o.term_id where o.cohort_id = $1 and t.academic_year = $2)
      order by r.offering_id, r.enrollment_id, r.attempt desc
    ), banded as (
      select l.offering_id, l.passed, l.readable,
        case when s.kind = 'ORDERED' then l.grade
          else (s.min_value + b.n * (s.max_value - s.min_value) / 10)::float8::text || '–' || (s.min_value + (b.n + 1) * (s.max_value - s.min_value) / 10)::float8::text end as band,
        case when s.kind = 'ORDERED' then array_position(s.grades, l.grade) else b.n end as rank
      from last l
      join offerings o on o.id = l.offering_id
      join course_units u on u.id = o.unit_id
      join grade_scales s on s.id = u.grade_scale_id
      left join lateral (select least(9, greatest(0, floor((l.grade::numeric - s.min_value) * 10 / (s.max_value - s.min_value))))::int as n where s.kind = 'NUMERIC') b on true
    ), per_grade as (
      select offering_id, band, rank, count(*)::int as n, count(*) filter (where passed)::int as passed, count(*) filter (where readable)::int as readable
      from banded group by offering_id, band, rank
    )
    select o.id as "offeringId", o.unit_id as "unitId", o.cohort_id as "cohortId", o.term_id as "termId",
      sum(g.n)::int as students, sum(g.passed)::int as passed, sum(g.readable)::int as readable,
      json_agg(json_build_object('grade', g.band, 'students', g.n) order by g.rank) as grades
    from per_grade g
    join offerings o on o.id = g.offering_id
    join course_units u on u.id = o.unit_id
    join academic_terms t on t.id = o.term_id
    group by o.id, t.academic_year, t.start_date, u.code
    order by t.academic_year, t.start_date, u.code, o.cohort_id, o.id
    limit $3;
-- parameters: [1,2024,100]
select k.v as key, (select ('{"#":' || '1' || ',"code":' || to_json("t0"."code")::text || '}') from "course_units" as "t0" where "t0"."id" = k.v) as value from unnest($1::int[]) as k(v);
-- parameters: ["{3,2,1,6,5,7,4}"]

-- platform admin, batched: 2 statements

    with last as (
      select distinct on (r.offering_id, r.enrollment_id) r.offering_id, r.grade, r.passed, true as readable
      from course_results r
      where r.offering_id in (
        select o.id from offerings o join course_units u on u.id = o.unit_id join cohorts c on c.id = o.cohort_id join academic_terms t on t.id = o.term_id where o.cohort_id = $1 and t.academic_year = $2)
      order by r.offering_id, r.enrollment_id, r.attempt desc
    ), banded as (
      select l.offering_id, l.passed, l.readable,
        case when s.kind = 'ORDERED' then l.grade
          else (s.min_value + b.n * (s.max_value - s.min_value) / 10)::float8::text || '–' || (s.min_value + (b.n + 1) * (s.max_value - s.min_value) / 10)::float8::text end as band,
        case when s.kind = 'ORDERED' then array_position(s.grades, l.grade) else b.n end as rank
      from last l
      join offerings o on o.id = l.offering_id
      join course_units u on u.id = o.unit_id
      join grade_scales s on s.id = u.grade_scale_id
      left join lateral (select least(9, greatest(0, floor((l.grade::numeric - s.min_value) * 10 / (s.max_value - s.min_value))))::int as n where s.kind = 'NUMERIC') b on true
    ), per_grade as (
      select offering_id, band, rank, count(*)::int as n, count(*) filter (where passed)::int as passed, count(*) filter (where readable)::int as readable
      from banded group by offering_id, band, rank
    )
    select o.id as "offeringId", o.unit_id as "unitId", o.cohort_id as "cohortId", o.term_id as "termId",
      sum(g.n)::int as students, sum(g.passed)::int as passed, sum(g.readable)::int as readable,
      json_agg(json_build_object('grade', g.band, 'students', g.n) order by g.rank) as grades
    from per_grade g
    join offerings o on o.id = g.offering_id
    join course_units u on u.id = o.unit_id
    join academic_terms t on t.id = o.term_id
    group by o.id, t.academic_year, t.start_date, u.code
    order by t.academic_year, t.start_date, u.code, o.cohort_id, o.id
    limit $3;
-- parameters: [1,2024,100]
select k.v as key, (select ('{"#":' || '1' || ',"code":' || to_json("t0"."code")::text || '}') from "course_units" as "t0" where "t0"."id" = k.v) as value from unnest($1::int[]) as k(v);
-- parameters: ["{3,2,1,6,5,7,4}"]

-- admin of institution SW5zdGl0dXRpb246MQ, whole: 2 statements

    with last as (
      select distinct on (r.offering_id, r.enrollment_id) r.offering_id, r.grade, r.passed, ((r.enrollment_id in (select "enrollments"."id" from "enrollments" where ("enrollments"."student_id" = any(array(select "students"."id" from "students" where "students"."home_institution_id" = $1)) or "enrollments"."cohort_id" = any(array(select "cohorts"."id" from "cohorts" where "cohorts"."program_id" = any(array(select "programs"."id" from "programs" where "programs"."host_institution_id" = $2)))) or "enrollments"."nominated_by_institution_id" = $3)) or r.unit_id in (select "course_units"."id" from "course_units" where "course_units"."teaching_institution_id" = $4))) as readable
      from course_results r
      where r.offering_id in (
        select o.id from offerings o join course_units u on u.id = o.unit_id join cohorts c on c.id = o.cohort_id join academic_terms t on t.id = o.term_id where o.cohort_id = $5 and t.academic_year = $6)
      order by r.offering_id, r.enrollment_id, r.attempt desc
    ), banded as (
      select l.offering_id, l.passed, l.readable,
        case when s.kind = 'ORDERED' then l.grade
          else (s.min_value + b.n * (s.max_value - s.min_value) / 10)::float8::text || '–' || (s.min_value + (b.n + 1) * (s.max_value - s.min_value) / 10)::float8::text end as band,
        case when s.kind = 'ORDERED' then array_position(s.grades, l.grade) else b.n end as rank
      from last l
      join offerings o on o.id = l.offering_id
      join course_units u on u.id = o.unit_id
      join grade_scales s on s.id = u.grade_scale_id
      left join lateral (select least(9, greatest(0, floor((l.grade::numeric - s.min_value) * 10 / (s.max_value - s.min_value))))::int as n where s.kind = 'NUMERIC') b on true
    ), per_grade as (
      select offering_id, band, rank, count(*)::int as n, count(*) filter (where passed)::int as passed, count(*) filter (where readable)::int as readable
      from banded group by offering_id, band, rank
    )
    select o.id as "offeringId", o.unit_id as "unitId", o.cohort_id as "cohortId", o.term_id as "termId",
      sum(g.n)::int as students, sum(g.passed)::int as passed, sum(g.readable)::int as readable,
      json_agg(json_build_object('grade', g.band, 'students', g.n) order by g.rank) as grades
    from per_grade g
    join offerings o on o.id = g.offering_id
    join course_units u on u.id = o.unit_id
    join academic_terms t on t.id = o.term_id
    group by o.id, t.academic_year, t.start_date, u.code
    order by t.academic_year, t.start_date, u.code, o.cohort_id, o.id
    limit $7;
-- parameters: [1,1,1,1,1,2024,100]
select k.v as key, (select ('{"#":' || '1' || ',"code":' || to_json("t0"."code")::text || '}') from "course_units" as "t0" where "t0"."id" = k.v) as value from unnest($1::int[]) as k(v);
-- parameters: ["{3,2,1,6,5,7,4}"]

-- admin of institution SW5zdGl0dXRpb246MQ, inline: 2 statements

    with last as (
      select distinct on (r.offering_id, r.enrollment_id) r.offering_id, r.grade, r.passed, ((r.enrollment_id in (select "enrollments"."id" from "enrollments" where ("enrollments"."student_id" = any(array(select "students"."id" from "students" where "students"."home_institution_id" = $1)) or "enrollments"."cohort_id" = any(array(select "cohorts"."id" from "cohorts" where "cohorts"."program_id" = any(array(select "programs"."id" from "programs" where "programs"."host_institution_id" = $2)))) or "enrollments"."nominated_by_institution_id" = $3)) or r.unit_id in (select "course_units"."id" from "course_units" where "course_units"."teaching_institution_id" = $4))) as readable
      from course_results r
      where r.offering_id in (
        select o.id from offerings o join course_units u on u.id = o.unit_id join cohorts c on c.id = o.cohort_id join academic_terms t on t.id = o.term_id where o.cohort_id = $5 and t.academic_year = $6)
      order by r.offering_id, r.enrollment_id, r.attempt desc
    ), banded as (
      select l.offering_id, l.passed, l.readable,
        case when s.kind = 'ORDERED' then l.grade
          else (s.min_value + b.n * (s.max_value - s.min_value) / 10)::float8::text || '–' || (s.min_value + (b.n + 1) * (s.max_value - s.min_value) / 10)::float8::text end as band,
        case when s.kind = 'ORDERED' then array_position(s.grades, l.grade) else b.n end as rank
      from last l
      join offerings o on o.id = l.offering_id
      join course_units u on u.id = o.unit_id
      join grade_scales s on s.id = u.grade_scale_id
      left join lateral (select least(9, greatest(0, floor((l.grade::numeric - s.min_value) * 10 / (s.max_value - s.min_value))))::int as n where s.kind = 'NUMERIC') b on true
    ), per_grade as (
      select offering_id, band, rank, count(*)::int as n, count(*) filter (where passed)::int as passed, count(*) filter (where readable)::int as readable
      from banded group by offering_id, band, rank
    )
    select o.id as "offeringId", o.unit_id as "unitId", o.cohort_id as "cohortId", o.term_id as "termId",
      sum(g.n)::int as students, sum(g.passed)::int as passed, sum(g.readable)::int as readable,
      json_agg(json_build_object('grade', g.band, 'students', g.n) order by g.rank) as grades
    from per_grade g
    join offerings o on o.id = g.offering_id
    join course_units u on u.id = o.unit_id
    join academic_terms t on t.id = o.term_id
    group by o.id, t.academic_year, t.start_date, u.code
    order by t.academic_year, t.start_date, u.code, o.cohort_id, o.id
    limit $7;
-- parameters: [1,1,1,1,1,2024,100]
select k.v as key, (select ('{"#":' || '1' || ',"code":' || to_json("t0"."code")::text || '}') from "course_units" as "t0" where "t0"."id" = k.v) as value from unnest($1::int[]) as k(v);
-- parameters: ["{3,2,1,6,5,7,4}"]

-- admin of institution SW5zdGl0dXRpb246MQ, batched: 2 statements

    with last as (
      select distinct on (r.offering_id, r.enrollment_id) r.offering_id, r.grade, r.passed, ((r.enrollment_id in (select "enrollments"."id" from "enrollments" where ("enrollments"."student_id" = any(array(select "students"."id" from "students" where "students"."home_institution_id" = $1)) or "enrollments"."cohort_id" = any(array(select "cohorts"."id" from "cohorts" where "cohorts"."program_id" = any(array(select "programs"."id" from "programs" where "programs"."host_institution_id" = $2)))) or "enrollments"."nominated_by_institution_id" = $3)) or r.unit_id in (select "course_units"."id" from "course_units" where "course_units"."teaching_institution_id" = $4))) as readable
      from course_results r
      where r.offering_id in (
        select o.id from offerings o join course_units u on u.id = o.unit_id join cohorts c on c.id = o.cohort_id join academic_terms t on t.id = o.term_id where o.cohort_id = $5 and t.academic_year = $6)
      order by r.offering_id, r.enrollment_id, r.attempt desc
    ), banded as (
      select l.offering_id, l.passed, l.readable,
        case when s.kind = 'ORDERED' then l.grade
          else (s.min_value + b.n * (s.max_value - s.min_value) / 10)::float8::text || '–' || (s.min_value + (b.n + 1) * (s.max_value - s.min_value) / 10)::float8::text end as band,
        case when s.kind = 'ORDERED' then array_position(s.grades, l.grade) else b.n end as rank
      from last l
      join offerings o on o.id = l.offering_id
      join course_units u on u.id = o.unit_id
      join grade_scales s on s.id = u.grade_scale_id
      left join lateral (select least(9, greatest(0, floor((l.grade::numeric - s.min_value) * 10 / (s.max_value - s.min_value))))::int as n where s.kind = 'NUMERIC') b on true
    ), per_grade as (
      select offering_id, band, rank, count(*)::int as n, count(*) filter (where passed)::int as passed, count(*) filter (where readable)::int as readable
      from banded group by offering_id, band, rank
    )
    select o.id as "offeringId", o.unit_id as "unitId", o.cohort_id as "cohortId", o.term_id as "termId",
      sum(g.n)::int as students, sum(g.passed)::int as passed, sum(g.readable)::int as readable,
      json_agg(json_build_object('grade', g.band, 'students', g.n) order by g.rank) as grades
    from per_grade g
    join offerings o on o.id = g.offering_id
    join course_units u on u.id = o.unit_id
    join academic_terms t on t.id = o.term_id
    group by o.id, t.academic_year, t.start_date, u.code
    order by t.academic_year, t.start_date, u.code, o.cohort_id, o.id
    limit $7;
-- parameters: [1,1,1,1,1,2024,100]
select k.v as key, (select ('{"#":' || '1' || ',"code":' || to_json("t0"."code")::text || '}') from "course_units" as "t0" where "t0"."id" = k.v) as value from unnest($1::int[]) as k(v);
-- parameters: ["{3,2,1,6,5,7,4}"]
