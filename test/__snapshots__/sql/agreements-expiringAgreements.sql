-- README: The State Key Laboratory agreement by date
--   query SklTermsByDate {
--     mid2024: agreements(filter: { institutionId: "SW5zdGl0dXRpb246NA", inForceOn: "2024-06-01", validUntilBefore: "2030-01-01" }) { totalCount }
--     now: agreements(filter: { institutionId: "SW5zdGl0dXRpb246NA", validUntilBefore: "2030-01-01" }) { nodes { code validUntil } }
--     expiringMid2026: expiringAgreements(withinDays: 1000, asOf: "2026-06-01", filter: { institutionId: "SW5zdGl0dXRpb246NA" }) { validUntil }
--     expiringMid2028: expiringAgreements(withinDays: 365, asOf: "2028-06-01", filter: { institutionId: "SW5zdGl0dXRpb246NA" }) { validUntil daysLeft }
--   }
-- The statements the request runs, in order, with their parameters (test/integration/sql-snapshots.test.ts).

-- platform admin, whole: 4 statements
select (select ('{"#":' || '1' || ',"totalCount":' || (select count(*)::int from "agreements" as "t1" where ((not ((select ended_a.status from "agreements" ended_a where ended_a.id = "t1"."id") = 'TERMINATED' and ($1::date)::date >= current_date) and exists (select 1 from "agreement_versions" "terms_f" where "terms_f"."agreement_id" = "t1"."id" and ("terms_f"."in_force_from" < (($2::date)::date + 1)::timestamp at time zone 'UTC' and ("terms_f"."superseded_at" is null or "terms_f"."superseded_at" >= (($3::date)::date + 1)::timestamp at time zone 'UTC'))) and coalesce((coalesce((select terms_v.content from "agreement_versions" terms_v where terms_v.agreement_id = "t1"."id" and terms_v.in_force_from is not null
    order by terms_v.in_force_from < (($4::date)::date + 1)::timestamp at time zone 'UTC' desc, case when terms_v.in_force_from < (($5::date)::date + 1)::timestamp at time zone 'UTC' then terms_v.in_force_from end desc nulls last, terms_v.in_force_from
    limit 1), (select jsonb_build_object(
    'parties', coalesce((select jsonb_agg(jsonb_build_object('institutionId', terms_p.institution_id, 'role', terms_p.role) order by terms_p.institution_id) from "agreement_parties" terms_p where terms_p.agreement_id = terms_a.id), '[]'::jsonb),
    'focusAreas', coalesce((select jsonb_agg(terms_fa.area order by terms_fa.area) from "agreement_focus_areas" terms_fa where terms_fa.agreement_id = terms_a.id), '[]'::jsonb),
    'placesPerYear', terms_a.places_per_year, 'validFrom', terms_a.valid_from, 'validUntil', terms_a.valid_until, 'summary', terms_a.summary)
    from "agreements" terms_a where terms_a.id = "t1"."id"))->>'validFrom')::date <= ($6::date)::date, true) and coalesce((coalesce((select terms_v.content from "agreement_versions" terms_v where terms_v.agreement_id = "t1"."id" and terms_v.in_force_from is not null
    order by terms_v.in_force_from < (($7::date)::date + 1)::timestamp at time zone 'UTC' desc, case when terms_v.in_force_from < (($8::date)::date + 1)::timestamp at time zone 'UTC' then terms_v.in_force_from end desc nulls last, terms_v.in_force_from
    limit 1), (select jsonb_build_object(
    'parties', coalesce((select jsonb_agg(jsonb_build_object('institutionId', terms_p.institution_id, 'role', terms_p.role) order by terms_p.institution_id) from "agreement_parties" terms_p where terms_p.agreement_id = terms_a.id), '[]'::jsonb),
    'focusAreas', coalesce((select jsonb_agg(terms_fa.area order by terms_fa.area) from "agreement_focus_areas" terms_fa where terms_fa.agreement_id = terms_a.id), '[]'::jsonb),
    'placesPerYear', terms_a.places_per_year, 'validFrom', terms_a.valid_from, 'validUntil', terms_a.valid_until, 'summary', terms_a.summary)
    from "agreements" terms_a where terms_a.id = "t1"."id"))->>'validUntil')::date >= ($9::date)::date, true)) and "t1"."id" in (select "parties_on_agreement_id" from (select terms_l.id as "parties_on_agreement_id", (terms_e->>'institutionId')::int as "parties_on_institution_id", (terms_e->>'role')::party_role as "parties_on_role" from "agreements" terms_l cross join lateral jsonb_array_elements(coalesce((select terms_v.content from "agreement_versions" terms_v where terms_v.agreement_id = terms_l.id and terms_v.in_force_from is not null
    order by terms_v.in_force_from < (($10::date)::date + 1)::timestamp at time zone 'UTC' desc, case when terms_v.in_force_from < (($11::date)::date + 1)::timestamp at time zone 'UTC' then terms_v.in_force_from end desc nulls last, terms_v.in_force_from
    limit 1), (select jsonb_build_object(
    'parties', coalesce((select jsonb_agg(jsonb_build_object('institutionId', terms_p.institution_id, 'role', terms_p.role) order by terms_p.institution_id) from "agreement_parties" terms_p where terms_p.agreement_id = terms_a.id), '[]'::jsonb),
    'focusAreas', coalesce((select jsonb_agg(terms_fa.area order by terms_fa.area) from "agreement_focus_areas" terms_fa where terms_fa.agreement_id = terms_a.id), '[]'::jsonb),
    'placesPerYear', terms_a.places_per_year, 'validFrom', terms_a.valid_from, 'validUntil', terms_a.valid_until, 'summary', terms_a.summary)
    from "agreements" terms_a where terms_a.id = terms_l.id))->'parties') terms_e) "parties_on" where "parties_on_institution_id" = $12) and (coalesce((select terms_v.content from "agreement_versions" terms_v where terms_v.agreement_id = "t1"."id" and terms_v.in_force_from is not null
    order by terms_v.in_force_from < (($13::date)::date + 1)::timestamp at time zone 'UTC' desc, case when terms_v.in_force_from < (($14::date)::date + 1)::timestamp at time zone 'UTC' then terms_v.in_force_from end desc nulls last, terms_v.in_force_from
    limit 1), (select jsonb_build_object(
    'parties', coalesce((select jsonb_agg(jsonb_build_object('institutionId', terms_p.institution_id, 'role', terms_p.role) order by terms_p.institution_id) from "agreement_parties" terms_p where terms_p.agreement_id = terms_a.id), '[]'::jsonb),
    'focusAreas', coalesce((select jsonb_agg(terms_fa.area order by terms_fa.area) from "agreement_focus_areas" terms_fa where terms_fa.agreement_id = terms_a.id), '[]'::jsonb),
    'placesPerYear', terms_a.places_per_year, 'validFrom', terms_a.valid_from, 'validUntil', terms_a.valid_until, 'summary', terms_a.summary)
    from "agreements" terms_a where terms_a.id = "t1"."id"))->>'validUntil')::date <= $15))::text || '}')) as value;
-- parameters: ["2024-06-01","2024-06-01","2024-06-01","2024-06-01","2024-06-01","2024-06-01","2024-06-01","2024-06-01","2024-06-01","2024-06-01","2024-06-01",4,"2024-06-01","2024-06-01","2030-01-01"]
select (select ('{"#":' || '1' || ',"nodes":[' || coalesce(string_agg(('{"#":' || '1' || ',"code":' || to_json("t0"."code")::text || ',"validUntil":' || coalesce('"' || to_char("t0"."valid_until", 'YYYY-MM-DD') || '"', 'null') || '}'), ','), '') || ']}') from (select "t0".* from "agreements" as "t0" where ("t0"."id" in (select "parties_on_agreement_id" from (select terms_l.id as "parties_on_agreement_id", (terms_e->>'institutionId')::int as "parties_on_institution_id", (terms_e->>'role')::party_role as "parties_on_role" from "agreements" terms_l cross join lateral jsonb_array_elements(coalesce((select terms_v.content from "agreement_versions" terms_v where terms_v.agreement_id = terms_l.id and terms_v.in_force_from is not null
    order by terms_v.in_force_from < (((now() at time zone 'UTC')::date)::date + 1)::timestamp at time zone 'UTC' desc, case when terms_v.in_force_from < (((now() at time zone 'UTC')::date)::date + 1)::timestamp at time zone 'UTC' then terms_v.in_force_from end desc nulls last, terms_v.in_force_from
    limit 1), (select jsonb_build_object(
    'parties', coalesce((select jsonb_agg(jsonb_build_object('institutionId', terms_p.institution_id, 'role', terms_p.role) order by terms_p.institution_id) from "agreement_parties" terms_p where terms_p.agreement_id = terms_a.id), '[]'::jsonb),
    'focusAreas', coalesce((select jsonb_agg(terms_fa.area order by terms_fa.area) from "agreement_focus_areas" terms_fa where terms_fa.agreement_id = terms_a.id), '[]'::jsonb),
    'placesPerYear', terms_a.places_per_year, 'validFrom', terms_a.valid_from, 'validUntil', terms_a.valid_until, 'summary', terms_a.summary)
    from "agreements" terms_a where terms_a.id = terms_l.id))->'parties') terms_e) "parties_on" where "parties_on_institution_id" = $1) and (coalesce((select terms_v.content from "agreement_versions" terms_v where terms_v.agreement_id = "t0"."id" and terms_v.in_force_from is not null
    order by terms_v.in_force_from < (((now() at time zone 'UTC')::date)::date + 1)::timestamp at time zone 'UTC' desc, case when terms_v.in_force_from < (((now() at time zone 'UTC')::date)::date + 1)::timestamp at time zone 'UTC' then terms_v.in_force_from end desc nulls last, terms_v.in_force_from
    limit 1), (select jsonb_build_object(
    'parties', coalesce((select jsonb_agg(jsonb_build_object('institutionId', terms_p.institution_id, 'role', terms_p.role) order by terms_p.institution_id) from "agreement_parties" terms_p where terms_p.agreement_id = terms_a.id), '[]'::jsonb),
    'focusAreas', coalesce((select jsonb_agg(terms_fa.area order by terms_fa.area) from "agreement_focus_areas" terms_fa where terms_fa.agreement_id = terms_a.id), '[]'::jsonb),
    'placesPerYear', terms_a.places_per_year, 'validFrom', terms_a.valid_from, 'validUntil', terms_a.valid_until, 'summary', terms_a.summary)
    from "agreements" terms_a where terms_a.id = "t0"."id"))->>'validUntil')::date <= $2) order by "t0"."id" asc limit 20) as "t0") as value;
-- parameters: [4,"2030-01-01"]
select "id", "code", "title", "summary", "signed_on", "signed_on_precision", "valid_from", "valid_until", "status", "places_per_year", "current_version_id", "source_id", "illustrative", "created_at", ((coalesce((select terms_v.content from "agreement_versions" terms_v where terms_v.agreement_id = "agreements"."id" and terms_v.in_force_from is not null
    order by terms_v.in_force_from < (($1::date)::date + 1)::timestamp at time zone 'UTC' desc, case when terms_v.in_force_from < (($2::date)::date + 1)::timestamp at time zone 'UTC' then terms_v.in_force_from end desc nulls last, terms_v.in_force_from
    limit 1), (select jsonb_build_object(
    'parties', coalesce((select jsonb_agg(jsonb_build_object('institutionId', terms_p.institution_id, 'role', terms_p.role) order by terms_p.institution_id) from "agreement_parties" terms_p where terms_p.agreement_id = terms_a.id), '[]'::jsonb),
    'focusAreas', coalesce((select jsonb_agg(terms_fa.area order by terms_fa.area) from "agreement_focus_areas" terms_fa where terms_fa.agreement_id = terms_a.id), '[]'::jsonb),
    'placesPerYear', terms_a.places_per_year, 'validFrom', terms_a.valid_from, 'validUntil', terms_a.valid_until, 'summary', terms_a.summary)
    from "agreements" terms_a where terms_a.id = "agreements"."id"))->>'validUntil')::date)::text, ((coalesce((select terms_v.content from "agreement_versions" terms_v where terms_v.agreement_id = "agreements"."id" and terms_v.in_force_from is not null
    order by terms_v.in_force_from < (($3::date)::date + 1)::timestamp at time zone 'UTC' desc, case when terms_v.in_force_from < (($4::date)::date + 1)::timestamp at time zone 'UTC' then terms_v.in_force_from end desc nulls last, terms_v.in_force_from
    limit 1), (select jsonb_build_object(
    'parties', coalesce((select jsonb_agg(jsonb_build_object('institutionId', terms_p.institution_id, 'role', terms_p.role) order by terms_p.institution_id) from "agreement_parties" terms_p where terms_p.agreement_id = terms_a.id), '[]'::jsonb),
    'focusAreas', coalesce((select jsonb_agg(terms_fa.area order by terms_fa.area) from "agreement_focus_areas" terms_fa where terms_fa.agreement_id = terms_a.id), '[]'::jsonb),
    'placesPerYear', terms_a.places_per_year, 'validFrom', terms_a.valid_from, 'validUntil', terms_a.valid_until, 'summary', terms_a.summary)
    from "agreements" terms_a where terms_a.id = "agreements"."id"))->>'validUntil')::date - $5::date)::int from "agreements" where ((coalesce((select terms_v.content from "agreement_versions" terms_v where terms_v.agreement_id = "agreements"."id" and terms_v.in_force_from is not null
    order by terms_v.in_force_from < (($6::date)::date + 1)::timestamp at time zone 'UTC' desc, case when terms_v.in_force_from < (($7::date)::date + 1)::timestamp at time zone 'UTC' then terms_v.in_force_from end desc nulls last, terms_v.in_force_from
    limit 1), (select jsonb_build_object(
    'parties', coalesce((select jsonb_agg(jsonb_build_object('institutionId', terms_p.institution_id, 'role', terms_p.role) order by terms_p.institution_id) from "agreement_parties" terms_p where terms_p.agreement_id = terms_a.id), '[]'::jsonb),
    'focusAreas', coalesce((select jsonb_agg(terms_fa.area order by terms_fa.area) from "agreement_focus_areas" terms_fa where terms_fa.agreement_id = terms_a.id), '[]'::jsonb),
    'placesPerYear', terms_a.places_per_year, 'validFrom', terms_a.valid_from, 'validUntil', terms_a.valid_until, 'summary', terms_a.summary)
    from "agreements" terms_a where terms_a.id = "agreements"."id"))->>'validUntil')::date between $8::date and $9::date + $10::int
    and "agreements"."status" not in ('DRAFT', 'TERMINATED') and "agreements"."id" in (select "parties_on_agreement_id" from (select terms_l.id as "parties_on_agreement_id", (terms_e->>'institutionId')::int as "parties_on_institution_id", (terms_e->>'role')::party_role as "parties_on_role" from "agreements" terms_l cross join lateral jsonb_array_elements(coalesce((select terms_v.content from "agreement_versions" terms_v where terms_v.agreement_id = terms_l.id and terms_v.in_force_from is not null
    order by terms_v.in_force_from < (($11::date)::date + 1)::timestamp at time zone 'UTC' desc, case when terms_v.in_force_from < (($12::date)::date + 1)::timestamp at time zone 'UTC' then terms_v.in_force_from end desc nulls last, terms_v.in_force_from
    limit 1), (select jsonb_build_object(
    'parties', coalesce((select jsonb_agg(jsonb_build_object('institutionId', terms_p.institution_id, 'role', terms_p.role) order by terms_p.institution_id) from "agreement_parties" terms_p where terms_p.agreement_id = terms_a.id), '[]'::jsonb),
    'focusAreas', coalesce((select jsonb_agg(terms_fa.area order by terms_fa.area) from "agreement_focus_areas" terms_fa where terms_fa.agreement_id = terms_a.id), '[]'::jsonb),
    'placesPerYear', terms_a.places_per_year, 'validFrom', terms_a.valid_from, 'validUntil', terms_a.valid_until, 'summary', terms_a.summary)
    from "agreements" terms_a where terms_a.id = terms_l.id))->'parties') terms_e) "parties_on" where "parties_on_institution_id" = $13)) order by (coalesce((select terms_v.content from "agreement_versions" terms_v where terms_v.agreement_id = "agreements"."id" and terms_v.in_force_from is not null
    order by terms_v.in_force_from < (($14::date)::date + 1)::timestamp at time zone 'UTC' desc, case when terms_v.in_force_from < (($15::date)::date + 1)::timestamp at time zone 'UTC' then terms_v.in_force_from end desc nulls last, terms_v.in_force_from
    limit 1), (select jsonb_build_object(
    'parties', coalesce((select jsonb_agg(jsonb_build_object('institutionId', terms_p.institution_id, 'role', terms_p.role) order by terms_p.institution_id) from "agreement_parties" terms_p where terms_p.agreement_id = terms_a.id), '[]'::jsonb),
    'focusAreas', coalesce((select jsonb_agg(terms_fa.area order by terms_fa.area) from "agreement_focus_areas" terms_fa where terms_fa.agreement_id = terms_a.id), '[]'::jsonb),
    'placesPerYear', terms_a.places_per_year, 'validFrom', terms_a.valid_from, 'validUntil', terms_a.valid_until, 'summary', terms_a.summary)
    from "agreements" terms_a where terms_a.id = "agreements"."id"))->>'validUntil')::date asc, "agreements"."id" asc limit $16;
