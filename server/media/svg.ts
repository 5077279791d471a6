// Stand-in artwork for posters and keyframes, drawn from the post's prompt: the console shows the same picture
// for the same post every time, without storing or fetching any media. The output is self-contained SVG: no
// scripts, no external references, no web fonts.

import { hashString, mulberry32 } from "../lib/seeded-random.ts";

export interface MediaPost {
  id: string;
  prompt: string;
}

export const MEDIA_WIDTH = 270;
export const MEDIA_HEIGHT = 480;

// Characters XML 1.0 forbids outright; escaping cannot save them, so they are dropped.
// oxlint-disable-next-line no-control-regex -- matching control characters is the point
const XML_FORBIDDEN = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g;
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/** XML-escapes text for element content and attribute values. */
export function escapeXml(text: string): string {
  return text
    .replace(XML_FORBIDDEN, "")
    .replace(LONE_SURROGATE, "")
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/"/g, "&quot;")
    .replace(/'/g, "&apos;");
}

/** Greedy word wrap by character count, at most `maxLines` lines, with an ellipsis when cut. */
export function wrapCaption(text: string, width: number, maxLines: number): string[] {
  const words = text.replace(/\s+/g, " ").trim().split(" ").filter(Boolean);
  const lines: string[] = [];
  let line = "";
  for (const raw of words) {
    const word = raw.length > width ? `${raw.slice(0, width - 1)}…` : raw;
    if (!line) line = word;
    else if (line.length + 1 + word.length <= width) line += ` ${word}`;
    else {
      lines.push(line);
      line = word;
    }
    if (lines.length === maxLines) break;
  }
  if (line && lines.length < maxLines) lines.push(line);
  const used = lines.join(" ").length;
  if (used < words.join(" ").length && lines.length > 0) {
    const last = lines[lines.length - 1]!;
    lines[lines.length - 1] = `${last.slice(0, Math.max(0, width - 1)).trimEnd()}…`;
  }
  return lines;
}

interface Scene {
  hue: number;
  shapes: {
    kind: "circle" | "rect" | "triangle";
    x: number;
    y: number;
    size: number;
    hue: number;
    drift: number;
    opacity: number;
  }[];
}

function sceneFor(post: MediaPost): Scene {
  const rand = mulberry32(hashString(`${post.id}\n${post.prompt}`));
  const hue = Math.floor(rand() * 360);
  const kinds = ["circle", "rect", "triangle"] as const;
  const shapes = Array.from({ length: 5 + Math.floor(rand() * 4) }, () => ({
    kind: kinds[Math.floor(rand() * kinds.length)]!,
    x: Math.round(rand() * MEDIA_WIDTH),
    y: Math.round(40 + rand() * (MEDIA_HEIGHT - 200)),
    size: Math.round(18 + rand() * 70),
    hue: (hue + 60 + Math.floor(rand() * 240)) % 360,
    drift: Math.round((rand() - 0.5) * 60),
    opacity: Math.round((0.35 + rand() * 0.5) * 100) / 100,
  }));
  return { hue, shapes };
}

function shapeSvg(s: Scene["shapes"][number], frame: number): string {
  const x = s.x + s.drift * frame;
  const y = s.y - Math.round(s.drift * 0.4 * frame);
  const fill = `hsl(${s.hue} 70% 60%)`;
  if (s.kind === "circle")
    return `<circle cx="${x}" cy="${y}" r="${s.size / 2}" fill="${fill}" opacity="${s.opacity}"/>`;
  if (s.kind === "rect") {
    return `<rect x="${x - s.size / 2}" y="${y - s.size / 2}" width="${s.size}" height="${s.size}" rx="6" fill="${fill}" opacity="${s.opacity}" transform="rotate(${(s.drift + frame * 15) % 360} ${x} ${y})"/>`;
  }
  const h = s.size / 2;
  return `<polygon points="${x},${y - h} ${x + h},${y + h} ${x - h},${y + h}" fill="${fill}" opacity="${s.opacity}"/>`;
}

function render(post: MediaPost, frame: number, label: string): string {
  const scene = sceneFor(post);
  const caption = wrapCaption(post.prompt, 30, 4);
  const captionTop = MEDIA_HEIGHT - 24 - caption.length * 18;
  const bg1 = `hsl(${scene.hue} 55% ${22 + frame * 3}%)`;
  const bg2 = `hsl(${(scene.hue + 40) % 360} 60% ${12 + frame * 2}%)`;
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${MEDIA_WIDTH}" height="${MEDIA_HEIGHT}" viewBox="0 0 ${MEDIA_WIDTH} ${MEDIA_HEIGHT}" role="img" aria-label="${escapeXml(label)}">`,
    `<title>${escapeXml(label)}: ${escapeXml(post.prompt.slice(0, 200))}</title>`,
    `<defs><linearGradient id="bg" x1="0" y1="0" x2="0" y2="1"><stop offset="0" stop-color="${bg1}"/><stop offset="1" stop-color="${bg2}"/></linearGradient></defs>`,
    `<rect width="${MEDIA_WIDTH}" height="${MEDIA_HEIGHT}" fill="url(#bg)"/>`,
    ...scene.shapes.map((s) => shapeSvg(s, frame)),
    `<rect x="0" y="${captionTop - 16}" width="${MEDIA_WIDTH}" height="${MEDIA_HEIGHT - captionTop + 16}" fill="#000" opacity="0.55"/>`,
    `<text x="12" y="24" font-family="system-ui, sans-serif" font-size="12" fill="#fff" opacity="0.85">${escapeXml(label)}</text>`,
    ...caption.map(
      (line, i) =>
        `<text x="12" y="${captionTop + i * 18}" font-family="system-ui, sans-serif" font-size="14" fill="#fff">${escapeXml(line)}</text>`,
    ),
    `</svg>`,
  ].join("\n");
}

export function renderPoster(post: MediaPost): string {
  return render(post, 0, post.id);
}

export function renderKeyframe(post: MediaPost, index: number): string {
  return render(post, index + 1, `${post.id} · frame ${index + 1}`);
}
