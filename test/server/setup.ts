// Dates in assertions and generated data are compared in UTC.
process.env.TZ = "UTC";
import { installTestClock } from "../support/test-clock.ts";

installTestClock();