-- parameters: ["2026-06-01","2026-06-01","2026-06-01","2026-06-01","2026-06-01","2026-06-01","2026-06-01","2026-06-01","2026-06-01",1000,"2026-06-01","2026-06-01",4,"2026-06-01","2026-06-01",20]
select "id", "code", "title", "summary", "signed_on", "signed_on_precision", "valid_from", "valid_until", "status", "places_per_year", "current_version_id", "source_id", "illustrative", "created_at", ((coalesce((select terms_v.content from "agreement_versions" terms_v where terms_v.agreement_id = "agreements"."id" and terms_v.in_force_from is not null
    order by terms_v.in_force_from < (($1::date)::date + 1)::timestamp at time zone 'UTC' desc, case when terms_v.in_force_from < (($2::date)::date + 1)::timestamp at time zone 'UTC' then terms_v.in_force_from end desc nulls last, terms_v.in_force_from
    limit 1), (select jsonb_build_object(
    'parties', coalesce((select jsonb_agg(jsonb_build_object('institutionId', terms_p.institution_id, 'role', terms_p.role) order by terms_p.institution_id) from "agreement_parties" terms_p where terms_p.agreement_id = terms_a.id), '[]'::jsonb),
    'focusAreas', coalesce((select jsonb_agg(terms_fa.area order by terms_fa.area) from "agreement_focus_areas" terms_fa where terms_fa.agreement_id = terms_a.id), '[]'::jsonb),
    'placesPerYear', terms_a.places_per_year, 'validFrom', terms_a.valid_from, 'validUntil', terms_a.valid_until, 'summary', terms_a.summary)
    from "agreements" terms_a where terms_a.id = "agreements"."id"))->>'validUntil')::date)::text, ((coalesce((select terms_v.content from "agreement_versions" terms_v where terms_v.agreement_id = "agreements"."id" and terms_v.in_force_from is not null
    order by terms_v.in_force_from < (($3::date)::date + 1)::timestamp at time zone 'UTC' desc, case when terms_v.in_force_from < (($4::date)::date + 1)::timestamp at time zone 'UTC' then terms_v.in_force_from end desc nulls last, terms_v.in_force_from
    limit 1), (select jsonb_build_object(
    'parties', coalesce((select jsonb_agg(jsonb_build_object('institutionId', terms_p.institution_id, 'role', terms_p.role) order by terms_p.institution_id) from "agreement_parties" terms_p where terms_p.agreement_id = terms_a.id), '[]'::jsonb),
    'focusAreas', coalesce((select jsonb_agg(terms_fa.area order by terms_fa.area) from "agreement_focus_areas" terms_fa where terms_fa.agreement_id = terms_a.id), '[]'::jsonb),
    'placesPerYear', terms_a.places_per_year, 'validFrom', terms_a.valid_from, 'validUntil', terms_a.valid_until, 'summary', terms_a.summary)
    from "agreements" terms_a where terms_a.id = "agreements"."id"))->>'validUntil')::date - $5::date)::int from "agreements" where ((coalesce((select terms_v.content from "agreement_versions" terms_v where terms_v.agreement_id = "agreements"."id" and terms_v.in_force_from is not null
    order by terms_v.in_force_from < (($6::date)::date + 1)::timestamp at time zone 'UTC' desc, case when terms_v.in_force_from < (($7::date)::date + 1)::timestamp at time zone 'UTC' then terms_v.in_force_from end desc nulls last, terms_v.in_force_from
    limit 1), (select jsonb_build_object(
    'parties', coalesce((select jsonb_agg(jsonb_build_object('institutionId', terms_p.institution_id, 'role', terms_p.role) order by terms_p.institution_id) from "agreement_parties" terms_p where terms_p.agreement_id = terms_a.id), '[]'::jsonb),
    'focusAreas', coalesce((select jsonb_agg(terms_fa.area order by terms_fa.area) from "agreement_focus_areas" terms_fa where terms_fa.agreement_id = terms_a.id), '[]'::jsonb),
    'placesPerYear', terms_a.places_per_year, 'validFrom', terms_a.valid_from, 'validUntil', terms_a.valid_until, 'summary', terms_a.summary)
    from "agreements" terms_a where terms_a.id = "agreements"."id"))->>'validUntil')::date between $8::date and $9::date + $10::int
    and "agreements"."status" not in ('DRAFT', 'TERMINATED') and "agreements"."id" in (select "parties_on_agreement_id" from (select terms_l.id as "parties_on_agreement_id", (terms_e->>'institutionId')::int as "parties_on_institution_id", (terms_e->>'role')::party_role as "parties_on_role" from "agreements" terms_l cross join lateral jsonb_array_elements(coalesce((select terms_v.content from "agreement_versions" terms_v where terms_v.agreement_id = terms_l.id and terms_v.in_force_from is not null
    order by terms_v.in_force_from < (($11::date)::date + 1)::timestamp at time zone 'UTC' desc, case when terms_v.in_force_from < (($12::date)::date + 1)::timestamp at time zone 'UTC' then terms_v.in_force_from end desc nulls last, terms_v.in_force_from
    limit 1), (select jsonb_build_object(
    'parties', coalesce((select jsonb_agg(jsonb_build_object('institutionId', terms_p.institution_id, 'role', terms_p.role) order by terms_p.institution_id) from "agreement_parties" terms_p where terms_p.agreement_id = terms_a.id), '[]'::jsonb),
    'focusAreas', coalesce((select jsonb_agg(terms_fa.area order by terms_fa.area) from "agreement_focus_areas" terms_fa where terms_fa.agreement_id = terms_a.id), '[]'::jsonb),
    'placesPerYear', terms_a.places_per_year, 'validFrom', terms_a.valid_from, 'validUntil', terms_a.valid_until, 'summary', terms_a.summary)
    from "agreements" terms_a where terms_a.id = terms_l.id))->'parties') terms_e) "parties_on" where "parties_on_institution_id" = $13)) order by (coalesce((select terms_v.content from "agreement_versions" terms_v where terms_v.agreement_id = "agreements"."id" and terms_v.in_force_from is not null
    order by terms_v.in_force_from < (($14::date)::date + 1)::timestamp at time zone 'UTC' desc, case when terms_v.in_force_from < (($15::date)::date + 1)::timestamp at time zone 'UTC' then terms_v.in_force_from end desc nulls last, terms_v.in_force_from
    limit 1), (select jsonb_build_object(
    'parties', coalesce((select jsonb_agg(jsonb_build_object('institutionId', terms_p.institution_id, 'role', terms_p.role) order by terms_p.institution_id) from "agreement_parties" terms_p where terms_p.agreement_id = terms_a.id), '[]'::jsonb),
    'focusAreas', coalesce((select jsonb_agg(terms_fa.area order by terms_fa.area) from "agreement_focus_areas" terms_fa where terms_fa.agreement_id = terms_a.id), '[]'::jsonb),
    'placesPerYear', terms_a.places_per_year, 'validFrom', terms_a.valid_from, 'validUntil', terms_a.valid_until, 'summary', terms_a.summary)
    from "agreements" terms_a where terms_a.id = "agreements"."id"))->>'validUntil')::date asc, "agreements"."id" asc limit $16;
-- parameters: ["2028-06-01","2028-06-01","2028-06-01","2028-06-01","2028-06-01","2028-06-01","2028-06-01","2028-06-01","2028-06-01",365,"2028-06-01","2028-06-01",4,"2028-06-01","2028-06-01",20]

-- platform admin, inline: 4 statements
select (select ('{"#":' || '1' || ',"totalCount":' || (select count(*)::int from "agreements" as "t1" where ((not ((select ended_a.status from "agreements" ended_a where ended_a.id = "t1"."id") = 'TERMINATED' and ($1::date)::date >= current_date) and exists (select 1 from "agreement_versions" "terms_f" where "terms_f"."agreement_id" = "t1"."id" and ("terms_f"."in_force_from" < (($2::date)::date + 1)::timestamp at time zone 'UTC' and ("terms_f"."superseded_at" is null or "terms_f"."superseded_at" >= (($3::date)::date + 1)::timestamp at time zone 'UTC'))) and coalesce((coalesce((select terms_v.content from "agreement_versions" terms_v where terms_v.agreement_id = "t1"."id" and terms_v.in_force_from is not null
    order by terms_v.in_force_from < (($4::date)::date + 1)::timestamp at time zone 'UTC' desc, case when terms_v.in_force_from < (($5::date)::date + 1)::timestamp at time zone 'UTC' then terms_v.in_force_from end desc nulls last, terms_v.in_force_from
    limit 1), (select jsonb_build_object(
    'parties', coalesce((select jsonb_agg(jsonb_build_object('institutionId', terms_p.institution_id, 'role', terms_p.role) order by terms_p.institution_id) from "agreement_parties" terms_p where terms_p.agreement_id = terms_a.id), '[]'::jsonb),
    'focusAreas', coalesce((select jsonb_agg(terms_fa.area order by terms_fa.area) from "agreement_focus_areas" terms_fa where terms_fa.agreement_id = terms_a.id), '[]'::jsonb),
    'placesPerYear', terms_a.places_per_year, 'validFrom', terms_a.valid_from, 'validUntil', terms_a.valid_until, 'summary', terms_a.summary)
    from "agreements" terms_a where terms_a.id = "t1"."id"))->>'validFrom')::date <= ($6::date)::date, true) and coalesce((coalesce((select terms_v.content from "agreement_versions" terms_v where terms_v.agreement_id = "t1"."id" and terms_v.in_force_from is not null
    order by terms_v.in_force_from < (($7::date)::date + 1)::timestamp at time zone 'UTC' desc, case when terms_v.in_force_from < (($8::date)::date + 1)::timestamp at time zone 'UTC' then terms_v.in_force_from end desc nulls last, terms_v.in_force_from
    limit 1), (select jsonb_build_object(
    'parties', coalesce((select jsonb_agg(jsonb_build_object('institutionId', terms_p.institution_id, 'role', terms_p.role) order by terms_p.institution_id) from "agreement_parties" terms_p where terms_p.agreement_id = terms_a.id), '[]'::jsonb),
    'focusAreas', coalesce((select jsonb_agg(terms_fa.area order by terms_fa.area) from "agreement_focus_areas" terms_fa where terms_fa.agreement_id = terms_a.id), '[]'::jsonb),
    'placesPerYear', terms_a.places_per_year, 'validFrom', terms_a.valid_from, 'validUntil', terms_a.valid_until, 'summary', terms_a.summary)
    from "agreements" terms_a where terms_a.id = "t1"."id"))->>'validUntil')::date >= ($9::date)::date, true)) and "t1"."id" in (select "parties_on_agreement_id" from (select terms_l.id as "parties_on_agreement_id", (terms_e->>'institutionId')::int as "parties_on_institution_id", (terms_e->>'role')::party_role as "parties_on_role" from "agreements" terms_l cross join lateral jsonb_array_elements(coalesce((select terms_v.content from "agreement_versions" terms_v where terms_v.agreement_id = terms_l.id and terms_v.in_force_from is not null
    order by terms_v.in_force_from < (($10::date)::date + 1)::timestamp at time zone 'UTC' desc, case when terms_v.in_force_from < (($11::date)::date + 1)::timestamp at time zone 'UTC' then terms_v.in_force_from end desc nulls last, terms_v.in_force_from
    limit 1), (select jsonb_build_object(
    'parties', coalesce((select jsonb_agg(jsonb_build_object('institutionId', terms_p.institution_id, 'role', terms_p.role) order by terms_p.institution_id) from "agreement_parties" terms_p where terms_p.agreement_id = terms_a.id), '[]'::jsonb),
    'focusAreas', coalesce((select jsonb_agg(terms_fa.area order by terms_fa.area) from "agreement_focus_areas" terms_fa where terms_fa.agreement_id = terms_a.id), '[]'::jsonb),
    'placesPerYear', terms_a.places_per_year, 'validFrom', terms_a.valid_from, 'validUntil', terms_a.valid_until, 'summary', terms_a.summary)
    from "agreements" terms_a where terms_a.id = terms_l.id))->'parties') terms_e) "parties_on" where "parties_on_institution_id" = $12) and (coalesce((select terms_v.content from "agreement_versions" terms_v where terms_v.agreement_id = "t1"."id" and terms_v.in_force_from is not null
    order by terms_v.in_force_from < (($13::date)::date + 1)::timestamp at time zone 'UTC' desc, case when terms_v.in_force_from < (($14::date)::date + 1)::timestamp at time zone 'UTC' then terms_v.in_force_from end desc nulls last, terms_v.in_force_from
    limit 1), (select jsonb_build_object(
    'parties', coalesce((select jsonb_agg(jsonb_build_object('institutionId', terms_p.institution_id, 'role', terms_p.role) order by terms_p.institution_id) from "agreement_parties" terms_p where terms_p.agreement_id = terms_a.id), '[]'::jsonb),
    'focusAreas', coalesce((select jsonb_agg(terms_fa.area order by terms_fa.area) from "agreement_focus_areas" terms_fa where terms_fa.agreement_id = terms_a.id), '[]'::jsonb),
    'placesPerYear', terms_a.places_per_year, 'validFrom', terms_a.valid_from, 'validUntil', terms_a.valid_until, 'summary', terms_a.summary)
    from "agreements" terms_a where terms_a.id = "t1"."id"))->>'validUntil')::date <= $15))::text || '}')) as value;
-- parameters: ["2024-06-01","2024-06-01","2024-06-01","2024-06-01","2024-06-01","2024-06-01","2024-06-01","2024-06-01","2024-06-01","2024-06-01","2024-06-01",4,"2024-06-01","2024-06-01","2030-01-01"]
select (select ('{"#":' || '1' || ',"nodes":[' || coalesce(string_agg(('{"#":' || '1' || ',"code":' || to_json("t0"."code")::text || ',"validUntil":' || coalesce('"' || to_char("t0"."valid_until", 'YYYY-MM-DD') || '"', 'null') || '}'), ','), '') || ']}') from (select "t0".* from "agreements" as "t0" where ("t0"."id" in (select "parties_on_agreement_id" from (select terms_l.id as "parties_on_agreement_id", (terms_e->>'institutionId')::int as "parties_on_institution_id", (terms_e->>'role')::party_role as "parties_on_role" from "agreements" terms_l cross join lateral jsonb_array_elements(coalesce((select terms_v.content from "agreement_versions" terms_v where terms_v.agreement_id = terms_l.id and terms_v.in_force_from is not null
    order by terms_v.in_force_from < (((now() at time zone 'UTC')::date)::date + 1)::timestamp at time zone 'UTC' desc, case when terms_v.in_force_from < (((now() at time zone 'UTC')::date)::date + 1)::timestamp at time zone 'UTC' then terms_v.in_force_from end desc nulls last, terms_v.in_force_from
    limit 1), (select jsonb_build_object(
    'parties', coalesce((select jsonb_agg(jsonb_build_object('institutionId', terms_p.institution_id, 'role', terms_p.role) order by terms_p.institution_id) from "agreement_parties" terms_p where terms_p.agreement_id = terms_a.id), '[]'::jsonb),
    'focusAreas', coalesce((select jsonb_agg(terms_fa.area order by terms_fa.area) from "agreement_focus_areas" terms_fa where terms_fa.agreement_id = terms_a.id), '[]'::jsonb),
    'placesPerYear', terms_a.places_per_year, 'validFrom', terms_a.valid_from, 'validUntil', terms_a.valid_until, 'summary', terms_a.summary)
    from "agreements" terms_a where terms_a.id = terms_l.id))->'parties') terms_e) "parties_on" where "parties_on_institution_id" = $1) and (coalesce((select terms_v.content from "agreement_versions" terms_v where terms_v.agreement_id = "t0"."id" and terms_v.in_force_from is not null
    order by terms_v.in_force_from < (((now() at time zone 'UTC')::date)::date + 1)::timestamp at time zone 'UTC' desc, case when terms_v.in_force_from < (((now() at time zone 'UTC')::date)::date + 1)::timestamp at time zone 'UTC' then terms_v.in_force_from end desc nulls last, terms_v.in_force_from
    limit 1), (select jsonb_build_object(
    'parties', coalesce((select jsonb_agg(jsonb_build_object('institutionId', terms_p.institution_id, 'role', terms_p.role) order by terms_p.institution_id) from "agreement_parties" terms_p where terms_p.agreement_id = terms_a.id), '[]'::jsonb),
    'focusAreas', coalesce((select jsonb_agg(terms_fa.area order by terms_fa.area) from "agreement_focus_areas" terms_fa where terms_fa.agreement_id = terms_a.id), '[]'::jsonb),
    'placesPerYear', terms_a.places_per_year, 'validFrom', terms_a.valid_from, 'validUntil', terms_a.valid_until, 'summary', terms_a.summary)
    from "agreements" terms_a where terms_a.id = "t0"."id"))->>'validUntil')::date <= $2) order by "t0"."id" asc limit 20) as "t0") as value;
