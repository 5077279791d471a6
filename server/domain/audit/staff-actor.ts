// The staff member behind a domain action, as the audit log records them.

export interface StaffActor {
  id: string;
  displayName?: string;
  requestId?: string | null;
  ip?: string | null;
}

export function staffAuditActor(a: StaffActor) {
  return { actorType: "staff" as const, actorId: a.id, requestId: a.requestId ?? null, ip: a.ip ?? null };
}
