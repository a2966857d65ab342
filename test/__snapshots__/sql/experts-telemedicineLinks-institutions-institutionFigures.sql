-- README: Public: headline figures, each counted from records or stored with its source:
--   query HeadlineFigures {
--     expertsSent: experts(filter: { dispatchYearFrom: 2023, dispatchYearTo: 2024 }) { totalCount }
--     telemedicineLinks { totalCount }
--     internationalDepartments: institutions(filter: { internationalDepartment: true }) { totalCount }
--     institutionFigures(filter: { metrics: [INTERNATIONAL_PATIENTS_TREATED, INTERNATIONAL_BEDS] }) {
--       nodes { metric value qualifier asOf regionCode source { title } }
--     }
--   }
-- The statements the request runs, in order, with their parameters (test/integration/sql-snapshots.test.ts).

-- platform admin, whole: 1 statement
select (E'{"expertsSent":\0011' || (select ('{"totalCount":' || (select count(*)::int from "experts" as "t2" where "t2"."id" in (select "dispatch_members"."expert_id" from "dispatch_members" join "dispatches" on "dispatches"."id" = "dispatch_members"."dispatch_id" where ("dispatches"."status" <> $1 and "dispatches"."start_date" >= $2 and "dispatches"."start_date" <= $3)))::text || '}')) || E',"telemedicineLinks":\0011' || (select ('{"totalCount":' || (select count(*)::int from "telemedicine_links" as "t5" where true)::text || '}')) || E',"internationalDepartments":\0011' || (select ('{"totalCount":' || (select count(*)::int from "institutions" as "t8" where "t8"."international_department" = $4)::text || '}')) || E',"institutionFigures":\0011' || (select (E'\001' || (count(*))::text || '{"nodes":[' || coalesce(string_agg((('{"metric":' || '"' || ("t10"."metric")::text || '"' || ',"value":' || ("t10"."value")::int::text || ',"qualifier":') || ('"' || ("t10"."qualifier")::text || '"' || ',"asOf":' || '"' || to_char("t10"."as_of", 'YYYY-MM-DD') || '"' || ',"regionCode":' || coalesce(to_json("t10"."region_code")::text, 'null') || ',"source":') || coalesce((select (E'\0011{"title":' || to_json("t11"."title")::text || '}') from "sources" as "t11" where "t11"."id" = "t10"."source_id"), 'null') || '}'), ','), '') || ']}') from (select "t10".* from "institution_figures" as "t10" where "t10"."metric" in ($5, $6) order by "t10"."as_of" asc, "t10"."id" asc limit 20) as "t10") || '}') as data;
-- parameters: ["CANCELLED","2023-01-01","2024-12-31",true,"INTERNATIONAL_PATIENTS_TREATED","INTERNATIONAL_BEDS"]

-- platform admin, inline: 4 statements
select (select ('{"#":' || '1' || ',"totalCount":' || (select count(*)::int from "experts" as "t1" where "t1"."id" in (select "dispatch_members"."expert_id" from "dispatch_members" join "dispatches" on "dispatches"."id" = "dispatch_members"."dispatch_id" where ("dispatches"."status" <> $1 and "dispatches"."start_date" >= $2 and "dispatches"."start_date" <= $3)))::text || '}')) as value;
-- parameters: ["CANCELLED","2023-01-01","2024-12-31"]
select (select ('{"#":' || '1' || ',"totalCount":' || (select count(*)::int from "telemedicine_links" as "t1" where true)::text || '}')) as value;
-- parameters: []
select (select ('{"#":' || '1' || ',"totalCount":' || (select count(*)::int from "institutions" as "t1" where "t1"."international_department" = $1)::text || '}')) as value;
-- parameters: [true]
select (select ('{"#":' || '1' || ',"nodes":[' || coalesce(string_agg((('{"#":' || '1' || ',"metric":' || '"' || ("t0"."metric")::text || '"' || ',"value":' || ("t0"."value")::int::text) || (',"qualifier":' || '"' || ("t0"."qualifier")::text || '"' || ',"asOf":' || '"' || to_char("t0"."as_of", 'YYYY-MM-DD') || '"' || ',"regionCode":' || coalesce(to_json("t0"."region_code")::text, 'null') || ',"source":') || coalesce((select ('{"#":' || '1' || ',"title":' || to_json("t1"."title")::text || '}') from "sources" as "t1" where "t1"."id" = "t0"."source_id"), 'null') || '}'), ','), '') || ']}') from (select "t0".* from "institution_figures" as "t0" where "t0"."metric" in ($1, $2) order by "t0"."as_of" asc, "t0"."id" asc limit 20) as "t0") as value;
-- parameters: ["INTERNATIONAL_PATIENTS_TREATED","INTERNATIONAL_BEDS"]

