// The team page: every staff account, highest role first, then by name.
import type { Database } from "../../db/client.ts";
import { staffUserSelect } from "./staff-users.ts";

export function listStaffUsers(db: Database) {
  return db.prisma.staffUser.findMany({ orderBy: [{ role: "desc" }, { displayName: "asc" }], select: staffUserSelect });
}