-- parameters: [4,"2030-01-01"]
select "id", "code", "title", "summary", "signed_on", "signed_on_precision", "valid_from", "valid_until", "status", "places_per_year", "current_version_id", "source_id", "illustrative", "created_at", ((coalesce((select terms_v.content from "agreement_versions" terms_v where terms_v.agreement_id = "agreements"."id" and terms_v.in_force_from is not null
    order by terms_v.in_force_from < (($1::date)::date + 1)::timestamp at time zone 'UTC' desc, case when terms_v.in_force_from < (($2::date)::date + 1)::timestamp at time zone 'UTC' then terms_v.in_force_from end desc nulls last, terms_v.in_force_from
    limit 1), (select jsonb_build_object(
    'parties', coalesce((select jsonb_agg(jsonb_build_object('institutionId', terms_p.institution_id, 'role', terms_p.role) order by terms_p.institution_id) from "agreement_parties" terms_p where terms_p.agreement_id = terms_a.id), '[]'::jsonb),
    'focusAreas', coalesce((select jsonb_agg(terms_fa.area order by terms_fa.area) from "agreement_focus_areas" terms_fa where terms_fa.agreement_id = terms_a.id), '[]'::jsonb),
    'placesPerYear', terms_a.places_per_year, 'validFrom', terms_a.valid_from, 'validUntil', terms_a.valid_until, 'summary', terms_a.summary)
    from "agreements" terms_a where terms_a.id = "agreements"."id"))->>'validUntil')::date)::text, ((coalesce((select terms_v.content from "agreement_versions" terms_v where terms_v.agreement_id = "agreements"."id" and terms_v.in_force_from is not null
    order by terms_v.in_force_from < (($3::date)::date + 1)::timestamp at time zone 'UTC' desc, case when terms_v.in_force_from < (($4::date)::date + 1)::timestamp at time zone 'UTC' then terms_v.in_force_from end desc nulls last, terms_v.in_force_from
    limit 1), (select jsonb_build_object(
    'parties', coalesce((select jsonb_agg(jsonb_build_object('institutionId', terms_p.institution_id, 'role', terms_p.role) order by terms_p.institution_id) from "agreement_parties" terms_p where terms_p.agreement_id = terms_a.id), '[]'::jsonb),
    'focusAreas', coalesce((select jsonb_agg(terms_fa.area order by terms_fa.area) from "agreement_focus_areas" terms_fa where terms_fa.agreement_id = terms_a.id), '[]'::jsonb),
    'placesPerYear', terms_a.places_per_year, 'validFrom', terms_a.valid_from, 'validUntil', terms_a.valid_until, 'summary', terms_a.summary)
    from "agreements" terms_a where terms_a.id = "agreements"."id"))->>'validUntil')::date - $5::date)::int from "agreements" where ((coalesce((select terms_v.content from "agreement_versions" terms_v where terms_v.agreement_id = "agreements"."id" and terms_v.in_force_from is not null
    order by terms_v.in_force_from < (($6::date)::date + 1)::timestamp at time zone 'UTC' desc, case when terms_v.in_force_from < (($7::date)::date + 1)::timestamp at time zone 'UTC' then terms_v.in_force_from end desc nulls last, terms_v.in_force_from
    limit 1), (select jsonb_build_object(
    'parties', coalesce((select jsonb_agg(jsonb_build_object('institutionId', terms_p.institution_id, 'role', terms_p.role) order by terms_p.institution_id) from "agreement_parties" terms_p where terms_p.agreement_id = terms_a.id), '[]'::jsonb),
    'focusAreas', coalesce((select jsonb_agg(terms_fa.area order by terms_fa.area) from "agreement_focus_areas" terms_fa where terms_fa.agreement_id = terms_a.id), '[]'::jsonb),
    'placesPerYear', terms_a.places_per_year, 'validFrom', terms_a.valid_from, 'validUntil', terms_a.valid_until, 'summary', terms_a.summary)
    from "agreements" terms_a where terms_a.id = "agreements"."id"))->>'validUntil')::date between $8::date and $9::date + $10::int
    and "agreements"."status" not in ('DRAFT', 'TERMINATED') and "agreements"."id" in (select "parties_on_agreement_id" from (select terms_l.id as "parties_on_agreement_id", (terms_e->>'institutionId')::int as "parties_on_institution_id", (terms_e->>'role')::party_role as "parties_on_role" from "agreements" terms_l cross join lateral jsonb_array_elements(coalesce((select terms_v.content from "agreement_versions" terms_v where terms_v.agreement_id = terms_l.id and terms_v.in_force_from is not null
    order by terms_v.in_force_from < (($11::date)::date + 1)::timestamp at time zone 'UTC' desc, case when terms_v.in_force_from < (($12::date)::date + 1)::timestamp at time zone 'UTC' then terms_v.in_force_from end desc nulls last, terms_v.in_force_from
    limit 1), (select jsonb_build_object(
    'parties', coalesce((select jsonb_agg(jsonb_build_object('institutionId', terms_p.institution_id, 'role', terms_p.role) order by terms_p.institution_id) from "agreement_parties" terms_p where terms_p.agreement_id = terms_a.id), '[]'::jsonb),
    'focusAreas', coalesce((select jsonb_agg(terms_fa.area order by terms_fa.area) from "agreement_focus_areas" terms_fa where terms_fa.agreement_id = terms_a.id), '[]'::jsonb),
    'placesPerYear', terms_a.places_per_year, 'validFrom', terms_a.valid_from, 'validUntil', terms_a.valid_until, 'summary', terms_a.summary)
    from "agreements" terms_a where terms_a.id = terms_l.id))->'parties') terms_e) "parties_on" where "parties_on_institution_id" = $13)) order by (coalesce((select terms_v.content from "agreement_versions" terms_v where terms_v.agreement_id = "agreements"."id" and terms_v.in_force_from is not null
    order by terms_v.in_force_from < (($14::date)::date + 1)::timestamp at time zone 'UTC' desc, case when terms_v.in_force_from < (($15::date)::date + 1)::timestamp at time zone 'UTC' then terms_v.in_force_from end desc nulls last, terms_v.in_force_from
    limit 1), (select jsonb_build_object(
    'parties', coalesce((select jsonb_agg(jsonb_build_object('institutionId', terms_p.institution_id, 'role', terms_p.role) order by terms_p.institution_id) from "agreement_parties" terms_p where terms_p.agreement_id = terms_a.id), '[]'::jsonb),
    'focusAreas', coalesce((select jsonb_agg(terms_fa.area order by terms_fa.area) from "agreement_focus_areas" terms_fa where terms_fa.agreement_id = terms_a.id), '[]'::jsonb),
    'placesPerYear', terms_a.places_per_year, 'validFrom', terms_a.valid_from, 'validUntil', terms_a.valid_until, 'summary', terms_a.summary)
    from "agreements" terms_a where terms_a.id = "agreements"."id"))->>'validUntil')::date asc, "agreements"."id" asc limit $16;
-- parameters: ["2026-06-01","2026-06-01","2026-06-01","2026-06-01","2026-06-01","2026-06-01","2026-06-01","2026-06-01","2026-06-01",1000,"2026-06-01","2026-06-01",4,"2026-06-01","2026-06-01",20]
select "id", "code", "title", "summary", "signed_on", "signed_on_precision", "valid_from", "valid_until", "status", "places_per_year", "current_version_id", "source_id", "illustrative", "created_at", ((coalesce((select terms_v.content from "agreement_versions" terms_v where terms_v.agreement_id = "agreements"."id" and terms_v.in_force_from is not null
    order by terms_v.in_force_from < (($1::date)::date + 1)::timestamp at time zone 'UTC' desc, case when terms_v.in_force_from < (($2::date)::date + 1)::timestamp at time zone 'UTC' then terms_v.in_force_from end desc nulls last, terms_v.in_force_from
    limit 1), (select jsonb_build_object(
    'parties', coalesce((select jsonb_agg(jsonb_build_object('institutionId', terms_p.institution_id, 'role', terms_p.role) order by terms_p.institution_id) from "agreement_parties" terms_p where terms_p.agreement_id = terms_a.id), '[]'::jsonb),
    'focusAreas', coalesce((select jsonb_agg(terms_fa.area order by terms_fa.area) from "agreement_focus_areas" terms_fa where terms_fa.agreement_id = terms_a.id), '[]'::jsonb),
    'placesPerYear', terms_a.places_per_year, 'validFrom', terms_a.valid_from, 'validUntil', terms_a.valid_until, 'summary', terms_a.summary)
    from "agreements" terms_a where terms_a.id = "agreements"."id"))->>'validUntil')::date)::text, ((coalesce((select terms_v.content from "agreement_versions" terms_v where terms_v.agreement_id = "agreements"."id" and terms_v.in_force_from is not null
    order by terms_v.in_force_from < (($3::date)::date + 1)::timestamp at time zone 'UTC' desc, case when terms_v.in_force_from < (($4::date)::date + 1)::timestamp at time zone 'UTC' then terms_v.in_force_from end desc nulls last, terms_v.in_force_from
    limit 1), (select jsonb_build_object(
    'parties', coalesce((select jsonb_agg(jsonb_build_object('institutionId', terms_p.institution_id, 'role', terms_p.role) order by terms_p.institution_id) from "agreement_parties" terms_p where terms_p.agreement_id = terms_a.id), '[]'::jsonb),
    'focusAreas', coalesce((select jsonb_agg(terms_fa.area order by terms_fa.area) from "agreement_focus_areas" terms_fa where terms_fa.agreement_id = terms_a.id), '[]'::jsonb),
    'placesPerYear', terms_a.places_per_year, 'validFrom', terms_a.valid_from, 'validUntil', terms_a.valid_until, 'summary', terms_a.summary)
    from "agreements" terms_a where terms_a.id = "agreements"."id"))->>'validUntil')::date - $5::date)::int from "agreements" where ((coalesce((select terms_v.content from "agreement_versions" terms_v where terms_v.agreement_id = "agreements"."id" and terms_v.in_force_from is not null
    order by terms_v.in_force_from < (($6::date)::date + 1)::timestamp at time zone 'UTC' desc, case when terms_v.in_force_from < (($7::date)::date + 1)::timestamp at time zone 'UTC' then terms_v.in_force_from end desc nulls last, terms_v.in_force_from
    limit 1), (select jsonb_build_object(
    'parties', coalesce((select jsonb_agg(jsonb_build_object('institutionId', terms_p.institution_id, 'role', terms_p.role) order by terms_p.institution_id) from "agreement_parties" terms_p where terms_p.agreement_id = terms_a.id), '[]'::jsonb),
    'focusAreas', coalesce((select jsonb_agg(terms_fa.area order by terms_fa.area) from "agreement_focus_areas" terms_fa where terms_fa.agreement_id = terms_a.id), '[]'::jsonb),
    'placesPerYear', terms_a.places_per_year, 'validFrom', terms_a.valid_from, 'validUntil', terms_a.valid_until, 'summary', terms_a.summary)
    from "agreements" terms_a where terms_a.id = "agreements"."id"))->>'validUntil')::date between $8::date and $9::date + $10::int
    and "agreements"."status" not in ('DRAFT', 'TERMINATED') and "agreements"."id" in (select "parties_on_agreement_id" from (select terms_l.id as "parties_on_agreement_id", (terms_e->>'institutionId')::int as "parties_on_institution_id", (terms_e->>'role')::party_role as "parties_on_role" from "agreements" terms_l cross join lateral jsonb_array_elements(coalesce((select terms_v.content from "agreement_versions" terms_v where terms_v.agreement_id = terms_l.id and terms_v.in_force_from is not null
    order by terms_v.in_force_from < (($11::date)::date + 1)::timestamp at time zone 'UTC' desc, case when terms_v.in_force_from < (($12::date)::date + 1)::timestamp at time zone 'UTC' then terms_v.in_force_from end desc nulls last, terms_v.in_force_from
    limit 1), (select jsonb_build_object(
    'parties', coalesce((select jsonb_agg(jsonb_build_object('institutionId', terms_p.institution_id, 'role', terms_p.role) order by terms_p.institution_id) from "agreement_parties" terms_p where terms_p.agreement_id = terms_a.id), '[]'::jsonb),
    'focusAreas', coalesce((select jsonb_agg(terms_fa.area order by terms_fa.area) from "agreement_focus_areas" terms_fa where terms_fa.agreement_id = terms_a.id), '[]'::jsonb),
    'placesPerYear', terms_a.places_per_year, 'validFrom', terms_a.valid_from, 'validUntil', terms_a.valid_until, 'summary', terms_a.summary)
    from "agreements" terms_a where terms_a.id = terms_l.id))->'parties') terms_e) "parties_on" where "parties_on_institution_id" = $13)) order by (coalesce((select terms_v.content from "agreement_versions" terms_v where terms_v.agreement_id = "agreements"."id" and terms_v.in_force_from is not null
    order by terms_v.in_force_from < (($14::date)::date + 1)::timestamp at time zone 'UTC' desc, case when terms_v.in_force_from < (($15::date)::date + 1)::timestamp at time zone 'UTC' then terms_v.in_force_from end desc nulls last, terms_v.in_force_from
    limit 1), (select jsonb_build_object(
    'parties', coalesce((select jsonb_agg(jsonb_build_object('institutionId', terms_p.institution_id, 'role', terms_p.role) order by terms_p.institution_id) from "agreement_parties" terms_p where terms_p.agreement_id = terms_a.id), '[]'::jsonb),
    'focusAreas', coalesce((select jsonb_agg(terms_fa.area order by terms_fa.area) from "agreement_focus_areas" terms_fa where terms_fa.agreement_id = terms_a.id), '[]'::jsonb),
    'placesPerYear', terms_a.places_per_year, 'validFrom', terms_a.valid_from, 'validUntil', terms_a.valid_until, 'summary', terms_a.summary)
    from "agreements" terms_a where terms_a.id = "agreements"."id"))->>'validUntil')::date asc, "agreements"."id" asc limit $16;
-- parameters: ["2028-06-01","2028-06-01","2028-06-01","2028-06-01","2028-06-01","2028-06-01","2028-06-01","2028-06-01","2028-06-01",365,"2028-06-01","2028-06-01",4,"2028-06-01","2028-06-01",20]

-- platform admin, batched: 4 statements
select (select ('{"#":' || '1' || ',"totalCount":' || (select count(*)::int from "agreements" as "t1" where ((not ((select ended_a.status from "agreements" ended_a where ended_a.id = "t1"."id") = 'TERMINATED' and ($1::date)::date >= current_date) and exists (select 1 from "agreement_versions" "terms_f" where "terms_f"."agreement_id" = "t1"."id" and ("terms_f"."in_force_from" < (($2::date)::date + 1)::timestamp at time zone 'UTC' and ("terms_f"."superseded_at" is null or "terms_f"."superseded_at" >= (($3::date)::date + 1)::timestamp at time zone 'UTC'))) and coalesce((coalesce((select terms_v.content from "agreement_versions" terms_v where terms_v.agreement_id = "t1"."id" and terms_v.in_force_from is not null
    order by terms_v.in_force_from < (($4::date)::date + 1)::timestamp at time zone 'UTC' desc, case when terms_v.in_force_from < (($5::date)::date + 1)::timestamp at time zone 'UTC' then terms_v.in_force_from end desc nulls last, terms_v.in_force_from
    limit 1), (select jsonb_build_object(
    'parties', coalesce((select jsonb_agg(jsonb_build_object('institutionId', terms_p.institution_id, 'role', terms_p.role) order by terms_p.institution_id) from "agreement_parties" terms_p where terms_p.agreement_id = terms_a.id), '[]'::jsonb),
    'focusAreas', coalesce((select jsonb_agg(terms_fa.area order by terms_fa.area) from "agreement_focus_areas" terms_fa where terms_fa.agreement_id = terms_a.id), '[]'::jsonb),
    'placesPerYear', terms_a.places_per_year, 'validFrom', terms_a.valid_from, 'validUntil', terms_a.valid_until, 'summary', terms_a.summary)
    from "agreements" terms_a where terms_a.id = "t1"."id"))->>'validFrom')::date <= ($6::date)::date, true) and coalesce((coalesce((select terms_v.content from "agreement_versions" terms_v where terms_v.agreement_id = "t1"."id" and terms_v.in_force_from is not null
    order by terms_v.in_force_from < (($7::date)::date + 1)::timestamp at time zone 'UTC' desc, case when terms_v.in_force_from < (($8::date)::date + 1)::timestamp at time zone 'UTC' then terms_v.in_force_from end desc nulls last, terms_v.in_force_from
    limit 1), (select jsonb_build_object(
    'parties', coalesce((select jsonb_agg(jsonb_build_object('institutionId', terms_p.institution_id, 'role', terms_p.role) order by terms_p.institution_id) from "agreement_parties" terms_p where terms_p.agreement_id = terms_a.id), '[]'::jsonb),
    'focusAreas', coalesce((select jsonb_agg(terms_fa.area order by terms_fa.area) from "agreement_focus_areas" terms_fa where terms_fa.agreement_id = terms_a.id), '[]'::jsonb),
    'placesPerYear', terms_a.places_per_year, 'validFrom', terms_a.valid_from, 'validUntil', terms_a.valid_until, 'summary', terms_a.summary)
    from "agreements" terms_a where terms_a.id = "t1"."id"))->>'validUntil')::date >= ($9::date)::date, true)) and "t1"."id" in (select "parties_on_agreement_id" from (select terms_l.id as "parties_on_agreement_id", (terms_e->>'institutionId')::int as "parties_on_institution_id", (terms_e->>'role')::party_role as "parties_on_role" from "agreements" terms_l cross join lateral jsonb_array_elements(coalesce((select terms_v.content from "agreement_versions" terms_v where terms_v.agreement_id = terms_l.id and terms_v.in_force_from is not null
    order by terms_v.in_force_from < (($10::date)::date + 1)::timestamp at time zone 'UTC' desc, case when terms_v.in_force_from < (($11::date)::date + 1)::timestamp at time zone 'UTC' then terms_v.in_force_from end desc nulls last, terms_v.in_force_from
    limit 1), (select jsonb_build_object(
    'parties', coalesce((select jsonb_agg(jsonb_build_object('institutionId', terms_p.institution_id, 'role', terms_p.role) order by terms_p.institution_id) from "agreement_parties" terms_p where terms_p.agreement_id = terms_a.id), '[]'::jsonb),
    'focusAreas', coalesce((select jsonb_agg(terms_fa.area order by terms_fa.area) from "agreement_focus_areas" terms_fa where terms_fa.agreement_id = terms_a.id), '[]'::jsonb),
    'placesPerYear', terms_a.places_per_year, 'validFrom', terms_a.valid_from, 'validUntil', terms_a.valid_until, 'summary', terms_a.summary)
    from "agreements" terms_a where terms_a.id = terms_l.id))->'parties') terms_e) "parties_on" where "parties_on_institution_id" = $12) and (coalesce((select terms_v.content from "agreement_versions" terms_v where terms_v.agreement_id = "t1"."id" and terms_v.in_force_from is not null
    order by terms_v.in_force_from < (($13::date)::date + 1)::timestamp at time zone 'UTC' desc, case when terms_v.in_force_from < (($14::date)::date + 1)::timestamp at time zone 'UTC' then terms_v.in_force_from end desc nulls last, terms_v.in_force_from
    limit 1), (select jsonb_build_object(
    'parties', coalesce((select jsonb_agg(jsonb_build_object('institutionId', terms_p.institution_id, 'role', terms_p.role) order by terms_p.institution_id) from "agreement_parties" terms_p where terms_p.agreement_id = terms_a.id), '[]'::jsonb),
    'focusAreas', coalesce((select jsonb_agg(terms_fa.area order by terms_fa.area) from "agreement_focus_areas" terms_fa where terms_fa.agreement_id = terms_a.id), '[]'::jsonb),
    'placesPerYear', terms_a.places_per_year, 'validFrom', terms_a.valid_from, 'validUntil', terms_a.valid_until, 'summary', terms_a.summary)
    from "agreements" terms_a where terms_a.id = "t1"."id"))->>'validUntil')::date <= $15))::text || '}')) as value;
