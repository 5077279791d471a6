// Loaded with `node --import` into server processes a test starts, so they read the test's clock.
import { shiftDate } from "./test-clock.ts";

const offset = process.env.VIGIL_TEST_CLOCK_OFFSET_MS;
if (offset) shiftDate(Number(offset));
