// Dates in assertions and generated data are compared in UTC.
process.env.TZ = "UTC";
import { installTestClock } from "../support/test-clock.ts";

installTestClock();

// The audit chain is keyed in every test, as on a real server.
import { useTestAuditSeal } from "../support/audit.ts";
useTestAuditSeal();
