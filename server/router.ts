// The app router: every staff-facing procedure, `resource.verb`. The client imports only its type.
import { router } from "./trpc.ts";
import { authRouter } from "./routers/auth.ts";
import { caseRouter } from "./routers/case.ts";
import { policyRouter } from "./routers/policy.ts";
import { staffUserRouter } from "./routers/staff-user.ts";
import { auditRouter } from "./routers/audit.ts";
import { takedownRouter } from "./routers/takedown.ts";
import { cameoRouter } from "./routers/cameo.ts";
import { accountRouter } from "./routers/account.ts";
import { hashBankRouter } from "./routers/hash-bank.ts";
import { likenessRouter } from "./routers/likeness.ts";
import { inviteWaveRouter } from "./routers/invite-wave.ts";
import { settingsRouter } from "./routers/settings.ts";
import { outboxRouter } from "./routers/outbox.ts";
import { sorRouter } from "./routers/sor.ts";
import { noticeRouter } from "./routers/notice.ts";
import { sessionRouter } from "./routers/session.ts";
import { secondFactorRouter } from "./routers/second-factor.ts";

export const appRouter = router({
  auth: authRouter,
  case: caseRouter,
  policy: policyRouter,
  staffUser: staffUserRouter,
  audit: auditRouter,
  takedown: takedownRouter,
  cameo: cameoRouter,
  account: accountRouter,
  hashBank: hashBankRouter,
  likeness: likenessRouter,
  inviteWave: inviteWaveRouter,
  settings: settingsRouter,
  outbox: outboxRouter,
  sor: sorRouter,
  notice: noticeRouter,
  session: sessionRouter,
  secondFactor: secondFactorRouter,
});

export type AppRouter = typeof appRouter;