-- parameters: ["2024-06-01","2024-06-01","2024-06-01","2024-06-01","2024-06-01","2024-06-01","2024-06-01","2024-06-01","2024-06-01","2024-06-01","2024-06-01",4,"2024-06-01","2024-06-01","2030-01-01"]
select (select ('{"#":' || '1' || ',"nodes":[' || coalesce(string_agg(('{"#":' || '1' || ',"code":' || to_json("t0"."code")::text || ',"validUntil":' || coalesce('"' || to_char("t0"."valid_until", 'YYYY-MM-DD') || '"', 'null') || '}'), ','), '') || ']}') from (select "t0".* from "agreements" as "t0" where ("t0"."id" in (select "parties_on_agreement_id" from (select terms_l.id as "parties_on_agreement_id", (terms_e->>'institutionId')::int as "parties_on_institution_id", (terms_e->>'role')::party_role as "parties_on_role" from "agreements" terms_l cross join lateral jsonb_array_elements(coalesce((select terms_v.content from "agreement_versions" terms_v where terms_v.agreement_id = terms_l.id and terms_v.in_force_from is not null
    order by terms_v.in_force_from < (((now() at time zone 'UTC')::date)::date + 1)::timestamp at time zone 'UTC' desc, case when terms_v.in_force_from < (((now() at time zone 'UTC')::date)::date + 1)::timestamp at time zone 'UTC' then terms_v.in_force_from end desc nulls last, terms_v.in_force_from
    limit 1), (select jsonb_build_object(
    'parties', coalesce((select jsonb_agg(jsonb_build_object('institutionId', terms_p.institution_id, 'role', terms_p.role) order by terms_p.institution_id) from "agreement_parties" terms_p where terms_p.agreement_id = terms_a.id), '[]'::jsonb),
    'focusAreas', coalesce((select jsonb_agg(terms_fa.area order by terms_fa.area) from "agreement_focus_areas" terms_fa where terms_fa.agreement_id = terms_a.id), '[]'::jsonb),
    'placesPerYear', terms_a.places_per_year, 'validFrom', terms_a.valid_from, 'validUntil', terms_a.valid_until, 'summary', terms_a.summary)
    from "agreements" terms_a where terms_a.id = terms_l.id))->'parties') terms_e) "parties_on" where "parties_on_institution_id" = $1) and (coalesce((select terms_v.content from "agreement_versions" terms_v where terms_v.agreement_id = "t0"."id" and terms_v.in_force_from is not null
    order by terms_v.in_force_from < (((now() at time zone 'UTC')::date)::date + 1)::timestamp at time zone 'UTC' desc, case when terms_v.in_force_from < (((now() at time zone 'UTC')::date)::date + 1)::timestamp at time zone 'UTC' then terms_v.in_force_from end desc nulls last, terms_v.in_force_from
    limit 1), (select jsonb_build_object(
    'parties', coalesce((select jsonb_agg(jsonb_build_object('institutionId', terms_p.institution_id, 'role', terms_p.role) order by terms_p.institution_id) from "agreement_parties" terms_p where terms_p.agreement_id = terms_a.id), '[]'::jsonb),
    'focusAreas', coalesce((select jsonb_agg(terms_fa.area order by terms_fa.area) from "agreement_focus_areas" terms_fa where terms_fa.agreement_id = terms_a.id), '[]'::jsonb),
    'placesPerYear', terms_a.places_per_year, 'validFrom', terms_a.valid_from, 'validUntil', terms_a.valid_until, 'summary', terms_a.summary)
    from "agreements" terms_a where terms_a.id = "t0"."id"))->>'validUntil')::date <= $2) order by "t0"."id" asc limit 20) as "t0") as value;
-- parameters: [4,"2030-01-01"]
select "id", "code", "title", "summary", "signed_on", "signed_on_precision", "valid_from", "valid_until", "status", "places_per_year", "current_version_id", "source_id", "illustrative", "created_at", ((coalesce((select terms_v.content from "agreement_versions" terms_v where terms_v.agreement_id = "agreements"."id" and terms_v.in_force_from is not null
    order by terms_v.in_force_from < (($1::date)::date + 1)::timestamp at time zone 'UTC' desc, case when terms_v.in_force_from < (($2::date)::date + 1)::timestamp at time zone 'UTC' then terms_v.in_force_from end desc nulls last, terms_v.in_force_from
    limit 1), (select jsonb_build_object(
    'parties', coalesce((select jsonb_agg(jsonb_build_object('institutionId', terms_p.institution_id, 'role', terms_p.role) order by terms_p.institution_id) from "agreement_parties" terms_p where terms_p.agreement_id = terms_a.id), '[]'::jsonb),
    'focusAreas', coalesce((select jsonb_agg(terms_fa.area order by terms_fa.area) from "agreement_focus_areas" terms_fa where terms_fa.agreement_id = terms_a.id), '[]'::jsonb),
    'placesPerYear', terms_a.places_per_year, 'validFrom', terms_a.valid_from, 'validUntil', terms_a.valid_until, 'summary', terms_a.summary)
    from "agreements" terms_a where terms_a.id = "agreements"."id"))->>'validUntil')::date)::text, ((coalesce((select terms_v.content from "agreement_versions" terms_v where terms_v.agreement_id = "agreements"."id" and terms_v.in_force_from is not null
    order by terms_v.in_force_from < (($3::date)::date + 1)::timestamp at time zone 'UTC' desc, case when terms_v.in_force_from < (($4::date)::date + 1)::timestamp at time zone 'UTC' then terms_v.in_force_from end desc nulls last, terms_v.in_force_from
    limit 1), (select jsonb_build_object(
    'parties', coalesce((select jsonb_agg(jsonb_build_object('institutionId', terms_p.institution_id, 'role', terms_p.role) order by terms_p.institution_id) from "agreement_parties" terms_p where terms_p.agreement_id = terms_a.id), '[]'::jsonb),
    'focusAreas', coalesce((select jsonb_agg(terms_fa.area order by terms_fa.area) from "agreement_focus_areas" terms_fa where terms_fa.agreement_id = terms_a.id), '[]'::jsonb),
    'placesPerYear', terms_a.places_per_year, 'validFrom', terms_a.valid_from, 'validUntil', terms_a.valid_until, 'summary', terms_a.summary)
    from "agreements" terms_a where terms_a.id = "agreements"."id"))->>'validUntil')::date - $5::date)::int from "agreements" where ((coalesce((select terms_v.content from "agreement_versions" terms_v where terms_v.agreement_id = "agreements"."id" and terms_v.in_force_from is not null
    order by terms_v.in_force_from < (($6::date)::date + 1)::timestamp at time zone 'UTC' desc, case when terms_v.in_force_from < (($7::date)::date + 1)::timestamp at time zone 'UTC' then terms_v.in_force_from end desc nulls last, terms_v.in_force_from
    limit 1), (select jsonb_build_object(
    'parties', coalesce((select jsonb_agg(jsonb_build_object('institutionId', terms_p.institution_id, 'role', terms_p.role) order by terms_p.institution_id) from "agreement_parties" terms_p where terms_p.agreement_id = terms_a.id), '[]'::jsonb),
    'focusAreas', coalesce((select jsonb_agg(terms_fa.area order by terms_fa.area) from "agreement_focus_areas" terms_fa where terms_fa.agreement_id = terms_a.id), '[]'::jsonb),
    'placesPerYear', terms_a.places_per_year, 'validFrom', terms_a.valid_from, 'validUntil', terms_a.valid_until, 'summary', terms_a.summary)
    from "agreements" terms_a where terms_a.id = "agreements"."id"))->>'validUntil')::date between $8::date and $9::date + $10::int
    and "agreements"."status" not in ('DRAFT', 'TERMINATED') and "agreements"."id" in (select "parties_on_agreement_id" from (select terms_l.id as "parties_on_agreement_id", (terms_e->>'institutionId')::int as "parties_on_institution_id", (terms_e->>'role')::party_role as "parties_on_role" from "agreements" terms_l cross join lateral jsonb_array_elements(coalesce((select terms_v.content from "agreement_versions" terms_v where terms_v.agreement_id = terms_l.id and terms_v.in_force_from is not null
    order by terms_v.in_force_from < (($11::date)::date + 1)::timestamp at time zone 'UTC' desc, case when terms_v.in_force_from < (($12::date)::date + 1)::timestamp at time zone 'UTC' then terms_v.in_force_from end desc nulls last, terms_v.in_force_from
    limit 1), (select jsonb_build_object(
    'parties', coalesce((select jsonb_agg(jsonb_build_object('institutionId', terms_p.institution_id, 'role', terms_p.role) order by terms_p.institution_id) from "agreement_parties" terms_p where terms_p.agreement_id = terms_a.id), '[]'::jsonb),
    'focusAreas', coalesce((select jsonb_agg(terms_fa.area order by terms_fa.area) from "agreement_focus_areas" terms_fa where terms_fa.agreement_id = terms_a.id), '[]'::jsonb),
    'placesPerYear', terms_a.places_per_year, 'validFrom', terms_a.valid_from, 'validUntil', terms_a.valid_until, 'summary', terms_a.summary)
    from "agreements" terms_a where terms_a.id = terms_l.id))->'parties') terms_e) "parties_on" where "parties_on_institution_id" = $13)) order by (coalesce((select terms_v.content from "agreement_versions" terms_v where terms_v.agreement_id = "agreements"."id" and terms_v.in_force_from is not null
    order by terms_v.in_force_from < (($14::date)::date + 1)::timestamp at time zone 'UTC' desc, case when terms_v.in_force_from < (($15::date)::date + 1)::timestamp at time zone 'UTC' then terms_v.in_force_from end desc nulls last, terms_v.in_force_from
    limit 1), (select jsonb_build_object(
    'parties', coalesce((select jsonb_agg(jsonb_build_object('institutionId', terms_p.institution_id, 'role', terms_p.role) order by terms_p.institution_id) from "agreement_parties" terms_p where terms_p.agreement_id = terms_a.id), '[]'::jsonb),
    'focusAreas', coalesce((select jsonb_agg(terms_fa.area order by terms_fa.area) from "agreement_focus_areas" terms_fa where terms_fa.agreement_id = terms_a.id), '[]'::jsonb),
    'placesPerYear', terms_a.places_per_year, 'validFrom', terms_a.valid_from, 'validUntil', terms_a.valid_until, 'summary', terms_a.summary)
    from "agreements" terms_a where terms_a.id = "agreements"."id"))->>'validUntil')::date asc, "agreements"."id" asc limit $16;
-- parameters: ["2026-06-01","2026-06-01","2026-06-01","2026-06-01","2026-06-01","2026-06-01","2026-06-01","2026-06-01","2026-06-01",1000,"2026-06-01","2026-06-01",4,"2026-06-01","2026-06-01",20]
select "id", "code", "title", "summary", "signed_on", "signed_on_precision", "valid_from", "valid_until", "status", "places_per_year", "current_version_id", "source_id", "illustrative", "created_at", ((coalesce((select terms_v.content from "agreement_versions" terms_v where terms_v.agreement_id = "agreements"."id" and terms_v.in_force_from is not null
    order by terms_v.in_force_from < (($1::date)::date + 1)::timestamp at time zone 'UTC' desc, case when terms_v.in_force_from < (($2::date)::date + 1)::timestamp at time zone 'UTC' then terms_v.in_force_from end desc nulls last, terms_v.in_force_from
    limit 1), (select jsonb_build_object(
    'parties', coalesce((select jsonb_agg(jsonb_build_object('institutionId', terms_p.institution_id, 'role', terms_p.role) order by terms_p.institution_id) from "agreement_parties" terms_p where terms_p.agreement_id = terms_a.id), '[]'::jsonb),
    'focusAreas', coalesce((select jsonb_agg(terms_fa.area order by terms_fa.area) from "agreement_focus_areas" terms_fa where terms_fa.agreement_id = terms_a.id), '[]'::jsonb),
    'placesPerYear', terms_a.places_per_year, 'validFrom', terms_a.valid_from, 'validUntil', terms_a.valid_until, 'summary', terms_a.summary)
    from "agreements" terms_a where terms_a.id = "agreements"."id"))->>'validUntil')::date)::text, ((coalesce((select terms_v.content from "agreement_versions" terms_v where terms_v.agreement_id = "agreements"."id" and terms_v.in_force_from is not null
    order by terms_v.in_force_from < (($3::date)::date + 1)::timestamp at time zone 'UTC' desc, case when terms_v.in_force_from < (($4::date)::date + 1)::timestamp at time zone 'UTC' then terms_v.in_force_from end desc nulls last, terms_v.in_force_from
    limit 1), (select jsonb_build_object(
    'parties', coalesce((select jsonb_agg(jsonb_build_object('institutionId', terms_p.institution_id, 'role', terms_p.role) order by terms_p.institution_id) from "agreement_parties" terms_p where terms_p.agreement_id = terms_a.id), '[]'::jsonb),
    'focusAreas', coalesce((select jsonb_agg(terms_fa.area order by terms_fa.area) from "agreement_focus_areas" terms_fa where terms_fa.agreement_id = terms_a.id), '[]'::jsonb),
    'placesPerYear', terms_a.places_per_year, 'validFrom', terms_a.valid_from, 'validUntil', terms_a.valid_until, 'summary', terms_a.summary)
    from "agreements" terms_a where terms_a.id = "agreements"."id"))->>'validUntil')::date - $5::date)::int from "agreements" where ((coalesce((select terms_v.content from "agreement_versions" terms_v where terms_v.agreement_id = "agreements"."id" and terms_v.in_force_from is not null
    order by terms_v.in_force_from < (($6::date)::date + 1)::timestamp at time zone 'UTC' desc, case when terms_v.in_force_from < (($7::date)::date + 1)::timestamp at time zone 'UTC' then terms_v.in_force_from end desc nulls last, terms_v.in_force_from
    limit 1), (select jsonb_build_object(
    'parties', coalesce((select jsonb_agg(jsonb_build_object('institutionId', terms_p.institution_id, 'role', terms_p.role) order by terms_p.institution_id) from "agreement_parties" terms_p where terms_p.agreement_id = terms_a.id), '[]'::jsonb),
    'focusAreas', coalesce((select jsonb_agg(terms_fa.area order by terms_fa.area) from "agreement_focus_areas" terms_fa where terms_fa.agreement_id = terms_a.id), '[]'::jsonb),
    'placesPerYear', terms_a.places_per_year, 'validFrom', terms_a.valid_from, 'validUntil', terms_a.valid_until, 'summary', terms_a.summary)
    from "agreements" terms_a where terms_a.id = "agreements"."id"))->>'validUntil')::date between $8::date and $9::date + $10::int
    and "agreements"."status" not in ('DRAFT', 'TERMINATED') and "agreements"."id" in (select "parties_on_agreement_id" from (select terms_l.id as "parties_on_agreement_id", (terms_e->>'institutionId')::int as "parties_on_institution_id", (terms_e->>'role')::party_role as "parties_on_role" from "agreements" terms_l cross join lateral jsonb_array_elements(coalesce((select terms_v.content from "agreement_versions" terms_v where terms_v.agreement_id = terms_l.id and terms_v.in_force_from is not null
    order by terms_v.in_force_from < (($11::date)::date + 1)::timestamp at time zone 'UTC' desc, case when terms_v.in_force_from < (($12::date)::date + 1)::timestamp at time zone 'UTC' then terms_v.in_force_from end desc nulls last, terms_v.in_force_from
    limit 1), (select jsonb_build_object(
    'parties', coalesce((select jsonb_agg(jsonb_build_object('institutionId', terms_p.institution_id, 'role', terms_p.role) order by terms_p.institution_id) from "agreement_parties" terms_p where terms_p.agreement_id = terms_a.id), '[]'::jsonb),
    'focusAreas', coalesce((select jsonb_agg(terms_fa.area order by terms_fa.area) from "agreement_focus_areas" terms_fa where terms_fa.agreement_id = terms_a.id), '[]'::jsonb),
    'placesPerYear', terms_a.places_per_year, 'validFrom', terms_a.valid_from, 'validUntil', terms_a.valid_until, 'summary', terms_a.summary)
    from "agreements" terms_a where terms_a.id = terms_l.id))->'parties') terms_e) "parties_on" where "parties_on_institution_id" = $13)) order by (coalesce((select terms_v.content from "agreement_versions" terms_v where terms_v.agreement_id = "agreements"."id" and terms_v.in_force_from is not null
    order by terms_v.in_force_from < (($14::date)::date + 1)::timestamp at time zone 'UTC' desc, case when terms_v.in_force_from < (($15::date)::date + 1)::timestamp at time zone 'UTC' then terms_v.in_force_from end desc nulls last, terms_v.in_force_from
    limit 1), (select jsonb_build_object(
    'parties', coalesce((select jsonb_agg(jsonb_build_object('institutionId', terms_p.institution_id, 'role', terms_p.role) order by terms_p.institution_id) from "agreement_parties" terms_p where terms_p.agreement_id = terms_a.id), '[]'::jsonb),
    'focusAreas', coalesce((select jsonb_agg(terms_fa.area order by terms_fa.area) from "agreement_focus_areas" terms_fa where terms_fa.agreement_id = terms_a.id), '[]'::jsonb),
    'placesPerYear', terms_a.places_per_year, 'validFrom', terms_a.valid_from, 'validUntil', terms_a.valid_until, 'summary', terms_a.summary)
    from "agreements" terms_a where terms_a.id = "agreements"."id"))->>'validUntil')::date asc, "agreements"."id" asc limit $16;
