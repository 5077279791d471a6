// The simulator's pieces, for tests and tools that drive it in-process instead of through `npm run simulate`.
export { createTraffic, type Traffic, type TrafficOptions } from "./traffic.ts";
export { World, type AdverseDecision, type SimAccount, type SimCameo, type SimPost } from "./world.ts";
export {
  BatchRefusedError,
  ServerUnreachableError,
  createSender,
  type EventBatchResponse,
  type Sender,
  type SenderOptions,
  type SenderStats,
} from "./sender.ts";
export {
  WEBHOOK_PATH,
  parseWebhookMode,
  startReceiver,
  type OrderingViolation,
  type Receiver,
  type ReceiverOptions,
  type ReceiverStats,
  type WebhookMode,
} from "./receiver.ts";
export {
  screenUpload,
  startSimulation,
  type Simulation,
  type SimulationOptions,
  type SimulationResult,
} from "./run.ts";
export {
  createMatchCheck,
  type MatchCheck,
  type MatchCheckOptions,
  type MatchCheckStats,
  type MatchVerdict,
} from "./match-check.ts";
export { statusLine, summary, type StatusSources } from "./status.ts";
export { resolveKeys, type ResolvedKeys } from "./keys.ts";