-- platform admin, batched: 5 statements
select (select ('{"#":' || '1' || ',"totalCount":' || (select count(*)::int from "experts" as "t1" where "t1"."id" in (select "dispatch_members"."expert_id" from "dispatch_members" join "dispatches" on "dispatches"."id" = "dispatch_members"."dispatch_id" where ("dispatches"."status" <> $1 and "dispatches"."start_date" >= $2 and "dispatches"."start_date" <= $3)))::text || '}')) as value;
-- parameters: ["CANCELLED","2023-01-01","2024-12-31"]
select (select ('{"#":' || '1' || ',"totalCount":' || (select count(*)::int from "telemedicine_links" as "t1" where true)::text || '}')) as value;
-- parameters: []
select (select ('{"#":' || '1' || ',"totalCount":' || (select count(*)::int from "institutions" as "t1" where "t1"."international_department" = $1)::text || '}')) as value;
-- parameters: [true]
select (select ('{"#":' || '1' || ',"nodes":[' || coalesce(string_agg((('{"#":' || '1' || ',"metric":' || '"' || ("t0"."metric")::text || '"' || ',"value":' || ("t0"."value")::int::text || ',"qualifier":') || ('"' || ("t0"."qualifier")::text || '"' || ',"asOf":' || '"' || to_char("t0"."as_of", 'YYYY-MM-DD') || '"' || ',"regionCode":' || coalesce(to_json("t0"."region_code")::text, 'null') || ',"#p:source":' || coalesce(to_json("t0"."source_id")::text, 'null') || '}')), ','), '') || ']}') from (select "t0".* from "institution_figures" as "t0" where "t0"."metric" in ($1, $2) order by "t0"."as_of" asc, "t0"."id" asc limit 20) as "t0") as value;
-- parameters: ["INTERNATIONAL_PATIENTS_TREATED","INTERNATIONAL_BEDS"]
select k.v as key, coalesce((select ('{"#":' || '1' || ',"title":' || to_json("t0"."title")::text || '}') from "sources" as "t0" where "t0"."id" = k.v), 'null') as value from unnest($1::int[]) as k(v);
-- parameters: ["{1}"]

-- admin of institution SW5zdGl0dXRpb246MQ, whole: 1 statement
select (E'{"expertsSent":\0011' || (select ('{"totalCount":' || (select count(*)::int from "experts" as "t2" where "t2"."id" in (select "dispatch_members"."expert_id" from "dispatch_members" join "dispatches" on "dispatches"."id" = "dispatch_members"."dispatch_id" where ("dispatches"."status" <> $1 and "dispatches"."start_date" >= $2 and "dispatches"."start_date" <= $3)))::text || '}')) || E',"telemedicineLinks":\0011' || (select ('{"totalCount":' || (select count(*)::int from "telemedicine_links" as "t5" where true)::text || '}')) || E',"internationalDepartments":\0011' || (select ('{"totalCount":' || (select count(*)::int from "institutions" as "t8" where "t8"."international_department" = $4)::text || '}')) || E',"institutionFigures":\0011' || (select (E'\001' || (count(*))::text || '{"nodes":[' || coalesce(string_agg((('{"metric":' || '"' || ("t10"."metric")::text || '"' || ',"value":' || ("t10"."value")::int::text || ',"qualifier":') || ('"' || ("t10"."qualifier")::text || '"' || ',"asOf":' || '"' || to_char("t10"."as_of", 'YYYY-MM-DD') || '"' || ',"regionCode":' || coalesce(to_json("t10"."region_code")::text, 'null') || ',"source":') || coalesce((select (E'\0011{"title":' || to_json("t11"."title")::text || '}') from "sources" as "t11" where "t11"."id" = "t10"."source_id"), 'null') || '}'), ','), '') || ']}') from (select "t10".* from "institution_figures" as "t10" where "t10"."metric" in ($5, $6) order by "t10"."as_of" asc, "t10"."id" asc limit 20) as "t10") || '}') as data;
-- parameters: ["CANCELLED","2023-01-01","2024-12-31",true,"INTERNATIONAL_PATIENTS_TREATED","INTERNATIONAL_BEDS"]

