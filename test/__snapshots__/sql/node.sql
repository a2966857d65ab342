-- README: Anyone: any object by its global id:
--   query NodeById { node(id: "SW5zdGl0dXRpb246MQ") { id ... on Institution { nameEn names { language text } country { code } } } }
-- The statements the request runs, in order, with their parameters (test/integration/sql-snapshots.test.ts).

-- platform admin, whole: 1 statement
select k.v as key, (select (('{"#":' || '1' || ',"#t":' || '"Institution"' || ',"id":') || ('"' || replace(replace(replace(rtrim(encode(textsend($1 || ("t0"."id")::text), 'base64'), '='), E'\n', ''), '+', '-'), '/', '_') || '"' || ',"nameEn":' || to_json("t0"."name_en")::text || ',"names":' || json_build_array("t0"."name_en", "t0"."names")::text || ',"country":') || coalesce((select ('{"#":' || '1' || ',"code":' || to_json("t1"."code")::text || '}') from "countries" as "t1" where "t1"."code" = "t0"."country_code"), 'null') || '}') from "institutions" as "t0" where "t0"."id" = k.v) as value from unnest($2::int[]) as k(v);
-- parameters: ["Institution:","{1}"]

-- platform admin, inline: 1 statement
select k.v as key, (select (('{"#":' || '1' || ',"#t":' || '"Institution"' || ',"id":') || ('"' || replace(replace(replace(rtrim(encode(textsend($1 || ("t0"."id")::text), 'base64'), '='), E'\n', ''), '+', '-'), '/', '_') || '"' || ',"nameEn":' || to_json("t0"."name_en")::text || ',"names":' || json_build_array("t0"."name_en", "t0"."names")::text || ',"country":') || coalesce((select ('{"#":' || '1' || ',"code":' || to_json("t1"."code")::text || '}') from "countries" as "t1" where "t1"."code" = "t0"."country_code"), 'null') || '}') from "institutions" as "t0" where "t0"."id" = k.v) as value from unnest($2::int[]) as k(v);
-- parameters: ["Institution:","{1}"]

-- platform admin, batched: 2 statements
select k.v as key, (select (('{"#":' || '1' || ',"#t":' || '"Institution"' || ',"id":' || '"' || replace(replace(replace(rtrim(encode(textsend($1 || ("t0"."id")::text), 'base64'), '='), E'\n', ''), '+', '-'), '/', '_') || '"') || (',"nameEn":' || to_json("t0"."name_en")::text || ',"names":' || json_build_array("t0"."name_en", "t0"."names")::text || ',"#p:country":' || coalesce(to_json("t0"."country_code")::text, 'null') || '}')) from "institutions" as "t0" where "t0"."id" = k.v) as value from unnest($2::int[]) as k(v);
-- parameters: ["Institution:","{1}"]
select k.v as key, coalesce((select ('{"#":' || '1' || ',"code":' || to_json("t0"."code")::text || '}') from "countries" as "t0" where "t0"."code" = k.v), 'null') as value from unnest($1::text[]) as k(v);
-- parameters: ["{\"CN\"}"]

-- admin of institution SW5zdGl0dXRpb246MQ, whole: 1 statement
select k.v as key, (select (('{"#":' || '1' || ',"#t":' || '"Institution"' || ',"id":') || ('"' || replace(replace(replace(rtrim(encode(textsend($1 || ("t0"."id")::text), 'base64'), '='), E'\n', ''), '+', '-'), '/', '_') || '"' || ',"nameEn":' || to_json("t0"."name_en")::text || ',"names":' || json_build_array("t0"."name_en", "t0"."names")::text || ',"country":') || coalesce((select ('{"#":' || '1' || ',"code":' || to_json("t1"."code")::text || '}') from "countries" as "t1" where "t1"."code" = "t0"."country_code"), 'null') || '}') from "institutions" as "t0" where "t0"."id" = k.v) as value from unnest($2::int[]) as k(v);
-- parameters: ["Institution:","{1}"]

-- admin of institution SW5zdGl0dXRpb246MQ, inline: 1 statement
select k.v as key, (select (('{"#":' || '1' || ',"#t":' || '"Institution"' || ',"id":') || ('"' || replace(replace(replace(rtrim(encode(textsend($1 || ("t0"."id")::text), 'base64'), '='), E'\n', ''), '+', '-'), '/', '_') || '"' || ',"nameEn":' || to_json("t0"."name_en")::text || ',"names":' || json_build_array("t0"."name_en", "t0"."names")::text || ',"country":') || coalesce((select ('{"#":' || '1' || ',"code":' || to_json("t1"."code")::text || '}') from "countries" as "t1" where "t1"."code" = "t0"."country_code"), 'null') || '}') from "institutions" as "t0" where "t0"."id" = k.v) as value from unnest($2::int[]) as k(v);
-- parameters: ["Institution:","{1}"]

-- admin of institution SW5zdGl0dXRpb246MQ, batched: 2 statements
select k.v as key, (select (('{"#":' || '1' || ',"#t":' || '"Institution"' || ',"id":' || '"' || replace(replace(replace(rtrim(encode(textsend($1 || ("t0"."id")::text), 'base64'), '='), E'\n', ''), '+', '-'), '/', '_') || '"') || (',"nameEn":' || to_json("t0"."name_en")::text || ',"names":' || json_build_array("t0"."name_en", "t0"."names")::text || ',"#p:country":' || coalesce(to_json("t0"."country_code")::text, 'null') || '}')) from "institutions" as "t0" where "t0"."id" = k.v) as value from unnest($2::int[]) as k(v);
-- parameters: ["Institution:","{1}"]
select k.v as key, coalesce((select ('{"#":' || '1' || ',"code":' || to_json("t0"."code")::text || '}') from "countries" as "t0" where "t0"."code" = k.v), 'null') as value from unnest($1::text[]) as k(v);
-- parameters: ["{\"CN\"}"]
