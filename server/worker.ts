// `npm run worker`: the background loops alone (VIGIL_ROLE=worker), serving no HTTP, so they scale apart from
// the web processes. Everything else is configured as for `npm start`.
process.env.VIGIL_ROLE = "worker";
void import("./main.ts");
