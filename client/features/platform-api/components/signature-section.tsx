// How a request is signed, with an example the reader can recompute to check their own signing code.
import type { OpenApiDocument, SecurityScheme, SignatureExample } from "../lib/openapi-types.ts";
import { InlineCode } from "./prose.tsx";

// What the platform runs is up to it; Node is the shortest way to show the exact bytes that are signed.
const NODE_SNIPPET = `import crypto from "node:crypto";

const body = JSON.stringify(batch); // send exactly these bytes
const path = "/api/v1/events"; // with its query string, as sent
const timestamp = Math.floor(Date.now() / 1000);
const signed = \`v2\\n\${timestamp}\\nPOST\\n\${path}\\n\${body}\`;
const signature = "v2=" + crypto.createHmac("sha256", secret).update(signed).digest("hex");

await fetch(\`\${vigilUrl}\${path}\`, {
  method: "POST",
  headers: { "content-type": "application/json", "X-Vigil-Key-Id": keyId, "X-Vigil-Timestamp": String(timestamp), "X-Vigil-Signature": signature },
  body,
});`;

export function SignatureSection({ doc }: { doc: OpenApiDocument }) {
  const schemes = Object.values(doc.components.securitySchemes ?? {}).filter(
    (s): s is SecurityScheme & { name: string } => s.type === "apiKey" && s.in === "header" && !!s.name,
  );
  const example = schemes.find((s) => s["x-worked-example"])?.["x-worked-example"];

  return (
    <section className="panel doc-section" aria-labelledby="signing">
      <h2 id="signing">Signing</h2>
      <p>
        Every request the platform sends to Vigil, and every webhook Vigil sends to the platform, carries these headers.
        A request whose signature does not match its method, its path and query, and its exact body bytes, or whose
        timestamp is too far from the receiver's clock, is refused.
      </p>
      <dl className="doc-definitions">
        {schemes.map((scheme) => (
          <div key={scheme.name}>
            <dt>
              <code>{scheme.name}</code>
            </dt>
            <dd>
              <InlineCode text={scheme.description ?? ""} />
            </dd>
          </div>
        ))}
      </dl>
      {example ? <WorkedExample example={example} /> : null}
      <h3>In code</h3>
      <pre className="code-block">
        <code>{NODE_SNIPPET}</code>
      </pre>
    </section>
  );
}

function WorkedExample({ example }: { example: SignatureExample }) {
  return (
    <>
      <h3>Worked example</h3>
      <p>
        With key <code>{example.keyId}</code> whose secret is <code>{example.secret}</code>, signing{" "}
        <code>{`${example.method} ${example.path}`}</code> at <code>{example.timestamp}</code> with this body:
      </p>
      <pre className="code-block">
        <code>{example.body}</code>
      </pre>
      <p>
        HMAC-SHA256 is computed over <code>v2</code>, the timestamp, the method, the path and the raw body, each
        followed by a line feed except the body — this exact string, with nothing else added:
      </p>
      <pre className="code-block">
        <code>{example.signedString}</code>
      </pre>
      <p>and the request carries:</p>
      <pre className="code-block">
        <code>
          {Object.entries(example.headers)
            .map(([name, value]) => `${name}: ${value}`)
            .join("\n")}
        </code>
      </pre>
    </>
  );
}
