import type { Context } from "../../context.js";
import { AppError, ErrorCode } from "../../shared/errors.js";
import type { RoleName, Viewer } from "./auth.roles.js";

// Who the caller is and which role it has. Which rows a caller may read is each type's scope, declared
// with the type (<entity>.entity.ts, applied by the read engine on every path); what a mutation may change
// is a permission (permission.ts), checked through require-access.ts.

export function requireViewer(ctx: Context): Viewer {
  if (!ctx.viewer) throw new AppError(ErrorCode.UNAUTHENTICATED, "Sign in: this needs a bearer token", { http: { status: 401 } });
  return ctx.viewer;
}

export function requireRole(ctx: Context, roles: readonly RoleName[]): Viewer {
  const v = requireViewer(ctx);
  if (v.role !== "PLATFORM_ADMIN" && !roles.includes(v.role))
    throw new AppError(ErrorCode.FORBIDDEN, `This needs one of the roles ${["PLATFORM_ADMIN", ...roles].join(", ")}`);
  return v;
}

export function forbidden(message: string): AppError {
  return new AppError(ErrorCode.FORBIDDEN, message);
}