-- admin of institution SW5zdGl0dXRpb246MQ, inline: 4 statements
select (select ('{"#":' || '1' || ',"totalCount":' || (select count(*)::int from "experts" as "t1" where "t1"."id" in (select "dispatch_members"."expert_id" from "dispatch_members" join "dispatches" on "dispatches"."id" = "dispatch_members"."dispatch_id" where ("dispatches"."status" <> $1 and "dispatches"."start_date" >= $2 and "dispatches"."start_date" <= $3)))::text || '}')) as value;
-- parameters: ["CANCELLED","2023-01-01","2024-12-31"]
select (select ('{"#":' || '1' || ',"totalCount":' || (select count(*)::int from "telemedicine_links" as "t1" where true)::text || '}')) as value;
-- parameters: []
select (select ('{"#":' || '1' || ',"totalCount":' || (select count(*)::int from "institutions" as "t1" where "t1"."international_department" = $1)::text || '}')) as value;
-- parameters: [true]
select (select ('{"#":' || '1' || ',"nodes":[' || coalesce(string_agg((('{"#":' || '1' || ',"metric":' || '"' || ("t0"."metric")::text || '"' || ',"value":' || ("t0"."value")::int::text) || (',"qualifier":' || '"' || ("t0"."qualifier")::text || '"' || ',"asOf":' || '"' || to_char("t0"."as_of", 'YYYY-MM-DD') || '"' || ',"regionCode":' || coalesce(to_json("t0"."region_code")::text, 'null') || ',"source":') || coalesce((select ('{"#":' || '1' || ',"title":' || to_json("t1"."title")::text || '}') from "sources" as "t1" where "t1"."id" = "t0"."source_id"), 'null') || '}'), ','), '') || ']}') from (select "t0".* from "institution_figures" as "t0" where "t0"."metric" in ($1, $2) order by "t0"."as_of" asc, "t0"."id" asc limit 20) as "t0") as value;
-- parameters: ["INTERNATIONAL_PATIENTS_TREATED","INTERNATIONAL_BEDS"]

-- admin of institution SW5zdGl0dXRpb246MQ, batched: 5 statements
select (select ('{"#":' || '1' || ',"totalCount":' || (select count(*)::int from "experts" as "t1" where "t1"."id" in (select "dispatch_members"."expert_id" from "dispatch_members" join "dispatches" on "dispatches"."id" = "dispatch_members"."dispatch_id" where ("dispatches"."status" <> $1 and "dispatches"."start_date" >= $2 and "dispatches"."start_date" <= $3)))::text || '}')) as value;
-- parameters: ["CANCELLED","2023-01-01","2024-12-31"]
select (select ('{"#":' || '1' || ',"totalCount":' || (select count(*)::int from "telemedicine_links" as "t1" where true)::text || '}')) as value;
-- parameters: []
select (select ('{"#":' || '1' || ',"totalCount":' || (select count(*)::int from "institutions" as "t1" where "t1"."international_department" = $1)::text || '}')) as value;
-- parameters: [true]
select (select ('{"#":' || '1' || ',"nodes":[' || coalesce(string_agg((('{"#":' || '1' || ',"metric":' || '"' || ("t0"."metric")::text || '"' || ',"value":' || ("t0"."value")::int::text || ',"qualifier":') || ('"' || ("t0"."qualifier")::text || '"' || ',"asOf":' || '"' || to_char("t0"."as_of", 'YYYY-MM-DD') || '"' || ',"regionCode":' || coalesce(to_json("t0"."region_code")::text, 'null') || ',"#p:source":' || coalesce(to_json("t0"."source_id")::text, 'null') || '}')), ','), '') || ']}') from (select "t0".* from "institution_figures" as "t0" where "t0"."metric" in ($1, $2) order by "t0"."as_of" asc, "t0"."id" asc limit 20) as "t0") as value;
-- parameters: ["INTERNATIONAL_PATIENTS_TREATED","INTERNATIONAL_BEDS"]
select k.v as key, coalesce((select ('{"#":' || '1' || ',"title":' || to_json("t0"."title")::text || '}') from "sources" as "t0" where "t0"."id" = k.v), 'null') as value from unnest($1::int[]) as k(v);
-- parameters: ["{1}"]
