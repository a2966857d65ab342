-- Agreement codes are unique whatever their case (createAgreement compares them so too and answers CONFLICT naming
-- input.code). Fails if two agreements already share a code in another case: rename one first.
CREATE UNIQUE INDEX "agreements_code_ci" ON "agreements" USING btree (lower("code"));