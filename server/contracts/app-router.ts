// The router's type, for the console's typed client. A type only: nothing of the server reaches the bundle.
export type { AppRouter } from "../router.ts";