-- parameters: ["2028-06-01","2028-06-01","2028-06-01","2028-06-01","2028-06-01","2028-06-01","2028-06-01","2028-06-01","2028-06-01",365,"2028-06-01","2028-06-01",4,"2028-06-01","2028-06-01",20]

-- admin of institution SW5zdGl0dXRpb246MQ, whole: 4 statements
select (select ('{"#":' || '1' || ',"totalCount":' || (select count(*)::int from "agreements" as "t1" where ((not ((select ended_a.status from "agreements" ended_a where ended_a.id = "t1"."id") = 'TERMINATED' and ($1::date)::date >= current_date) and exists (select 1 from "agreement_versions" "terms_f" where "terms_f"."agreement_id" = "t1"."id" and ("terms_f"."in_force_from" < (($2::date)::date + 1)::timestamp at time zone 'UTC' and ("terms_f"."superseded_at" is null or "terms_f"."superseded_at" >= (($3::date)::date + 1)::timestamp at time zone 'UTC'))) and coalesce((coalesce((select terms_v.content from "agreement_versions" terms_v where terms_v.agreement_id = "t1"."id" and terms_v.in_force_from is not null
    order by terms_v.in_force_from < (($4::date)::date + 1)::timestamp at time zone 'UTC' desc, case when terms_v.in_force_from < (($5::date)::date + 1)::timestamp at time zone 'UTC' then terms_v.in_force_from end desc nulls last, terms_v.in_force_from
    limit 1), (select jsonb_build_object(
    'parties', coalesce((select jsonb_agg(jsonb_build_object('institutionId', terms_p.institution_id, 'role', terms_p.role) order by terms_p.institution_id) from "agreement_parties" terms_p where terms_p.agreement_id = terms_a.id), '[]'::jsonb),
    'focusAreas', coalesce((select jsonb_agg(terms_fa.area order by terms_fa.area) from "agreement_focus_areas" terms_fa where terms_fa.agreement_id = terms_a.id), '[]'::jsonb),
    'placesPerYear', terms_a.places_per_year, 'validFrom', terms_a.valid_from, 'validUntil', terms_a.valid_until, 'summary', terms_a.summary)
    from "agreements" terms_a where terms_a.id = "t1"."id"))->>'validFrom')::date <= ($6::date)::date, true) and coalesce((coalesce((select terms_v.content from "agreement_versions" terms_v where terms_v.agreement_id = "t1"."id" and terms_v.in_force_from is not null
    order by terms_v.in_force_from < (($7::date)::date + 1)::timestamp at time zone 'UTC' desc, case when terms_v.in_force_from < (($8::date)::date + 1)::timestamp at time zone 'UTC' then terms_v.in_force_from end desc nulls last, terms_v.in_force_from
    limit 1), (select jsonb_build_object(
    'parties', coalesce((select jsonb_agg(jsonb_build_object('institutionId', terms_p.institution_id, 'role', terms_p.role) order by terms_p.institution_id) from "agreement_parties" terms_p where terms_p.agreement_id = terms_a.id), '[]'::jsonb),
    'focusAreas', coalesce((select jsonb_agg(terms_fa.area order by terms_fa.area) from "agreement_focus_areas" terms_fa where terms_fa.agreement_id = terms_a.id), '[]'::jsonb),
    'placesPerYear', terms_a.places_per_year, 'validFrom', terms_a.valid_from, 'validUntil', terms_a.valid_until, 'summary', terms_a.summary)
    from "agreements" terms_a where terms_a.id = "t1"."id"))->>'validUntil')::date >= ($9::date)::date, true)) and "t1"."id" in (select "parties_on_agreement_id" from (select terms_l.id as "parties_on_agreement_id", (terms_e->>'institutionId')::int as "parties_on_institution_id", (terms_e->>'role')::party_role as "parties_on_role" from "agreements" terms_l cross join lateral jsonb_array_elements(coalesce((select terms_v.content from "agreement_versions" terms_v where terms_v.agreement_id = terms_l.id and terms_v.in_force_from is not null
    order by terms_v.in_force_from < (($10::date)::date + 1)::timestamp at time zone 'UTC' desc, case when terms_v.in_force_from < (($11::date)::date + 1)::timestamp at time zone 'UTC' then terms_v.in_force_from end desc nulls last, terms_v.in_force_from
    limit 1), (select jsonb_build_object(
    'parties', coalesce((select jsonb_agg(jsonb_build_object('institutionId', terms_p.institution_id, 'role', terms_p.role) order by terms_p.institution_id) from "agreement_parties" terms_p where terms_p.agreement_id = terms_a.id), '[]'::jsonb),
    'focusAreas', coalesce((select jsonb_agg(terms_fa.area order by terms_fa.area) from "agreement_focus_areas" terms_fa where terms_fa.agreement_id = terms_a.id), '[]'::jsonb),
    'placesPerYear', terms_a.places_per_year, 'validFrom', terms_a.valid_from, 'validUntil', terms_a.valid_until, 'summary', terms_a.summary)
    from "agreements" terms_a where terms_a.id = terms_l.id))->'parties') terms_e) "parties_on" where "parties_on_institution_id" = $12) and (coalesce((select terms_v.content from "agreement_versions" terms_v where terms_v.agreement_id = "t1"."id" and terms_v.in_force_from is not null
    order by terms_v.in_force_from < (($13::date)::date + 1)::timestamp at time zone 'UTC' desc, case when terms_v.in_force_from < (($14::date)::date + 1)::timestamp at time zone 'UTC' then terms_v.in_force_from end desc nulls last, terms_v.in_force_from
    limit 1), (select jsonb_build_object(
    'parties', coalesce((select jsonb_agg(jsonb_build_object('institutionId', terms_p.institution_id, 'role', terms_p.role) order by terms_p.institution_id) from "agreement_parties" terms_p where terms_p.agreement_id = terms_a.id), '[]'::jsonb),
    'focusAreas', coalesce((select jsonb_agg(terms_fa.area order by terms_fa.area) from "agreement_focus_areas" terms_fa where terms_fa.agreement_id = terms_a.id), '[]'::jsonb),
    'placesPerYear', terms_a.places_per_year, 'validFrom', terms_a.valid_from, 'validUntil', terms_a.valid_until, 'summary', terms_a.summary)
    from "agreements" terms_a where terms_a.id = "t1"."id"))->>'validUntil')::date <= $15))::text || '}')) as value;
-- parameters: ["2024-06-01","2024-06-01","2024-06-01","2024-06-01","2024-06-01","2024-06-01","2024-06-01","2024-06-01","2024-06-01","2024-06-01","2024-06-01",4,"2024-06-01","2024-06-01","2030-01-01"]
select (select ('{"#":' || '1' || ',"nodes":[' || coalesce(string_agg(('{"#":' || '1' || ',"code":' || to_json("t0"."code")::text || ',"validUntil":' || coalesce('"' || to_char("t0"."valid_until", 'YYYY-MM-DD') || '"', 'null') || '}'), ','), '') || ']}') from (select "t0".* from "agreements" as "t0" where ("t0"."id" in (select "parties_on_agreement_id" from (select terms_l.id as "parties_on_agreement_id", (terms_e->>'institutionId')::int as "parties_on_institution_id", (terms_e->>'role')::party_role as "parties_on_role" from "agreements" terms_l cross join lateral jsonb_array_elements(coalesce((select terms_v.content from "agreement_versions" terms_v where terms_v.agreement_id = terms_l.id and terms_v.in_force_from is not null
    order by terms_v.in_force_from < (((now() at time zone 'UTC')::date)::date + 1)::timestamp at time zone 'UTC' desc, case when terms_v.in_force_from < (((now() at time zone 'UTC')::date)::date + 1)::timestamp at time zone 'UTC' then terms_v.in_force_from end desc nulls last, terms_v.in_force_from
    limit 1), (select jsonb_build_object(
    'parties', coalesce((select jsonb_agg(jsonb_build_object('institutionId', terms_p.institution_id, 'role', terms_p.role) order by terms_p.institution_id) from "agreement_parties" terms_p where terms_p.agreement_id = terms_a.id), '[]'::jsonb),
    'focusAreas', coalesce((select jsonb_agg(terms_fa.area order by terms_fa.area) from "agreement_focus_areas" terms_fa where terms_fa.agreement_id = terms_a.id), '[]'::jsonb),
    'placesPerYear', terms_a.places_per_year, 'validFrom', terms_a.valid_from, 'validUntil', terms_a.valid_until, 'summary', terms_a.summary)
    from "agreements" terms_a where terms_a.id = terms_l.id))->'parties') terms_e) "parties_on" where "parties_on_institution_id" = $1) and (coalesce((select terms_v.content from "agreement_versions" terms_v where terms_v.agreement_id = "t0"."id" and terms_v.in_force_from is not null
    order by terms_v.in_force_from < (((now() at time zone 'UTC')::date)::date + 1)::timestamp at time zone 'UTC' desc, case when terms_v.in_force_from < (((now() at time zone 'UTC')::date)::date + 1)::timestamp at time zone 'UTC' then terms_v.in_force_from end desc nulls last, terms_v.in_force_from
    limit 1), (select jsonb_build_object(
    'parties', coalesce((select jsonb_agg(jsonb_build_object('institutionId', terms_p.institution_id, 'role', terms_p.role) order by terms_p.institution_id) from "agreement_parties" terms_p where terms_p.agreement_id = terms_a.id), '[]'::jsonb),
    'focusAreas', coalesce((select jsonb_agg(terms_fa.area order by terms_fa.area) from "agreement_focus_areas" terms_fa where terms_fa.agreement_id = terms_a.id), '[]'::jsonb),
    'placesPerYear', terms_a.places_per_year, 'validFrom', terms_a.valid_from, 'validUntil', terms_a.valid_until, 'summary', terms_a.summary)
    from "agreements" terms_a where terms_a.id = "t0"."id"))->>'validUntil')::date <= $2) order by "t0"."id" asc limit 20) as "t0") as value;
-- parameters: [4,"2030-01-01"]
select "id", "code", "title", "summary", "signed_on", "signed_on_precision", "valid_from", "valid_until", "status", "places_per_year", "current_version_id", "source_id", "illustrative", "created_at", ((coalesce((select terms_v.content from "agreement_versions" terms_v where terms_v.agreement_id = "agreements"."id" and terms_v.in_force_from is not null
    order by terms_v.in_force_from < (($1::date)::date + 1)::timestamp at time zone 'UTC' desc, case when terms_v.in_force_from < (($2::date)::date + 1)::timestamp at time zone 'UTC' then terms_v.in_force_from end desc nulls last, terms_v.in_force_from
    limit 1), (select jsonb_build_object(
    'parties', coalesce((select jsonb_agg(jsonb_build_object('institutionId', terms_p.institution_id, 'role', terms_p.role) order by terms_p.institution_id) from "agreement_parties" terms_p where terms_p.agreement_id = terms_a.id), '[]'::jsonb),
    'focusAreas', coalesce((select jsonb_agg(terms_fa.area order by terms_fa.area) from "agreement_focus_areas" terms_fa where terms_fa.agreement_id = terms_a.id), '[]'::jsonb),
    'placesPerYear', terms_a.places_per_year, 'validFrom', terms_a.valid_from, 'validUntil', terms_a.valid_until, 'summary', terms_a.summary)
    from "agreements" terms_a where terms_a.id = "agreements"."id"))->>'validUntil')::date)::text, ((coalesce((select terms_v.content from "agreement_versions" terms_v where terms_v.agreement_id = "agreements"."id" and terms_v.in_force_from is not null
    order by terms_v.in_force_from < (($3::date)::date + 1)::timestamp at time zone 'UTC' desc, case when terms_v.in_force_from < (($4::date)::date + 1)::timestamp at time zone 'UTC' then terms_v.in_force_from end desc nulls last, terms_v.in_force_from
    limit 1), (select jsonb_build_object(
    'parties', coalesce((select jsonb_agg(jsonb_build_object('institutionId', terms_p.institution_id, 'role', terms_p.role) order by terms_p.institution_id) from "agreement_parties" terms_p where terms_p.agreement_id = terms_a.id), '[]'::jsonb),
    'focusAreas', coalesce((select jsonb_agg(terms_fa.area order by terms_fa.area) from "agreement_focus_areas" terms_fa where terms_fa.agreement_id = terms_a.id), '[]'::jsonb),
    'placesPerYear', terms_a.places_per_year, 'validFrom', terms_a.valid_from, 'validUntil', terms_a.valid_until, 'summary', terms_a.summary)
    from "agreements" terms_a where terms_a.id = "agreements"."id"))->>'validUntil')::date - $5::date)::int from "agreements" where ((coalesce((select terms_v.content from "agreement_versions" terms_v where terms_v.agreement_id = "agreements"."id" and terms_v.in_force_from is not null
    order by terms_v.in_force_from < (($6::date)::date + 1)::timestamp at time zone 'UTC' desc, case when terms_v.in_force_from < (($7::date)::date + 1)::timestamp at time zone 'UTC' then terms_v.in_force_from end desc nulls last, terms_v.in_force_from
    limit 1), (select jsonb_build_object(
    'parties', coalesce((select jsonb_agg(jsonb_build_object('institutionId', terms_p.institution_id, 'role', terms_p.role) order by terms_p.institution_id) from "agreement_parties" terms_p where terms_p.agreement_id = terms_a.id), '[]'::jsonb),
    'focusAreas', coalesce((select jsonb_agg(terms_fa.area order by terms_fa.area) from "agreement_focus_areas" terms_fa where terms_fa.agreement_id = terms_a.id), '[]'::jsonb),
    'placesPerYear', terms_a.places_per_year, 'validFrom', terms_a.valid_from, 'validUntil', terms_a.valid_until, 'summary', terms_a.summary)
    from "agreements" terms_a where terms_a.id = "agreements"."id"))->>'validUntil')::date between $8::date and $9::date + $10::int
    and "agreements"."status" not in ('DRAFT', 'TERMINATED') and "agreements"."id" in (select "parties_on_agreement_id" from (select terms_l.id as "parties_on_agreement_id", (terms_e->>'institutionId')::int as "parties_on_institution_id", (terms_e->>'role')::party_role as "parties_on_role" from "agreements" terms_l cross join lateral jsonb_array_elements(coalesce((select terms_v.content from "agreement_versions" terms_v where terms_v.agreement_id = terms_l.id and terms_v.in_force_from is not null
    order by terms_v.in_force_from < (($11::date)::date + 1)::timestamp at time zone 'UTC' desc, case when terms_v.in_force_from < (($12::date)::date + 1)::timestamp at time zone 'UTC' then terms_v.in_force_from end desc nulls last, terms_v.in_force_from
    limit 1), (select jsonb_build_object(
    'parties', coalesce((select jsonb_agg(jsonb_build_object('institutionId', terms_p.institution_id, 'role', terms_p.role) order by terms_p.institution_id) from "agreement_parties" terms_p where terms_p.agreement_id = terms_a.id), '[]'::jsonb),
    'focusAreas', coalesce((select jsonb_agg(terms_fa.area order by terms_fa.area) from "agreement_focus_areas" terms_fa where terms_fa.agreement_id = terms_a.id), '[]'::jsonb),
    'placesPerYear', terms_a.places_per_year, 'validFrom', terms_a.valid_from, 'validUntil', terms_a.valid_until, 'summary', terms_a.summary)
    from "agreements" terms_a where terms_a.id = terms_l.id))->'parties') terms_e) "parties_on" where "parties_on_institution_id" = $13)) order by (coalesce((select terms_v.content from "agreement_versions" terms_v where terms_v.agreement_id = "agreements"."id" and terms_v.in_force_from is not null
    order by terms_v.in_force_from < (($14::date)::date + 1)::timestamp at time zone 'UTC' desc, case when terms_v.in_force_from < (($15::date)::date + 1)::timestamp at time zone 'UTC' then terms_v.in_force_from end desc nulls last, terms_v.in_force_from
    limit 1), (select jsonb_build_object(
    'parties', coalesce((select jsonb_agg(jsonb_build_object('institutionId', terms_p.institution_id, 'role', terms_p.role) order by terms_p.institution_id) from "agreement_parties" terms_p where terms_p.agreement_id = terms_a.id), '[]'::jsonb),
    'focusAreas', coalesce((select jsonb_agg(terms_fa.area order by terms_fa.area) from "agreement_focus_areas" terms_fa where terms_fa.agreement_id = terms_a.id), '[]'::jsonb),
    'placesPerYear', terms_a.places_per_year, 'validFrom', terms_a.valid_from, 'validUntil', terms_a.valid_until, 'summary', terms_a.summary)
    from "agreements" terms_a where terms_a.id = "agreements"."id"))->>'validUntil')::date asc, "agreements"."id" asc limit $16;
