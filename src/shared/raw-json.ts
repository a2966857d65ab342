import type { FormattedExecutionResult } from "graphql";

/**
 * A response's `data` as the JSON text PostgreSQL wrote (shared/sql-executor.ts), carried to the HTTP
 * response without being parsed into objects and written out again: for the benchmark's dashboard
 * (142 KiB) that round trip was 1.5 ms of the server's CPU per request, and most of its garbage.
 * Anything else that serializes it gets the parsed value (toJSON).
 */
export class RawJson {
  constructor(readonly text: string) {}

  toJSON(): unknown {
    return JSON.parse(this.text);
  }
}

/**
 * Apollo's stringifyResult: what its default does (JSON.stringify, fields in the order errors, data,
 * extensions, a final newline), with a RawJson `data` written as it is.
 */
export function stringifyResult(value: FormattedExecutionResult): string {
  const data = value.data as unknown;
  if (!(data instanceof RawJson)) return JSON.stringify(value) + "\n";
  const parts: string[] = [];
  if (value.errors !== undefined) parts.push(`"errors":${JSON.stringify(value.errors)}`);
  parts.push(`"data":${data.text}`);
  if (value.extensions !== undefined) parts.push(`"extensions":${JSON.stringify(value.extensions)}`);
  return `{${parts.join(",")}}\n`;
}
