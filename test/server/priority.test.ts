import { describe, it, expect } from "vitest";
import {
  CATEGORIES,
  PRIORITY_WEIGHTS,
  computePriority,
  queueSlaHours,
  reporterAccuracy,
  severityForCategory,
  type PriorityInput,
} from "../../server/domain/cases/priority.ts";
import { QueueKind } from "../../server/db/generated/enums.ts";

const base: PriorityInput = {
  severity: 3,
  maxScore: 0.5,
  reporters: [{ reportsFiled: 4, reportsActioned: 2 }],
  reach: { views: 1_000, remixes: 2 },
  hoursToDeadline: 24,
};

const score = (patch: Partial<PriorityInput>) => computePriority({ ...base, ...patch }).score;

function expectIncreasing(values: number[]) {
  for (let i = 1; i < values.length; i++) expect(values[i]!).toBeGreaterThan(values[i - 1]!);
}

describe("computePriority", () => {
  it("rises with severity", () => {
    expectIncreasing([1, 2, 3, 4, 5].map((severity) => score({ severity })));
  });

  it("rises with the classifier score, and no flag counts as zero", () => {
    expect(score({ maxScore: null })).toBe(score({ maxScore: 0 }));
    expectIncreasing([0, 0.25, 0.5, 0.75, 0.99].map((maxScore) => score({ maxScore })));
  });

  it("rises with more reporters and with more accurate reporters", () => {
    const newbie = { reportsFiled: 0, reportsActioned: 0 };
    expectIncreasing([0, 1, 2, 4, 8].map((n) => score({ reporters: Array.from({ length: n }, () => newbie) })));
    expectIncreasing(
      [0, 5, 10, 18, 20].map((actioned) => score({ reporters: [{ reportsFiled: 20, reportsActioned: actioned }] })),
    );
  });

  it("rises with views and with remixes", () => {
    expectIncreasing([0, 10, 1_000, 100_000, 5_000_000].map((views) => score({ reach: { views, remixes: 0 } })));
    expectIncreasing([0, 1, 10, 100].map((remixes) => score({ reach: { views: 500, remixes } })));
  });

  it("rises as the deadline nears, is highest when overdue, and ignores a missing deadline", () => {
    expectIncreasing([240, 72, 24, 6, 1].map((hoursToDeadline) => score({ hoursToDeadline })));
    expect(score({ hoursToDeadline: -5 })).toBeGreaterThan(score({ hoursToDeadline: 1 }));
    expect(score({ hoursToDeadline: -5 })).toBe(score({ hoursToDeadline: -50 }));
    expect(score({ hoursToDeadline: null })).toBeLessThan(score({ hoursToDeadline: 240 }));
  });

  it("explains itself: the points add up to the score and stay within their weights", () => {
    for (const input of [
      base,
      { ...base, severity: 5, maxScore: 0.99, hoursToDeadline: -3, reach: { views: 9_000_000, remixes: 4_000 } },
      { severity: 1, maxScore: null, reporters: [], reach: { views: 0, remixes: 0 }, hoursToDeadline: null },
    ]) {
      const { score: s, components } = computePriority(input);
      const sum = Object.values(components).reduce((t, c) => t + c.points, 0);
      expect(s).toBeCloseTo(sum, 6);
      for (const [name, c] of Object.entries(components)) {
        expect(c.weight).toBe(PRIORITY_WEIGHTS[name as keyof typeof PRIORITY_WEIGHTS]);
        expect(c.value).toBeGreaterThanOrEqual(0);
        expect(c.value).toBeLessThanOrEqual(1);
        expect(c.points).toBeLessThanOrEqual(c.weight);
        expect(c.detail.length).toBeGreaterThan(0);
      }
      expect(s).toBeGreaterThanOrEqual(0);
      expect(s).toBeLessThanOrEqual(100);
    }
  });

  it("survives nonsense input without NaN", () => {
    const { score: s } = computePriority({
      severity: Number.NaN,
      maxScore: 7,
      reporters: [{ reportsFiled: -3, reportsActioned: 99 }],
      reach: { views: -1, remixes: Number.POSITIVE_INFINITY },
      hoursToDeadline: Number.NaN,
    });
    expect(Number.isFinite(s)).toBe(true);
  });
});

describe("reporterAccuracy", () => {
  it("counts a new reporter as 0.5 and moves with their record", () => {
    expect(reporterAccuracy({ reportsFiled: 0, reportsActioned: 0 })).toBe(0.5);
    expect(reporterAccuracy({ reportsFiled: 50, reportsActioned: 45 })).toBeGreaterThan(0.85);
    expect(reporterAccuracy({ reportsFiled: 50, reportsActioned: 2 })).toBeLessThan(0.1);
  });
});

describe("severityForCategory and queueSlaHours", () => {
  it("maps every category to 1–5, critical harms highest", () => {
    for (const c of CATEGORIES) {
      expect(severityForCategory(c)).toBeGreaterThanOrEqual(1);
      expect(severityForCategory(c)).toBeLessThanOrEqual(5);
    }
    expect(severityForCategory("csam_suspected")).toBe(5);
    expect(severityForCategory("ncii")).toBe(5);
    expect(severityForCategory("spam")).toBe(1);
    expect(severityForCategory("something_new")).toBe(3);
    expect(severityForCategory(null)).toBe(3);
  });

  it("has a positive SLA for every queue", () => {
    for (const q of Object.values(QueueKind)) expect(queueSlaHours[q]).toBeGreaterThan(0);
  });
});