-- parameters: ["2026-06-01","2026-06-01","2026-06-01","2026-06-01","2026-06-01","2026-06-01","2026-06-01","2026-06-01","2026-06-01",1000,"2026-06-01","2026-06-01",4,"2026-06-01","2026-06-01",20]
select "id", "code", "title", "summary", "signed_on", "signed_on_precision", "valid_from", "valid_until", "status", "places_per_year", "current_version_id", "source_id", "illustrative", "created_at", ((coalesce((select terms_v.content from "agreement_versions" terms_v where terms_v.agreement_id = "agreements"."id" and terms_v.in_force_from is not null
    order by terms_v.in_force_from < (($1::date)::date + 1)::timestamp at time zone 'UTC' desc, case when terms_v.in_force_from < (($2::date)::date + 1)::timestamp at time zone 'UTC' then terms_v.in_force_from end desc nulls last, terms_v.in_force_from
    limit 1), (select jsonb_build_object(
    'parties', coalesce((select jsonb_agg(jsonb_build_object('institutionId', terms_p.institution_id, 'role', terms_p.role) order by terms_p.institution_id) from "agreement_parties" terms_p where terms_p.agreement_id = terms_a.id), '[]'::jsonb),
    'focusAreas', coalesce((select jsonb_agg(terms_fa.area order by terms_fa.area) from "agreement_focus_areas" terms_fa where terms_fa.agreement_id = terms_a.id), '[]'::jsonb),
    'placesPerYear', terms_a.places_per_year, 'validFrom', terms_a.valid_from, 'validUntil', terms_a.valid_until, 'summary', terms_a.summary)
    from "agreements" terms_a where terms_a.id = "agreements"."id"))->>'validUntil')::date)::text, ((coalesce((select terms_v.content from "agreement_versions" terms_v where terms_v.agreement_id = "agreements"."id" and terms_v.in_force_from is not null
    order by terms_v.in_force_from < (($3::date)::date + 1)::timestamp at time zone 'UTC' desc, case when terms_v.in_force_from < (($4::date)::date + 1)::timestamp at time zone 'UTC' then terms_v.in_force_from end desc nulls last, terms_v.in_force_from
    limit 1), (select jsonb_build_object(
    'parties', coalesce((select jsonb_agg(jsonb_build_object('institutionId', terms_p.institution_id, 'role', terms_p.role) order by terms_p.institution_id) from "agreement_parties" terms_p where terms_p.agreement_id = terms_a.id), '[]'::jsonb),
    'focusAreas', coalesce((select jsonb_agg(terms_fa.area order by terms_fa.area) from "agreement_focus_areas" terms_fa where terms_fa.agreement_id = terms_a.id), '[]'::jsonb),
    'placesPerYear', terms_a.places_per_year, 'validFrom', terms_a.valid_from, 'validUntil', terms_a.valid_until, 'summary', terms_a.summary)
    from "agreements" terms_a where terms_a.id = "agreements"."id"))->>'validUntil')::date - $5::date)::int from "agreements" where ((coalesce((select terms_v.content from "agreement_versions" terms_v where terms_v.agreement_id = "agreements"."id" and terms_v.in_force_from is not null
    order by terms_v.in_force_from < (($6::date)::date + 1)::timestamp at time zone 'UTC' desc, case when terms_v.in_force_from < (($7::date)::date + 1)::timestamp at time zone 'UTC' then terms_v.in_force_from end desc nulls last, terms_v.in_force_from
    limit 1), (select jsonb_build_object(
    'parties', coalesce((select jsonb_agg(jsonb_build_object('institutionId', terms_p.institution_id, 'role', terms_p.role) order by terms_p.institution_id) from "agreement_parties" terms_p where terms_p.agreement_id = terms_a.id), '[]'::jsonb),
    'focusAreas', coalesce((select jsonb_agg(terms_fa.area order by terms_fa.area) from "agreement_focus_areas" terms_fa where terms_fa.agreement_id = terms_a.id), '[]'::jsonb),
    'placesPerYear', terms_a.places_per_year, 'validFrom', terms_a.valid_from, 'validUntil', terms_a.valid_until, 'summary', terms_a.summary)
    from "agreements" terms_a where terms_a.id = "agreements"."id"))->>'validUntil')::date between $8::date and $9::date + $10::int
    and "agreements"."status" not in ('DRAFT', 'TERMINATED') and "agreements"."id" in (select "parties_on_agreement_id" from (select terms_l.id as "parties_on_agreement_id", (terms_e->>'institutionId')::int as "parties_on_institution_id", (terms_e->>'role')::party_role as "parties_on_role" from "agreements" terms_l cross join lateral jsonb_array_elements(coalesce((select terms_v.content from "agreement_versions" terms_v where terms_v.agreement_id = terms_l.id and terms_v.in_force_from is not null
    order by terms_v.in_force_from < (($11::date)::date + 1)::timestamp at time zone 'UTC' desc, case when terms_v.in_force_from < (($12::date)::date + 1)::timestamp at time zone 'UTC' then terms_v.in_force_from end desc nulls last, terms_v.in_force_from
    limit 1), (select jsonb_build_object(
    'parties', coalesce((select jsonb_agg(jsonb_build_object('institutionId', terms_p.institution_id, 'role', terms_p.role) order by terms_p.institution_id) from "agreement_parties" terms_p where terms_p.agreement_id = terms_a.id), '[]'::jsonb),
    'focusAreas', coalesce((select jsonb_agg(terms_fa.area order by terms_fa.area) from "agreement_focus_areas" terms_fa where terms_fa.agreement_id = terms_a.id), '[]'::jsonb),
    'placesPerYear', terms_a.places_per_year, 'validFrom', terms_a.valid_from, 'validUntil', terms_a.valid_until, 'summary', terms_a.summary)
    from "agreements" terms_a where terms_a.id = terms_l.id))->'parties') terms_e) "parties_on" where "parties_on_institution_id" = $13)) order by (coalesce((select terms_v.content from "agreement_versions" terms_v where terms_v.agreement_id = "agreements"."id" and terms_v.in_force_from is not null
    order by terms_v.in_force_from < (($14::date)::date + 1)::timestamp at time zone 'UTC' desc, case when terms_v.in_force_from < (($15::date)::date + 1)::timestamp at time zone 'UTC' then terms_v.in_force_from end desc nulls last, terms_v.in_force_from
    limit 1), (select jsonb_build_object(
    'parties', coalesce((select jsonb_agg(jsonb_build_object('institutionId', terms_p.institution_id, 'role', terms_p.role) order by terms_p.institution_id) from "agreement_parties" terms_p where terms_p.agreement_id = terms_a.id), '[]'::jsonb),
    'focusAreas', coalesce((select jsonb_agg(terms_fa.area order by terms_fa.area) from "agreement_focus_areas" terms_fa where terms_fa.agreement_id = terms_a.id), '[]'::jsonb),
    'placesPerYear', terms_a.places_per_year, 'validFrom', terms_a.valid_from, 'validUntil', terms_a.valid_until, 'summary', terms_a.summary)
    from "agreements" terms_a where terms_a.id = "agreements"."id"))->>'validUntil')::date asc, "agreements"."id" asc limit $16;
-- parameters: ["2028-06-01","2028-06-01","2028-06-01","2028-06-01","2028-06-01","2028-06-01","2028-06-01","2028-06-01","2028-06-01",365,"2028-06-01","2028-06-01",4,"2028-06-01","2028-06-01",20]

-- admin of institution SW5zdGl0dXRpb246MQ, inline: 4 statements
select (select ('{"#":' || '1' || ',"totalCount":' || (select count(*)::int from "agreements" as "t1" where ((not ((select ended_a.status from "agreements" ended_a where ended_a.id = "t1"."id") = 'TERMINATED' and ($1::date)::date >= current_date) and exists (select 1 from "agreement_versions" "terms_f" where "terms_f"."agreement_id" = "t1"."id" and ("terms_f"."in_force_from" < (($2::date)::date + 1)::timestamp at time zone 'UTC' and ("terms_f"."superseded_at" is null or "terms_f"."superseded_at" >= (($3::date)::date + 1)::timestamp at time zone 'UTC'))) and coalesce((coalesce((select terms_v.content from "agreement_versions" terms_v where terms_v.agreement_id = "t1"."id" and terms_v.in_force_from is not null
    order by terms_v.in_force_from < (($4::date)::date + 1)::timestamp at time zone 'UTC' desc, case when terms_v.in_force_from < (($5::date)::date + 1)::timestamp at time zone 'UTC' then terms_v.in_force_from end desc nulls last, terms_v.in_force_from
    limit 1), (select jsonb_build_object(
    'parties', coalesce((select jsonb_agg(jsonb_build_object('institutionId', terms_p.institution_id, 'role', terms_p.role) order by terms_p.institution_id) from "agreement_parties" terms_p where terms_p.agreement_id = terms_a.id), '[]'::jsonb),
    'focusAreas', coalesce((select jsonb_agg(terms_fa.area order by terms_fa.area) from "agreement_focus_areas" terms_fa where terms_fa.agreement_id = terms_a.id), '[]'::jsonb),
    'placesPerYear', terms_a.places_per_year, 'validFrom', terms_a.valid_from, 'validUntil', terms_a.valid_until, 'summary', terms_a.summary)
    from "agreements" terms_a where terms_a.id = "t1"."id"))->>'validFrom')::date <= ($6::date)::date, true) and coalesce((coalesce((select terms_v.content from "agreement_versions" terms_v where terms_v.agreement_id = "t1"."id" and terms_v.in_force_from is not null
    order by terms_v.in_force_from < (($7::date)::date + 1)::timestamp at time zone 'UTC' desc, case when terms_v.in_force_from < (($8::date)::date + 1)::timestamp at time zone 'UTC' then terms_v.in_force_from end desc nulls last, terms_v.in_force_from
    limit 1), (select jsonb_build_object(
    'parties', coalesce((select jsonb_agg(jsonb_build_object('institutionId', terms_p.institution_id, 'role', terms_p.role) order by terms_p.institution_id) from "agreement_parties" terms_p where terms_p.agreement_id = terms_a.id), '[]'::jsonb),
    'focusAreas', coalesce((select jsonb_agg(terms_fa.area order by terms_fa.area) from "agreement_focus_areas" terms_fa where terms_fa.agreement_id = terms_a.id), '[]'::jsonb),
    'placesPerYear', terms_a.places_per_year, 'validFrom', terms_a.valid_from, 'validUntil', terms_a.valid_until, 'summary', terms_a.summary)
    from "agreements" terms_a where terms_a.id = "t1"."id"))->>'validUntil')::date >= ($9::date)::date, true)) and "t1"."id" in (select "parties_on_agreement_id" from (select terms_l.id as "parties_on_agreement_id", (terms_e->>'institutionId')::int as "parties_on_institution_id", (terms_e->>'role')::party_role as "parties_on_role" from "agreements" terms_l cross join lateral jsonb_array_elements(coalesce((select terms_v.content from "agreement_versions" terms_v where terms_v.agreement_id = terms_l.id and terms_v.in_force_from is not null
    order by terms_v.in_force_from < (($10::date)::date + 1)::timestamp at time zone 'UTC' desc, case when terms_v.in_force_from < (($11::date)::date + 1)::timestamp at time zone 'UTC' then terms_v.in_force_from end desc nulls last, terms_v.in_force_from
    limit 1), (select jsonb_build_object(
    'parties', coalesce((select jsonb_agg(jsonb_build_object('institutionId', terms_p.institution_id, 'role', terms_p.role) order by terms_p.institution_id) from "agreement_parties" terms_p where terms_p.agreement_id = terms_a.id), '[]'::jsonb),
    'focusAreas', coalesce((select jsonb_agg(terms_fa.area order by terms_fa.area) from "agreement_focus_areas" terms_fa where terms_fa.agreement_id = terms_a.id), '[]'::jsonb),
    'placesPerYear', terms_a.places_per_year, 'validFrom', terms_a.valid_from, 'validUntil', terms_a.valid_until, 'summary', terms_a.summary)
    from "agreements" terms_a where terms_a.id = terms_l.id))->'parties') terms_e) "parties_on" where "parties_on_institution_id" = $12) and (coalesce((select terms_v.content from "agreement_versions" terms_v where terms_v.agreement_id = "t1"."id" and terms_v.in_force_from is not null
    order by terms_v.in_force_from < (($13::date)::date + 1)::timestamp at time zone 'UTC' desc, case when terms_v.in_force_from < (($14::date)::date + 1)::timestamp at time zone 'UTC' then terms_v.in_force_from end desc nulls last, terms_v.in_force_from
    limit 1), (select jsonb_build_object(
    'parties', coalesce((select jsonb_agg(jsonb_build_object('institutionId', terms_p.institution_id, 'role', terms_p.role) order by terms_p.institution_id) from "agreement_parties" terms_p where terms_p.agreement_id = terms_a.id), '[]'::jsonb),
    'focusAreas', coalesce((select jsonb_agg(terms_fa.area order by terms_fa.area) from "agreement_focus_areas" terms_fa where terms_fa.agreement_id = terms_a.id), '[]'::jsonb),
    'placesPerYear', terms_a.places_per_year, 'validFrom', terms_a.valid_from, 'validUntil', terms_a.valid_until, 'summary', terms_a.summary)
    from "agreements" terms_a where terms_a.id = "t1"."id"))->>'validUntil')::date <= $15))::text || '}')) as value;
-- parameters: ["2024-06-01","2024-06-01","2024-06-01","2024-06-01","2024-06-01","2024-06-01","2024-06-01","2024-06-01","2024-06-01","2024-06-01","2024-06-01",4,"2024-06-01","2024-06-01","2030-01-01"]
select (select ('{"#":' || '1' || ',"nodes":[' || coalesce(string_agg(('{"#":' || '1' || ',"code":' || to_json("t0"."code")::text || ',"validUntil":' || coalesce('"' || to_char("t0"."valid_until", 'YYYY-MM-DD') || '"', 'null') || '}'), ','), '') || ']}') from (select "t0".* from "agreements" as "t0" where ("t0"."id" in (select "parties_on_agreement_id" from (select terms_l.id as "parties_on_agreement_id", (terms_e->>'institutionId')::int as "parties_on_institution_id", (terms_e->>'role')::party_role as "parties_on_role" from "agreements" terms_l cross join lateral jsonb_array_elements(coalesce((select terms_v.content from "agreement_versions" terms_v where terms_v.agreement_id = terms_l.id and terms_v.in_force_from is not null
    order by terms_v.in_force_from < (((now() at time zone 'UTC')::date)::date + 1)::timestamp at time zone 'UTC' desc, case when terms_v.in_force_from < (((now() at time zone 'UTC')::date)::date + 1)::timestamp at time zone 'UTC' then terms_v.in_force_from end desc nulls last, terms_v.in_force_from
    limit 1), (select jsonb_build_object(
    'parties', coalesce((select jsonb_agg(jsonb_build_object('institutionId', terms_p.institution_id, 'role', terms_p.role) order by terms_p.institution_id) from "agreement_parties" terms_p where terms_p.agreement_id = terms_a.id), '[]'::jsonb),
    'focusAreas', coalesce((select jsonb_agg(terms_fa.area order by terms_fa.area) from "agreement_focus_areas" terms_fa where terms_fa.agreement_id = terms_a.id), '[]'::jsonb),
    'placesPerYear', terms_a.places_per_year, 'validFrom', terms_a.valid_from, 'validUntil', terms_a.valid_until, 'summary', terms_a.summary)
    from "agreements" terms_a where terms_a.id = terms_l.id))->'parties') terms_e) "parties_on" where "parties_on_institution_id" = $1) and (coalesce((select terms_v.content from "agreement_versions" terms_v where terms_v.agreement_id = "t0"."id" and terms_v.in_force_from is not null
    order by terms_v.in_force_from < (((now() at time zone 'UTC')::date)::date + 1)::timestamp at time zone 'UTC' desc, case when terms_v.in_force_from < (((now() at time zone 'UTC')::date)::date + 1)::timestamp at time zone 'UTC' then terms_v.in_force_from end desc nulls last, terms_v.in_force_from
    limit 1), (select jsonb_build_object(
    'parties', coalesce((select jsonb_agg(jsonb_build_object('institutionId', terms_p.institution_id, 'role', terms_p.role) order by terms_p.institution_id) from "agreement_parties" terms_p where terms_p.agreement_id = terms_a.id), '[]'::jsonb),
    'focusAreas', coalesce((select jsonb_agg(terms_fa.area order by terms_fa.area) from "agreement_focus_areas" terms_fa where terms_fa.agreement_id = terms_a.id), '[]'::jsonb),
    'placesPerYear', terms_a.places_per_year, 'validFrom', terms_a.valid_from, 'validUntil', terms_a.valid_until, 'summary', terms_a.summary)
    from "agreements" terms_a where terms_a.id = "t0"."id"))->>'validUntil')::date <= $2) order by "t0"."id" asc limit 20) as "t0") as value;
