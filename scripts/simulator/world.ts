// The simulated platform's own state: what it has published and what Vigil has told it to do. The traffic
// generator reads it to stay plausible (suspended accounts stop posting, taken-down posts stop collecting
// reports); the webhook receiver writes Vigil's decisions into it.
import type { WebhookEvent } from "../../server/contracts/platform-webhooks.ts";
import type { Category } from "../../server/domain/cases/priority.ts";
import type { Rng } from "./random.ts";

export interface SimAccount {
  id: string;
  handle: string;
  displayName: string;
  country: string;
  createdAt: string;
  status: "active" | "suspended" | "deleted";
  warnings: number;
  cameoId?: string;
}

export interface SimPost {
  id: string;
  creatorId: string;
  cameoIds: string[];
  visibility: "public" | "held" | "taken_down" | "deleted";
  views: number;
  remixes: number;
  contentHash: string;
  phashes: string[];
  durationMs: number;
  /** what is wrong with it, if anything: classifiers and reporters notice these */
  problem?: Category;
}

export interface SimCameo {
  id: string;
  ownerId: string;
  permission: "only_me" | "approved" | "mutuals" | "everyone";
  status: "active" | "disabled";
  restrictions?: string;
  verifiedAt?: string;
  createdAt: string;
  /** grantee account id → grant id, active grants only */
  grants: Map<string, string>;
  postIds: string[];
}

/** A decision Vigil told the platform about, which the affected user may appeal. */
export interface AdverseDecision {
  decisionId: string;
  appellantId: string;
}

export type ApplyOutcome = "applied" | "unknown_subject";

const ADVERSE = new Set(["post.taken_down", "post.held", "cameo.disabled", "account.warned", "account.suspended"]);
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export class World {
  readonly accounts: SimAccount[] = [];
  readonly posts: SimPost[] = [];
  readonly cameos: SimCameo[] = [];
  readonly accountById = new Map<string, SimAccount>();
  readonly postById = new Map<string, SimPost>();
  readonly cameoById = new Map<string, SimCameo>();
  /** grant id → where it lives, so a revocation by grant id finds it */
  readonly grantById = new Map<string, { cameoId: string; granteeId: string }>();
  /** "cameoId granteeId" → grant id: a pair keeps its grant id when access is given again after a revocation */
  readonly grantIdByPair = new Map<string, string>();
  /** ids of posts with a problem, so signals can concentrate on them as they do on a real platform */
  readonly troubled: string[] = [];
  /** decisions received and not yet considered for an appeal by the traffic generator */
  readonly newDecisions: AdverseDecision[] = [];

  addAccount(account: SimAccount): void {
    this.accounts.push(account);
    this.accountById.set(account.id, account);
  }

  addPost(post: SimPost): void {
    this.posts.push(post);
    this.postById.set(post.id, post);
    if (post.problem) this.troubled.push(post.id);
  }

  addCameo(cameo: SimCameo): void {
    this.cameos.push(cameo);
    this.cameoById.set(cameo.id, cameo);
  }

  activeAccount(rng: Rng, except?: string): SimAccount | undefined {
    return this.tryPick(rng, this.accounts, (a) => a.status === "active" && a.id !== except);
  }

  /** A public post; recent posts are likelier, as on a feed. */
  publicPost(rng: Rng, filter: (p: SimPost) => boolean = () => true): SimPost | undefined {
    const recent = this.posts.length > 300 && rng.chance(0.7) ? this.posts.slice(-300) : this.posts;
    return this.tryPick(rng, recent, (p) => p.visibility === "public" && filter(p));
  }

  troubledPost(rng: Rng, filter: (p: SimPost) => boolean = () => true): SimPost | undefined {
    const recent = this.troubled.length > 200 ? this.troubled.slice(-200) : this.troubled;
    const id = this.tryPick(rng, recent, (pid) => {
      const p = this.postById.get(pid);
      return !!p && p.visibility === "public" && filter(p);
    });
    return id ? this.postById.get(id) : undefined;
  }

  /** A problem post that Vigil already had removed or held: the source of re-uploads. */
  removedPost(rng: Rng): SimPost | undefined {
    const id = this.tryPick(rng, this.troubled, (pid) => {
      const v = this.postById.get(pid)?.visibility;
      return v === "taken_down" || v === "held";
    });
    return id ? this.postById.get(id) : undefined;
  }

  activeCameo(rng: Rng, filter: (c: SimCameo) => boolean = () => true): SimCameo | undefined {
    return this.tryPick(rng, this.cameos, (c) => c.status === "active" && filter(c));
  }

  /** Cameos `accountId` may put in a post under the owner's permission setting. */
  usableCameos(accountId: string): SimCameo[] {
    const own = this.accountById.get(accountId)?.cameoId;
    return this.cameos.filter(
      (c) =>
        c.status === "active" &&
        (c.id === own || c.permission === "everyone" || (c.permission !== "only_me" && c.grants.has(accountId))),
    );
  }

  /** Applies one of Vigil's decisions, as the platform would. */
  applyWebhook(event: WebhookEvent): ApplyOutcome {
    const { type, subject } = event;
    let appellantId: string | undefined;
    if (subject.type === "post") {
      const post = this.postById.get(subject.id);
      if (!post) return "unknown_subject";
      if (post.visibility !== "deleted") {
        if (type === "post.taken_down") post.visibility = "taken_down";
        else if (type === "post.held") post.visibility = "held";
        else if (type === "post.restored") post.visibility = "public";
      }
      appellantId = post.creatorId;
    } else if (subject.type === "account") {
      const account = this.accountById.get(subject.id);
      if (!account) return "unknown_subject";
      if (type === "account.warned") account.warnings++;
      else if (type === "account.suspended" && account.status === "active") account.status = "suspended";
      else if (type === "account.reinstated" && account.status === "suspended") account.status = "active";
      appellantId = account.id;
    } else if (subject.type === "cameo") {
      const cameo = this.cameoById.get(subject.id);
      if (!cameo) return "unknown_subject";
      if (type === "cameo.disabled") cameo.status = "disabled";
      else if (type === "cameo.reinstated") cameo.status = "active";
      appellantId = cameo.ownerId;
    } else if (subject.type === "cameo_grant") {
      const grant = this.grantById.get(subject.id);
      if (!grant) return "unknown_subject";
      if (type === "cameo.grant.revoked") this.cameoById.get(grant.cameoId)?.grants.delete(grant.granteeId);
    }
    // Invite codes are not modelled here: the receiver counts them and that is all the platform needs to do.
    const decisionId = event.data.decisionId;
    if (ADVERSE.has(type) && appellantId && typeof decisionId === "string" && UUID.test(decisionId)) {
      this.newDecisions.push({ decisionId, appellantId });
    }
    return "applied";
  }

  private tryPick<T>(rng: Rng, items: readonly T[], ok: (item: T) => boolean): T | undefined {
    if (items.length === 0) return undefined;
    // A few random tries keep picking O(1) as the world grows; a miss just means a different event is sent.
    for (let i = 0; i < 12; i++) {
      const item = rng.pick(items);
      if (ok(item)) return item;
    }
    return undefined;
  }
}
