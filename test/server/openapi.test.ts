// The published contract must say what the server checks: every event and webhook type is documented, and the
// generated JSON schemas accept and refuse the same events as the zod schemas the server validates with.
import { describe, expect, it } from "vitest";
import { EventBatch, PLATFORM_EVENT_TYPES, PlatformEvent } from "../../server/contracts/platform-events.ts";
import { WEBHOOK_EVENT_TYPES } from "../../server/contracts/platform-webhooks.ts";
import { MatchRequest, MatchResponse } from "../../server/contracts/hash-match.ts";
import { buildOpenApiDocument } from "../../server/platform/openapi.ts";
import { signatureV2, verifySignature } from "../../server/platform/signature.ts";
import type { SignatureExample } from "../../client/features/platform-api/lib/openapi-types.ts";

type Schema = { [key: string]: unknown };

const doc = buildOpenApiDocument({ serverUrl: "https://vigil.example" });
const schemas = (doc.components as { schemas: Record<string, Schema> }).schemas;

function resolve(schema: Schema): Schema {
  const ref = schema.$ref;
  if (typeof ref !== "string") return schema;
  const name = ref.replace("#/components/schemas/", "");
  const target = schemas[name];
  if (!target) throw new Error(`unresolved $ref ${ref}`);
  return resolve(target);
}

/** Where in `value` an `undefined` hides (JSON.stringify would silently drop it). */
function undefinedPaths(value: unknown, path = "$"): string[] {
  if (value === undefined) return [path];
  if (Array.isArray(value)) return value.flatMap((v, i) => undefinedPaths(v, `${path}[${i}]`));
  if (value && typeof value === "object")
    return Object.entries(value).flatMap(([k, v]) => undefinedPaths(v, `${path}.${k}`));
  return [];
}

function refsIn(value: unknown): string[] {
  if (Array.isArray(value)) return value.flatMap(refsIn);
  if (value && typeof value === "object") {
    return Object.entries(value).flatMap(([k, v]) => (k === "$ref" && typeof v === "string" ? [v] : refsIn(v)));
  }
  return [];
}

/**
 * A validator for the JSON Schema keywords the generated document uses (formats are annotations in 2020-12 and
 * are skipped). Returns the first problem, or null. Enough to compare the document's verdict with zod's.
 */
function validate(schema: Schema, value: unknown, path = "$"): string | null {
  const s = resolve(schema);
  if (Array.isArray(s.oneOf)) {
    const matches = (s.oneOf as Schema[]).filter((option) => validate(option, value, path) === null);
    return matches.length === 1 ? null : `${path}: matches ${matches.length} of oneOf`;
  }
  if ("const" in s && value !== s.const) return `${path}: not ${JSON.stringify(s.const)}`;
  if (Array.isArray(s.enum) && !s.enum.includes(value)) return `${path}: not one of the enum`;
  const type = s.type;
  if (type === "object") {
    if (!value || typeof value !== "object" || Array.isArray(value)) return `${path}: not an object`;
    const record = value as Record<string, unknown>;
    for (const key of (s.required as string[] | undefined) ?? [])
      if (!(key in record)) return `${path}.${key}: required`;
    for (const [key, sub] of Object.entries((s.properties as Record<string, Schema> | undefined) ?? {})) {
      if (key in record) {
        const problem = validate(sub, record[key], `${path}.${key}`);
        if (problem) return problem;
      }
    }
    return null;
  }
  if (type === "array") {
    if (!Array.isArray(value)) return `${path}: not an array`;
    if (typeof s.minItems === "number" && value.length < s.minItems) return `${path}: too few items`;
    if (typeof s.maxItems === "number" && value.length > s.maxItems) return `${path}: too many items`;
    for (const [i, item] of value.entries()) {
      const problem = validate(s.items as Schema, item, `${path}[${i}]`);
      if (problem) return problem;
    }
    return null;
  }
  if (type === "string") {
    if (typeof value !== "string") return `${path}: not a string`;
    if (typeof s.minLength === "number" && value.length < s.minLength) return `${path}: too short`;
    if (typeof s.maxLength === "number" && value.length > s.maxLength) return `${path}: too long`;
    if (typeof s.pattern === "string" && !new RegExp(s.pattern, "u").test(value))
      return `${path}: does not match ${s.pattern}`;
    return null;
  }
  if (type === "integer" || type === "number") {
    if (typeof value !== "number" || (type === "integer" && !Number.isInteger(value))) return `${path}: not ${type}`;
    if (typeof s.minimum === "number" && value < s.minimum) return `${path}: below minimum`;
    if (typeof s.maximum === "number" && value > s.maximum) return `${path}: above maximum`;
    return null;
  }
  if (type === "boolean") return typeof value === "boolean" ? null : `${path}: not a boolean`;
  return null;
}

const flag = {
  id: "evt_flag_1",
  type: "flag.raised",
  occurredAt: "2026-11-25T09:30:00Z",
  data: { postId: "post_1", model: "nsfw-v3", category: "nudity", score: 0.93, frames: [{ atMs: 1200, score: 0.97 }] },
};