-- parameters: [4,"2030-01-01"]
select "id", "code", "title", "summary", "signed_on", "signed_on_precision", "valid_from", "valid_until", "status", "places_per_year", "current_version_id", "source_id", "illustrative", "created_at", ((coalesce((select terms_v.content from "agreement_versions" terms_v where terms_v.agreement_id = "agreements"."id" and terms_v.in_force_from is not null
    order by terms_v.in_force_from < (($1::date)::date + 1)::timestamp at time zone 'UTC' desc, case when terms_v.in_force_from < (($2::date)::date + 1)::timestamp at time zone 'UTC' then terms_v.in_force_from end desc nulls last, terms_v.in_force_from
    limit 1), (select jsonb_build_object(
    'parties', coalesce((select jsonb_agg(jsonb_build_object('institutionId', terms_p.institution_id, 'role', terms_p.role) order by terms_p.institution_id) from "agreement_parties" terms_p where terms_p.agreement_id = terms_a.id), '[]'::jsonb),
    'focusAreas', coalesce((select jsonb_agg(terms_fa.area order by terms_fa.area) from "agreement_focus_areas" terms_fa where terms_fa.agreement_id = terms_a.id), '[]'::jsonb),
    'placesPerYear', terms_a.places_per_year, 'validFrom', terms_a.valid_from, 'validUntil', terms_a.valid_until, 'summary', terms_a.summary)
    from "agreements" terms_a where terms_a.id = "agreements"."id"))->>'validUntil')::date)::text, ((coalesce((select terms_v.content from "agreement_versions" terms_v where terms_v.agreement_id = "agreements"."id" and terms_v.in_force_from is not null
    order by terms_v.in_force_from < (($3::date)::date + 1)::timestamp at time zone 'UTC' desc, case when terms_v.in_force_from < (($4::date)::date + 1)::timestamp at time zone 'UTC' then terms_v.in_force_from end desc nulls last, terms_v.in_force_from
    limit 1), (select jsonb_build_object(
    'parties', coalesce((select jsonb_agg(jsonb_build_object('institutionId', terms_p.institution_id, 'role', terms_p.role) order by terms_p.institution_id) from "agreement_parties" terms_p where terms_p.agreement_id = terms_a.id), '[]'::jsonb),
    'focusAreas', coalesce((select jsonb_agg(terms_fa.area order by terms_fa.area) from "agreement_focus_areas" terms_fa where terms_fa.agreement_id = terms_a.id), '[]'::jsonb),
    'placesPerYear', terms_a.places_per_year, 'validFrom', terms_a.valid_from, 'validUntil', terms_a.valid_until, 'summary', terms_a.summary)
    from "agreements" terms_a where terms_a.id = "agreements"."id"))->>'validUntil')::date - $5::date)::int from "agreements" where ((coalesce((select terms_v.content from "agreement_versions" terms_v where terms_v.agreement_id = "agreements"."id" and terms_v.in_force_from is not null
    order by terms_v.in_force_from < (($6::date)::date + 1)::timestamp at time zone 'UTC' desc, case when terms_v.in_force_from < (($7::date)::date + 1)::timestamp at time zone 'UTC' then terms_v.in_force_from end desc nulls last, terms_v.in_force_from
    limit 1), (select jsonb_build_object(
    'parties', coalesce((select jsonb_agg(jsonb_build_object('institutionId', terms_p.institution_id, 'role', terms_p.role) order by terms_p.institution_id) from "agreement_parties" terms_p where terms_p.agreement_id = terms_a.id), '[]'::jsonb),
    'focusAreas', coalesce((select jsonb_agg(terms_fa.area order by terms_fa.area) from "agreement_focus_areas" terms_fa where terms_fa.agreement_id = terms_a.id), '[]'::jsonb),
    'placesPerYear', terms_a.places_per_year, 'validFrom', terms_a.valid_from, 'validUntil', terms_a.valid_until, 'summary', terms_a.summary)
    from "agreements" terms_a where terms_a.id = "agreements"."id"))->>'validUntil')::date between $8::date and $9::date + $10::int
    and "agreements"."status" not in ('DRAFT', 'TERMINATED') and "agreements"."id" in (select "parties_on_agreement_id" from (select terms_l.id as "parties_on_agreement_id", (terms_e->>'institutionId')::int as "parties_on_institution_id", (terms_e->>'role')::party_role as "parties_on_role" from "agreements" terms_l cross join lateral jsonb_array_elements(coalesce((select terms_v.content from "agreement_versions" terms_v where terms_v.agreement_id = terms_l.id and terms_v.in_force_from is not null
    order by terms_v.in_force_from < (($11::date)::date + 1)::timestamp at time zone 'UTC' desc, case when terms_v.in_force_from < (($12::date)::date + 1)::timestamp at time zone 'UTC' then terms_v.in_force_from end desc nulls last, terms_v.in_force_from
    limit 1), (select jsonb_build_object(
    'parties', coalesce((select jsonb_agg(jsonb_build_object('institutionId', terms_p.institution_id, 'role', terms_p.role) order by terms_p.institution_id) from "agreement_parties" terms_p where terms_p.agreement_id = terms_a.id), '[]'::jsonb),
    'focusAreas', coalesce((select jsonb_agg(terms_fa.area order by terms_fa.area) from "agreement_focus_areas" terms_fa where terms_fa.agreement_id = terms_a.id), '[]'::jsonb),
    'placesPerYear', terms_a.places_per_year, 'validFrom', terms_a.valid_from, 'validUntil', terms_a.valid_until, 'summary', terms_a.summary)
    from "agreements" terms_a where terms_a.id = terms_l.id))->'parties') terms_e) "parties_on" where "parties_on_institution_id" = $13)) order by (coalesce((select terms_v.content from "agreement_versions" terms_v where terms_v.agreement_id = "agreements"."id" and terms_v.in_force_from is not null
    order by terms_v.in_force_from < (($14::date)::date + 1)::timestamp at time zone 'UTC' desc, case when terms_v.in_force_from < (($15::date)::date + 1)::timestamp at time zone 'UTC' then terms_v.in_force_from end desc nulls last, terms_v.in_force_from
    limit 1), (select jsonb_build_object(
    'parties', coalesce((select jsonb_agg(jsonb_build_object('institutionId', terms_p.institution_id, 'role', terms_p.role) order by terms_p.institution_id) from "agreement_parties" terms_p where terms_p.agreement_id = terms_a.id), '[]'::jsonb),
    'focusAreas', coalesce((select jsonb_agg(terms_fa.area order by terms_fa.area) from "agreement_focus_areas" terms_fa where terms_fa.agreement_id = terms_a.id), '[]'::jsonb),
    'placesPerYear', terms_a.places_per_year, 'validFrom', terms_a.valid_from, 'validUntil', terms_a.valid_until, 'summary', terms_a.summary)
    from "agreements" terms_a where terms_a.id = "agreements"."id"))->>'validUntil')::date asc, "agreements"."id" asc limit $16;
-- parameters: ["2026-06-01","2026-06-01","2026-06-01","2026-06-01","2026-06-01","2026-06-01","2026-06-01","2026-06-01","2026-06-01",1000,"2026-06-01","2026-06-01",4,"2026-06-01","2026-06-01",20]
select "id", "code", "title", "summary", "signed_on", "signed_on_precision", "valid_from", "valid_until", "status", "places_per_year", "current_version_id", "source_id", "illustrative", "created_at", ((coalesce((select terms_v.content from "agreement_versions" terms_v where terms_v.agreement_id = "agreements"."id" and terms_v.in_force_from is not null
    order by terms_v.in_force_from < (($1::date)::date + 1)::timestamp at time zone 'UTC' desc, case when terms_v.in_force_from < (($2::date)::date + 1)::timestamp at time zone 'UTC' then terms_v.in_force_from end desc nulls last, terms_v.in_force_from
    limit 1), (select jsonb_build_object(
    'parties', coalesce((select jsonb_agg(jsonb_build_object('institutionId', terms_p.institution_id, 'role', terms_p.role) order by terms_p.institution_id) from "agreement_parties" terms_p where terms_p.agreement_id = terms_a.id), '[]'::jsonb),
    'focusAreas', coalesce((select jsonb_agg(terms_fa.area order by terms_fa.area) from "agreement_focus_areas" terms_fa where terms_fa.agreement_id = terms_a.id), '[]'::jsonb),
    'placesPerYear', terms_a.places_per_year, 'validFrom', terms_a.valid_from, 'validUntil', terms_a.valid_until, 'summary', terms_a.summary)
    from "agreements" terms_a where terms_a.id = "agreements"."id"))->>'validUntil')::date)::text, ((coalesce((select terms_v.content from "agreement_versions" terms_v where terms_v.agreement_id = "agreements"."id" and terms_v.in_force_from is not null
    order by terms_v.in_force_from < (($3::date)::date + 1)::timestamp at time zone 'UTC' desc, case when terms_v.in_force_from < (($4::date)::date + 1)::timestamp at time zone 'UTC' then terms_v.in_force_from end desc nulls last, terms_v.in_force_from
    limit 1), (select jsonb_build_object(
    'parties', coalesce((select jsonb_agg(jsonb_build_object('institutionId', terms_p.institution_id, 'role', terms_p.role) order by terms_p.institution_id) from "agreement_parties" terms_p where terms_p.agreement_id = terms_a.id), '[]'::jsonb),
    'focusAreas', coalesce((select jsonb_agg(terms_fa.area order by terms_fa.area) from "agreement_focus_areas" terms_fa where terms_fa.agreement_id = terms_a.id), '[]'::jsonb),
    'placesPerYear', terms_a.places_per_year, 'validFrom', terms_a.valid_from, 'validUntil', terms_a.valid_until, 'summary', terms_a.summary)
    from "agreements" terms_a where terms_a.id = "agreements"."id"))->>'validUntil')::date - $5::date)::int from "agreements" where ((coalesce((select terms_v.content from "agreement_versions" terms_v where terms_v.agreement_id = "agreements"."id" and terms_v.in_force_from is not null
    order by terms_v.in_force_from < (($6::date)::date + 1)::timestamp at time zone 'UTC' desc, case when terms_v.in_force_from < (($7::date)::date + 1)::timestamp at time zone 'UTC' then terms_v.in_force_from end desc nulls last, terms_v.in_force_from
    limit 1), (select jsonb_build_object(
    'parties', coalesce((select jsonb_agg(jsonb_build_object('institutionId', terms_p.institution_id, 'role', terms_p.role) order by terms_p.institution_id) from "agreement_parties" terms_p where terms_p.agreement_id = terms_a.id), '[]'::jsonb),
    'focusAreas', coalesce((select jsonb_agg(terms_fa.area order by terms_fa.area) from "agreement_focus_areas" terms_fa where terms_fa.agreement_id = terms_a.id), '[]'::jsonb),
    'placesPerYear', terms_a.places_per_year, 'validFrom', terms_a.valid_from, 'validUntil', terms_a.valid_until, 'summary', terms_a.summary)
    from "agreements" terms_a where terms_a.id = "agreements"."id"))->>'validUntil')::date between $8::date and $9::date + $10::int
    and "agreements"."status" not in ('DRAFT', 'TERMINATED') and "agreements"."id" in (select "parties_on_agreement_id" from (select terms_l.id as "parties_on_agreement_id", (terms_e->>'institutionId')::int as "parties_on_institution_id", (terms_e->>'role')::party_role as "parties_on_role" from "agreements" terms_l cross join lateral jsonb_array_elements(coalesce((select terms_v.content from "agreement_versions" terms_v where terms_v.agreement_id = terms_l.id and terms_v.in_force_from is not null
    order by terms_v.in_force_from < (($11::date)::date + 1)::timestamp at time zone 'UTC' desc, case when terms_v.in_force_from < (($12::date)::date + 1)::timestamp at time zone 'UTC' then terms_v.in_force_from end desc nulls last, terms_v.in_force_from
    limit 1), (select jsonb_build_object(
    'parties', coalesce((select jsonb_agg(jsonb_build_object('institutionId', terms_p.institution_id, 'role', terms_p.role) order by terms_p.institution_id) from "agreement_parties" terms_p where terms_p.agreement_id = terms_a.id), '[]'::jsonb),
    'focusAreas', coalesce((select jsonb_agg(terms_fa.area order by terms_fa.area) from "agreement_focus_areas" terms_fa where terms_fa.agreement_id = terms_a.id), '[]'::jsonb),
    'placesPerYear', terms_a.places_per_year, 'validFrom', terms_a.valid_from, 'validUntil', terms_a.valid_until, 'summary', terms_a.summary)
    from "agreements" terms_a where terms_a.id = terms_l.id))->'parties') terms_e) "parties_on" where "parties_on_institution_id" = $13)) order by (coalesce((select terms_v.content from "agreement_versions" terms_v where terms_v.agreement_id = "agreements"."id" and terms_v.in_force_from is not null
    order by terms_v.in_force_from < (($14::date)::date + 1)::timestamp at time zone 'UTC' desc, case when terms_v.in_force_from < (($15::date)::date + 1)::timestamp at time zone 'UTC' then terms_v.in_force_from end desc nulls last, terms_v.in_force_from
    limit 1), (select jsonb_build_object(
    'parties', coalesce((select jsonb_agg(jsonb_build_object('institutionId', terms_p.institution_id, 'role', terms_p.role) order by terms_p.institution_id) from "agreement_parties" terms_p where terms_p.agreement_id = terms_a.id), '[]'::jsonb),
    'focusAreas', coalesce((select jsonb_agg(terms_fa.area order by terms_fa.area) from "agreement_focus_areas" terms_fa where terms_fa.agreement_id = terms_a.id), '[]'::jsonb),
    'placesPerYear', terms_a.places_per_year, 'validFrom', terms_a.valid_from, 'validUntil', terms_a.valid_until, 'summary', terms_a.summary)
    from "agreements" terms_a where terms_a.id = "agreements"."id"))->>'validUntil')::date asc, "agreements"."id" asc limit $16;
-- parameters: ["2028-06-01","2028-06-01","2028-06-01","2028-06-01","2028-06-01","2028-06-01","2028-06-01","2028-06-01","2028-06-01",365,"2028-06-01","2028-06-01",4,"2028-06-01","2028-06-01",20]

-- admin of institution SW5zdGl0dXRpb246MQ, batched: 4 statements
select (select ('{"#":' || '1' || ',"totalCount":' || (select count(*)::int from "agreements" as "t1" where ((not ((select ended_a.status from "agreements" ended_a where ended_a.id = "t1"."id") = 'TERMINATED' and ($1::date)::date >= current_date) and exists (select 1 from "agreement_versions" "terms_f" where "terms_f"."agreement_id" = "t1"."id" and ("terms_f"."in_force_from" < (($2::date)::date + 1)::timestamp at time zone 'UTC' and ("terms_f"."superseded_at" is null or "terms_f"."superseded_at" >= (($3::date)::date + 1)::timestamp at time zone 'UTC'))) and coalesce((coalesce((select terms_v.content from "agreement_versions" terms_v where terms_v.agreement_id = "t1"."id" and terms_v.in_force_from is not null
    order by terms_v.in_force_from < (($4::date)::date + 1)::timestamp at time zone 'UTC' desc, case when terms_v.in_force_from < (($5::date)::date + 1)::timestamp at time zone 'UTC' then terms_v.in_force_from end desc nulls last, terms_v.in_force_from
    limit 1), (select jsonb_build_object(
    'parties', coalesce((select jsonb_agg(jsonb_build_object('institutionId', terms_p.institution_id, 'role', terms_p.role) order by terms_p.institution_id) from "agreement_parties" terms_p where terms_p.agreement_id = terms_a.id), '[]'::jsonb),
    'focusAreas', coalesce((select jsonb_agg(terms_fa.area order by terms_fa.area) from "agreement_focus_areas" terms_fa where terms_fa.agreement_id = terms_a.id), '[]'::jsonb),
    'placesPerYear', terms_a.places_per_year, 'validFrom', terms_a.valid_from, 'validUntil', terms_a.valid_until, 'summary', terms_a.summary)
    from "agreements" terms_a where terms_a.id = "t1"."id"))->>'validFrom')::date <= ($6::date)::date, true) and coalesce((coalesce((select terms_v.content from "agreement_versions" terms_v where terms_v.agreement_id = "t1"."id" and terms_v.in_force_from is not null
    order by terms_v.in_force_from < (($7::date)::date + 1)::timestamp at time zone 'UTC' desc, case when terms_v.in_force_from < (($8::date)::date + 1)::timestamp at time zone 'UTC' then terms_v.in_force_from end desc nulls last, terms_v.in_force_from
    limit 1), (select jsonb_build_object(
    'parties', coalesce((select jsonb_agg(jsonb_build_object('institutionId', terms_p.institution_id, 'role', terms_p.role) order by terms_p.institution_id) from "agreement_parties" terms_p where terms_p.agreement_id = terms_a.id), '[]'::jsonb),
    'focusAreas', coalesce((select jsonb_agg(terms_fa.area order by terms_fa.area) from "agreement_focus_areas" terms_fa where terms_fa.agreement_id = terms_a.id), '[]'::jsonb),
    'placesPerYear', terms_a.places_per_year, 'validFrom', terms_a.valid_from, 'validUntil', terms_a.valid_until, 'summary', terms_a.summary)
    from "agreements" terms_a where terms_a.id = "t1"."id"))->>'validUntil')::date >= ($9::date)::date, true)) and "t1"."id" in (select "parties_on_agreement_id" from (select terms_l.id as "parties_on_agreement_id", (terms_e->>'institutionId')::int as "parties_on_institution_id", (terms_e->>'role')::party_role as "parties_on_role" from "agreements" terms_l cross join lateral jsonb_array_elements(coalesce((select terms_v.content from "agreement_versions" terms_v where terms_v.agreement_id = terms_l.id and terms_v.in_force_from is not null
    order by terms_v.in_force_from < (($10::date)::date + 1)::timestamp at time zone 'UTC' desc, case when terms_v.in_force_from < (($11::date)::date + 1)::timestamp at time zone 'UTC' then terms_v.in_force_from end desc nulls last, terms_v.in_force_from
    limit 1), (select jsonb_build_object(
    'parties', coalesce((select jsonb_agg(jsonb_build_object('institutionId', terms_p.institution_id, 'role', terms_p.role) order by terms_p.institution_id) from "agreement_parties" terms_p where terms_p.agreement_id = terms_a.id), '[]'::jsonb),
    'focusAreas', coalesce((select jsonb_agg(terms_fa.area order by terms_fa.area) from "agreement_focus_areas" terms_fa where terms_fa.agreement_id = terms_a.id), '[]'::jsonb),
    'placesPerYear', terms_a.places_per_year, 'validFrom', terms_a.valid_from, 'validUntil', terms_a.valid_until, 'summary', terms_a.summary)
    from "agreements" terms_a where terms_a.id = terms_l.id))->'parties') terms_e) "parties_on" where "parties_on_institution_id" = $12) and (coalesce((select terms_v.content from "agreement_versions" terms_v where terms_v.agreement_id = "t1"."id" and terms_v.in_force_from is not null
    order by terms_v.in_force_from < (($13::date)::date + 1)::timestamp at time zone 'UTC' desc, case when terms_v.in_force_from < (($14::date)::date + 1)::timestamp at time zone 'UTC' then terms_v.in_force_from end desc nulls last, terms_v.in_force_from
    limit 1), (select jsonb_build_object(
    'parties', coalesce((select jsonb_agg(jsonb_build_object('institutionId', terms_p.institution_id, 'role', terms_p.role) order by terms_p.institution_id) from "agreement_parties" terms_p where terms_p.agreement_id = terms_a.id), '[]'::jsonb),
    'focusAreas', coalesce((select jsonb_agg(terms_fa.area order by terms_fa.area) from "agreement_focus_areas" terms_fa where terms_fa.agreement_id = terms_a.id), '[]'::jsonb),
    'placesPerYear', terms_a.places_per_year, 'validFrom', terms_a.valid_from, 'validUntil', terms_a.valid_until, 'summary', terms_a.summary)
    from "agreements" terms_a where terms_a.id = "t1"."id"))->>'validUntil')::date <= $15))::text || '}')) as value;
-- parameters: ["2024-06-01","2024-06-01","2024-06-01","2024-06-01","2024-06-01","2024-06-01","2024-06-01","2024-06-01","2024-06-01","2024-06-01","2024-06-01",4,"2024-06-01","2024-06-01","2030-01-01"]
select (select ('{"#":' || '1' || ',"nodes":[' || coalesce(string_agg(('{"#":' || '1' || ',"code":' || to_json("t0"."code")::text || ',"validUntil":' || coalesce('"' || to_char("t0"."valid_until", 'YYYY-MM-DD') || '"', 'null') || '}'), ','), '') || ']}') from (select "t0".* from "agreements" as "t0" where ("t0"."id" in (select "parties_on_agreement_id" from (select terms_l.id as "parties_on_agreement_id", (terms_e->>'institutionId')::int as "parties_on_institution_id", (terms_e->>'role')::party_role as "parties_on_role" from "agreements" terms_l cross join lateral jsonb_array_elements(coalesce((select terms_v.content from "agreement_versions" terms_v where terms_v.agreement_id = terms_l.id and terms_v.in_force_from is not null
    order by terms_v.in_force_from < (((now() at time zone 'UTC')::date)::date + 1)::timestamp at time zone 'UTC' desc, case when terms_v.in_force_from < (((now() at time zone 'UTC')::date)::date + 1)::timestamp at time zone 'UTC' then terms_v.in_force_from end desc nulls last, terms_v.in_force_from
    limit 1), (select jsonb_build_object(
    'parties', coalesce((select jsonb_agg(jsonb_build_object('institutionId', terms_p.institution_id, 'role', terms_p.role) order by terms_p.institution_id) from "agreement_parties" terms_p where terms_p.agreement_id = terms_a.id), '[]'::jsonb),
    'focusAreas', coalesce((select jsonb_agg(terms_fa.area order by terms_fa.area) from "agreement_focus_areas" terms_fa where terms_fa.agreement_id = terms_a.id), '[]'::jsonb),
    'placesPerYear', terms_a.places_per_year, 'validFrom', terms_a.valid_from, 'validUntil', terms_a.valid_until, 'summary', terms_a.summary)
    from "agreements" terms_a where terms_a.id = terms_l.id))->'parties') terms_e) "parties_on" where "parties_on_institution_id" = $1) and (coalesce((select terms_v.content from "agreement_versions" terms_v where terms_v.agreement_id = "t0"."id" and terms_v.in_force_from is not null
    order by terms_v.in_force_from < (((now() at time zone 'UTC')::date)::date + 1)::timestamp at time zone 'UTC' desc, case when terms_v.in_force_from < (((now() at time zone 'UTC')::date)::date + 1)::timestamp at time zone 'UTC' then terms_v.in_force_from end desc nulls last, terms_v.in_force_from
    limit 1), (select jsonb_build_object(
    'parties', coalesce((select jsonb_agg(jsonb_build_object('institutionId', terms_p.institution_id, 'role', terms_p.role) order by terms_p.institution_id) from "agreement_parties" terms_p where terms_p.agreement_id = terms_a.id), '[]'::jsonb),
    'focusAreas', coalesce((select jsonb_agg(terms_fa.area order by terms_fa.area) from "agreement_focus_areas" terms_fa where terms_fa.agreement_id = terms_a.id), '[]'::jsonb),
    'placesPerYear', terms_a.places_per_year, 'validFrom', terms_a.valid_from, 'validUntil', terms_a.valid_until, 'summary', terms_a.summary)
    from "agreements" terms_a where terms_a.id = "t0"."id"))->>'validUntil')::date <= $2) order by "t0"."id" asc limit 20) as "t0") as value;
-- parameters: [4,"2030-01-01"]
select "id", "code", "title", "summary", "signed_on", "signed_on_precision", "valid_from", "valid_until", "status", "places_per_year", "current_version_id", "source_id", "illustrative", "created_at", ((coalesce((select terms_v.content from "agreement_versions" terms_v where terms_v.agreement_id = "agreements"."id" and terms_v.in_force_from is not null
    order by terms_v.in_force_from < (($1::date)::date + 1)::timestamp at time zone 'UTC' desc, case when terms_v.in_force_from < (($2::date)::date + 1)::timestamp at time zone 'UTC' then terms_v.in_force_from end desc nulls last, terms_v.in_force_from
    limit 1), (select jsonb_build_object(
    'parties', coalesce((select jsonb_agg(jsonb_build_object('institutionId', terms_p.institution_id, 'role', terms_p.role) order by terms_p.institution_id) from "agreement_parties" terms_p where terms_p.agreement_id = terms_a.id), '[]'::jsonb),
    'focusAreas', coalesce((select jsonb_agg(terms_fa.area order by terms_fa.area) from "agreement_focus_areas" terms_fa where terms_fa.agreement_id = terms_a.id), '[]'::jsonb),
    'placesPerYear', terms_a.places_per_year, 'validFrom', terms_a.valid_from, 'validUntil', terms_a.valid_until, 'summary', terms_a.summary)
    from "agreements" terms_a where terms_a.id = "agreements"."id"))->>'validUntil')::date)::text, ((coalesce((select terms_v.content from "agreement_versions" terms_v where terms_v.agreement_id = "agreements"."id" and terms_v.in_force_from is not null
    order by terms_v.in_force_from < (($3::date)::date + 1)::timestamp at time zone 'UTC' desc, case when terms_v.in_force_from < (($4::date)::date + 1)::timestamp at time zone 'UTC' then terms_v.in_force_from end desc nulls last, terms_v.in_force_from
    limit 1), (select jsonb_build_object(
    'parties', coalesce((select jsonb_agg(jsonb_build_object('institutionId', terms_p.institution_id, 'role', terms_p.role) order by terms_p.institution_id) from "agreement_parties" terms_p where terms_p.agreement_id = terms_a.id), '[]'::jsonb),
    'focusAreas', coalesce((select jsonb_agg(terms_fa.area order by terms_fa.area) from "agreement_focus_areas" terms_fa where terms_fa.agreement_id = terms_a.id), '[]'::jsonb),
    'placesPerYear', terms_a.places_per_year, 'validFrom', terms_a.valid_from, 'validUntil', terms_a.valid_until, 'summary', terms_a.summary)
    from "agreements" terms_a where terms_a.id = "agreements"."id"))->>'validUntil')::date - $5::date)::int from "agreements" where ((coalesce((select terms_v.content from "agreement_versions" terms_v where terms_v.agreement_id = "agreements"."id" and terms_v.in_force_from is not null
    order by terms_v.in_force_from < (($6::date)::date + 1)::timestamp at time zone 'UTC' desc, case when terms_v.in_force_from < (($7::date)::date + 1)::timestamp at time zone 'UTC' then terms_v.in_force_from end desc nulls last, terms_v.in_force_from
    limit 1), (select jsonb_build_object(
    'parties', coalesce((select jsonb_agg(jsonb_build_object('institutionId', terms_p.institution_id, 'role', terms_p.role) order by terms_p.institution_id) from "agreement_parties" terms_p where terms_p.agreement_id = terms_a.id), '[]'::jsonb),
    'focusAreas', coalesce((select jsonb_agg(terms_fa.area order by terms_fa.area) from "agreement_focus_areas" terms_fa where terms_fa.agreement_id = terms_a.id), '[]'::jsonb),
    'placesPerYear', terms_a.places_per_year, 'validFrom', terms_a.valid_from, 'validUntil', terms_a.valid_until, 'summary', terms_a.summary)
    from "agreements" terms_a where terms_a.id = "agreements"."id"))->>'validUntil')::date between $8::date and $9::date + $10::int
    and "agreements"."status" not in ('DRAFT', 'TERMINATED') and "agreements"."id" in (select "parties_on_agreement_id" from (select terms_l.id as "parties_on_agreement_id", (terms_e->>'institutionId')::int as "parties_on_institution_id", (terms_e->>'role')::party_role as "parties_on_role" from "agreements" terms_l cross join lateral jsonb_array_elements(coalesce((select terms_v.content from "agreement_versions" terms_v where terms_v.agreement_id = terms_l.id and terms_v.in_force_from is not null
    order by terms_v.in_force_from < (($11::date)::date + 1)::timestamp at time zone 'UTC' desc, case when terms_v.in_force_from < (($12::date)::date + 1)::timestamp at time zone 'UTC' then terms_v.in_force_from end desc nulls last, terms_v.in_force_from
    limit 1), (select jsonb_build_object(
    'parties', coalesce((select jsonb_agg(jsonb_build_object('institutionId', terms_p.institution_id, 'role', terms_p.role) order by terms_p.institution_id) from "agreement_parties" terms_p where terms_p.agreement_id = terms_a.id), '[]'::jsonb),
    'focusAreas', coalesce((select jsonb_agg(terms_fa.area order by terms_fa.area) from "agreement_focus_areas" terms_fa where terms_fa.agreement_id = terms_a.id), '[]'::jsonb),
    'placesPerYear', terms_a.places_per_year, 'validFrom', terms_a.valid_from, 'validUntil', terms_a.valid_until, 'summary', terms_a.summary)
    from "agreements" terms_a where terms_a.id = terms_l.id))->'parties') terms_e) "parties_on" where "parties_on_institution_id" = $13)) order by (coalesce((select terms_v.content from "agreement_versions" terms_v where terms_v.agreement_id = "agreements"."id" and terms_v.in_force_from is not null
    order by terms_v.in_force_from < (($14::date)::date + 1)::timestamp at time zone 'UTC' desc, case when terms_v.in_force_from < (($15::date)::date + 1)::timestamp at time zone 'UTC' then terms_v.in_force_from end desc nulls last, terms_v.in_force_from
    limit 1), (select jsonb_build_object(
    'parties', coalesce((select jsonb_agg(jsonb_build_object('institutionId', terms_p.institution_id, 'role', terms_p.role) order by terms_p.institution_id) from "agreement_parties" terms_p where terms_p.agreement_id = terms_a.id), '[]'::jsonb),
    'focusAreas', coalesce((select jsonb_agg(terms_fa.area order by terms_fa.area) from "agreement_focus_areas" terms_fa where terms_fa.agreement_id = terms_a.id), '[]'::jsonb),
    'placesPerYear', terms_a.places_per_year, 'validFrom', terms_a.valid_from, 'validUntil', terms_a.valid_until, 'summary', terms_a.summary)
    from "agreements" terms_a where terms_a.id = "agreements"."id"))->>'validUntil')::date asc, "agreements"."id" asc limit $16;
-- parameters: ["2026-06-01","2026-06-01","2026-06-01","2026-06-01","2026-06-01","2026-06-01","2026-06-01","2026-06-01","2026-06-01",1000,"2026-06-01","2026-06-01",4,"2026-06-01","2026-06-01",20]
select "id", "code", "title", "summary", "signed_on", "signed_on_precision", "valid_from", "valid_until", "status", "places_per_year", "current_version_id", "source_id", "illustrative", "created_at", ((coalesce((select terms_v.content from "agreement_versions" terms_v where terms_v.agreement_id = "agreements"."id" and terms_v.in_force_from is not null
    order by terms_v.in_force_from < (($1::date)::date + 1)::timestamp at time zone 'UTC' desc, case when terms_v.in_force_from < (($2::date)::date + 1)::timestamp at time zone 'UTC' then terms_v.in_force_from end desc nulls last, terms_v.in_force_from
    limit 1), (select jsonb_build_object(
    'parties', coalesce((select jsonb_agg(jsonb_build_object('institutionId', terms_p.institution_id, 'role', terms_p.role) order by terms_p.institution_id) from "agreement_parties" terms_p where terms_p.agreement_id = terms_a.id), '[]'::jsonb),
    'focusAreas', coalesce((select jsonb_agg(terms_fa.area order by terms_fa.area) from "agreement_focus_areas" terms_fa where terms_fa.agreement_id = terms_a.id), '[]'::jsonb),
    'placesPerYear', terms_a.places_per_year, 'validFrom', terms_a.valid_from, 'validUntil', terms_a.valid_until, 'summary', terms_a.summary)
    from "agreements" terms_a where terms_a.id = "agreements"."id"))->>'validUntil')::date)::text, ((coalesce((select terms_v.content from "agreement_versions" terms_v where terms_v.agreement_id = "agreements"."id" and terms_v.in_force_from is not null
    order by terms_v.in_force_from < (($3::date)::date + 1)::timestamp at time zone 'UTC' desc, case when terms_v.in_force_from < (($4::date)::date + 1)::timestamp at time zone 'UTC' then terms_v.in_force_from end desc nulls last, terms_v.in_force_from
    limit 1), (select jsonb_build_object(
    'parties', coalesce((select jsonb_agg(jsonb_build_object('institutionId', terms_p.institution_id, 'role', terms_p.role) order by terms_p.institution_id) from "agreement_parties" terms_p where terms_p.agreement_id = terms_a.id), '[]'::jsonb),
    'focusAreas', coalesce((select jsonb_agg(terms_fa.area order by terms_fa.area) from "agreement_focus_areas" terms_fa where terms_fa.agreement_id = terms_a.id), '[]'::jsonb),
    'placesPerYear', terms_a.places_per_year, 'validFrom', terms_a.valid_from, 'validUntil', terms_a.valid_until, 'summary', terms_a.summary)
    from "agreements" terms_a where terms_a.id = "agreements"."id"))->>'validUntil')::date - $5::date)::int from "agreements" where ((coalesce((select terms_v.content from "agreement_versions" terms_v where terms_v.agreement_id = "agreements"."id" and terms_v.in_force_from is not null
    order by terms_v.in_force_from < (($6::date)::date + 1)::timestamp at time zone 'UTC' desc, case when terms_v.in_force_from < (($7::date)::date + 1)::timestamp at time zone 'UTC' then terms_v.in_force_from end desc nulls last, terms_v.in_force_from
    limit 1), (select jsonb_build_object(
    'parties', coalesce((select jsonb_agg(jsonb_build_object('institutionId', terms_p.institution_id, 'role', terms_p.role) order by terms_p.institution_id) from "agreement_parties" terms_p where terms_p.agreement_id = terms_a.id), '[]'::jsonb),
    'focusAreas', coalesce((select jsonb_agg(terms_fa.area order by terms_fa.area) from "agreement_focus_areas" terms_fa where terms_fa.agreement_id = terms_a.id), '[]'::jsonb),
    'placesPerYear', terms_a.places_per_year, 'validFrom', terms_a.valid_from, 'validUntil', terms_a.valid_until, 'summary', terms_a.summary)
    from "agreements" terms_a where terms_a.id = "agreements"."id"))->>'validUntil')::date between $8::date and $9::date + $10::int
    and "agreements"."status" not in ('DRAFT', 'TERMINATED') and "agreements"."id" in (select "parties_on_agreement_id" from (select terms_l.id as "parties_on_agreement_id", (terms_e->>'institutionId')::int as "parties_on_institution_id", (terms_e->>'role')::party_role as "parties_on_role" from "agreements" terms_l cross join lateral jsonb_array_elements(coalesce((select terms_v.content from "agreement_versions" terms_v where terms_v.agreement_id = terms_l.id and terms_v.in_force_from is not null
    order by terms_v.in_force_from < (($11::date)::date + 1)::timestamp at time zone 'UTC' desc, case when terms_v.in_force_from < (($12::date)::date + 1)::timestamp at time zone 'UTC' then terms_v.in_force_from end desc nulls last, terms_v.in_force_from
    limit 1), (select jsonb_build_object(
    'parties', coalesce((select jsonb_agg(jsonb_build_object('institutionId', terms_p.institution_id, 'role', terms_p.role) order by terms_p.institution_id) from "agreement_parties" terms_p where terms_p.agreement_id = terms_a.id), '[]'::jsonb),
    'focusAreas', coalesce((select jsonb_agg(terms_fa.area order by terms_fa.area) from "agreement_focus_areas" terms_fa where terms_fa.agreement_id = terms_a.id), '[]'::jsonb),
    'placesPerYear', terms_a.places_per_year, 'validFrom', terms_a.valid_from, 'validUntil', terms_a.valid_until, 'summary', terms_a.summary)
    from "agreements" terms_a where terms_a.id = terms_l.id))->'parties') terms_e) "parties_on" where "parties_on_institution_id" = $13)) order by (coalesce((select terms_v.content from "agreement_versions" terms_v where terms_v.agreement_id = "agreements"."id" and terms_v.in_force_from is not null
    order by terms_v.in_force_from < (($14::date)::date + 1)::timestamp at time zone 'UTC' desc, case when terms_v.in_force_from < (($15::date)::date + 1)::timestamp at time zone 'UTC' then terms_v.in_force_from end desc nulls last, terms_v.in_force_from
    limit 1), (select jsonb_build_object(
    'parties', coalesce((select jsonb_agg(jsonb_build_object('institutionId', terms_p.institution_id, 'role', terms_p.role) order by terms_p.institution_id) from "agreement_parties" terms_p where terms_p.agreement_id = terms_a.id), '[]'::jsonb),
    'focusAreas', coalesce((select jsonb_agg(terms_fa.area order by terms_fa.area) from "agreement_focus_areas" terms_fa where terms_fa.agreement_id = terms_a.id), '[]'::jsonb),
    'placesPerYear', terms_a.places_per_year, 'validFrom', terms_a.valid_from, 'validUntil', terms_a.valid_until, 'summary', terms_a.summary)
    from "agreements" terms_a where terms_a.id = "agreements"."id"))->>'validUntil')::date asc, "agreements"."id" asc limit $16;
-- parameters: ["2028-06-01","2028-06-01","2028-06-01","2028-06-01","2028-06-01","2028-06-01","2028-06-01","2028-06-01","2028-06-01",365,"2028-06-01","2028-06-01",4,"2028-06-01","2028-06-01",20]