describe("OpenAPI document", () => {
  it("is OpenAPI 3.1 that survives JSON.stringify unchanged, with every $ref resolvable", () => {
    expect(doc.openapi).toBe("3.1.0");
    expect(doc.info).toMatchObject({ title: "Vigil platform API", version: "1" });
    expect(doc.servers).toEqual([{ url: "https://vigil.example" }]);
    expect(undefinedPaths(doc)).toEqual([]);
    expect(JSON.parse(JSON.stringify(doc))).toEqual(doc);
    for (const ref of refsIn(doc)) {
      const [, section, name] = /^#\/components\/(schemas|parameters)\/(.+)$/.exec(ref) ?? [];
      expect(
        (doc.components as Record<string, Record<string, unknown>>)[section ?? ""]?.[name ?? ""],
        ref,
      ).toBeDefined();
    }
    expect(buildOpenApiDocument()).not.toHaveProperty("servers");
  });

  it("documents every platform event type as its own schema", () => {
    const documented = Object.values(schemas)
      .map((s) => (s.properties as Record<string, Schema> | undefined)?.type?.const)
      .filter((t): t is string => typeof t === "string");
    expect(documented.sort()).toEqual([...PLATFORM_EVENT_TYPES].sort());
    expect(schemas.FlagRaised?.description).toEqual(expect.any(String));
    const union = schemas.PlatformEvent as { oneOf: Schema[]; discriminator: { mapping: Record<string, string> } };
    expect(union.oneOf).toHaveLength(PLATFORM_EVENT_TYPES.length);
    expect(Object.keys(union.discriminator.mapping).sort()).toEqual([...PLATFORM_EVENT_TYPES].sort());
  });

  it("lists the required fields of flag.raised, and leaves defaulted ones optional", () => {
    const data = resolve(schemas.FlagRaised!).properties as Record<string, Schema>;
    expect(resolve(schemas.FlagRaised!).required).toEqual(expect.arrayContaining(["id", "type", "occurredAt", "data"]));
    expect((data.data as Schema).required).toEqual(["postId", "model", "category", "score"]);
    expect(((data.data as Schema).properties as Record<string, Schema>).score).toMatchObject({
      type: "number",
      minimum: 0,
      maximum: 1,
    });
  });

  it("accepts and refuses the same events as the server's validator", () => {
    const samples: unknown[] = [
      flag,
      { ...flag, data: { ...flag.data, score: 1.5 } },
      { ...flag, data: { postId: "post_1", model: "nsfw-v3", score: 0.5 } },
      { ...flag, id: "has spaces" },
      { ...flag, type: "flag.lowered" },
      {
        id: "evt_acct",
        type: "account.upserted",
        occurredAt: "2026-11-25T09:30:00+01:00",
        data: { id: "acct_1", handle: "mira", displayName: "Mira", createdAt: "2026-11-25T09:00:00Z", country: "DE" },
      },
      {
        id: "evt_acct",
        type: "account.upserted",
        occurredAt: "2026-11-25T09:30:00Z",
        data: { id: "acct_1", handle: "mira", displayName: "Mira", createdAt: "yesterday" },
      },
      {
        id: "evt_report",
        type: "report.filed",
        occurredAt: "2026-11-25T09:30:00Z",
        data: { subject: { type: "post", id: "post_1" }, reporterId: "acct_2", reason: "deepfake" },
      },
      {
        id: "evt_report",
        type: "report.filed",
        occurredAt: "2026-11-25T09:30:00Z",
        data: { subject: { type: "comment", id: "c_1" }, reporterId: "acct_2", reason: "deepfake" },
      },
      {
        id: "evt_td",
        type: "takedown.requested",
        occurredAt: "2026-11-25T09:30:00Z",
        data: { requestId: "td_1", legalType: "dmca", authority: "rightsholder", postIds: [] },
      },
    ];
    for (const sample of samples) {
      const zodSaysValid = PlatformEvent.safeParse(sample).success;
      const problem = validate(schemas.PlatformEvent!, sample);
      expect(problem === null, `${JSON.stringify(sample)}: ${problem ?? "valid"}`).toBe(zodSaysValid);
    }
    expect(validate(schemas.PlatformEvent!, flag)).toBeNull();
    expect(validate(schemas.EventBatch!, { events: [] })).toMatch(/too few/);
  });

  it("documents every webhook event type", () => {
    const type = (schemas.WebhookEvent!.properties as Record<string, Schema>).type as {
      enum: string[];
      "x-enumDescriptions": Record<string, string>;
    };
    expect(type.enum).toEqual([...WEBHOOK_EVENT_TYPES]);
    expect(Object.keys(type["x-enumDescriptions"]).sort()).toEqual([...WEBHOOK_EVENT_TYPES].sort());
    const decision = (doc.webhooks as Record<string, { post: Schema }>).decision!.post;
    expect(decision.requestBody).toMatchObject({
      content: { "application/json": { schema: { $ref: "#/components/schemas/WebhookEvent" } } },
    });
    const headerNames = (decision.parameters as Schema[]).map(
      (p) =>
        (p.$ref
          ? (doc.components as { parameters: Record<string, Schema> }).parameters[String(p.$ref).split("/").pop()!]!
          : p
        ).name,
    );
    expect(headerNames).toEqual(["X-Vigil-Key-Id", "X-Vigil-Timestamp", "X-Vigil-Signature", "X-Vigil-Event-Id"]);
  });

  it("documents the events endpoint's answers, its signature headers and a worked signature that verifies", () => {
    const paths = doc.paths as Record<string, Record<string, Schema>>;
    const post = paths["/api/v1/events"]!.post!;
    expect(Object.keys(post.responses as object)).toEqual(
      expect.arrayContaining(["200", "400", "401", "413", "429", "503"]),
    );
    const responses = post.responses as Record<string, Schema>;
    expect(responses["429"]).toHaveProperty("headers.Retry-After");
    expect(responses["200"]).toMatchObject({
      content: { "application/json": { schema: { $ref: "#/components/schemas/EventBatchResponse" } } },
    });
    expect(paths["/api/v1/openapi.json"]!.get).toMatchObject({ security: [] });

    const schemes = (doc.components as { securitySchemes: Record<string, Schema> }).securitySchemes;
    expect(Object.values(schemes).map((s) => [s.type, s.in, s.name])).toEqual([
      ["apiKey", "header", "X-Vigil-Key-Id"],
      ["apiKey", "header", "X-Vigil-Timestamp"],
      ["apiKey", "header", "X-Vigil-Signature"],
    ]);
    const example = schemes.VigilSignature!["x-worked-example"] as SignatureExample;
    expect(example).toMatchObject({ method: "POST", path: "/api/v1/events" });
    expect(example.signedString).toBe(`v2\n${example.timestamp}\nPOST\n/api/v1/events\n${example.body}`);
    expect(example.headers["X-Vigil-Signature"]).toBe(signatureV2(example.secret, example.timestamp, example));
    const check = verifySignature(
      new Map([[example.keyId, example.secret]]),
      {
        keyId: example.headers["X-Vigil-Key-Id"],
        timestamp: example.headers["X-Vigil-Timestamp"],
        signature: example.headers["X-Vigil-Signature"],
      },
      { method: "POST", path: "/api/v1/events", body: Buffer.from(example.body) },
      new Date(example.timestamp * 1000),
      { v1: "refuse" },
    );
    expect(check).toEqual({ ok: true, keyId: example.keyId, scheme: "v2" });
    expect(EventBatch.safeParse(JSON.parse(example.body)).success).toBe(true);
  });
  it("documents the match endpoint: its request, its answer keyed by bank, its errors and examples the server takes", () => {
    const post = (doc.paths as Record<string, Record<string, Schema>>)["/api/v1/match"]!.post!;
    expect(post.operationId).toBe("matchHash");
    const body = (post.requestBody as { content: Record<string, { schema: Schema; examples: Record<string, Schema> }> })
      .content["application/json"]!;
    expect(body.schema).toEqual({ $ref: "#/components/schemas/MatchRequest" });
    const responses = post.responses as Record<string, { content?: Record<string, Schema>; headers?: Schema }>;
    expect(Object.keys(responses).sort()).toEqual(["200", "400", "401", "413", "429", "503"]);
    expect(responses["200"]!.content!["application/json"]).toMatchObject({
      schema: { $ref: "#/components/schemas/MatchResponse" },
    });
    expect(responses["400"]!.content!["application/json"]).toMatchObject({
      schema: { $ref: "#/components/schemas/FieldError" },
    });
    expect(responses["429"]).toHaveProperty("headers.Retry-After");

    // the examples are what the server takes and answers
    const examples = Object.values(body.examples).map((e) => e.value);
    expect(examples).toHaveLength(3);
    for (const value of examples) {
      expect(MatchRequest.safeParse(value).success, JSON.stringify(value)).toBe(true);
      expect(validate(schemas.MatchRequest!, value)).toBeNull();
    }
    const answer = responses["200"]!.content!["application/json"]!.example;
    expect(MatchResponse.safeParse(answer).success).toBe(true);

    // the request schema refuses what zod refuses
    const request = resolve(schemas.MatchRequest!);
    expect(request.required).toEqual(["signal_type"]);
    expect(request.additionalProperties).toBe(false);
    for (const sample of [
      { signal_type: "md5", signal: "ab" },
      { signal_type: "vpdq", frames: [] },
      { signal_type: "vpdq", frames: [{ pdq: "zz", quality: 90 }] },
      { signal_type: "vpdq", frames: [{ pdq: "a".repeat(64), quality: 101 }] },
      { signal: "a".repeat(64) },
    ]) {
      expect(MatchRequest.safeParse(sample).success).toBe(false);
      expect(validate(schemas.MatchRequest!, sample), JSON.stringify(sample)).not.toBeNull();
    }
    const result = (resolve(schemas.MatchResponse!).additionalProperties as Schema).items as Schema;
    expect((result.properties as Record<string, Schema>).action).toMatchObject({
      enum: ["review", "hold", "take_down", "suppress"],
    });
    expect(result.required).toEqual(expect.arrayContaining(["bank_content_id", "entry_id", "distance", "action"]));
    expect(String(post.description)).toContain("automatically");
  });
});
