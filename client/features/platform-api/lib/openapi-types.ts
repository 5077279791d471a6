// The part of an OpenAPI 3.1 document (and of JSON Schema 2020-12) the docs page reads.

export interface JsonSchema {
  $ref?: string;
  type?: string | string[];
  const?: unknown;
  enum?: unknown[];
  format?: string;
  pattern?: string;
  minLength?: number;
  maxLength?: number;
  minimum?: number;
  maximum?: number;
  minItems?: number;
  maxItems?: number;
  default?: unknown;
  description?: string;
  properties?: Record<string, JsonSchema>;
  required?: string[];
  items?: JsonSchema;
  oneOf?: JsonSchema[];
  anyOf?: JsonSchema[];
  additionalProperties?: JsonSchema | boolean;
  /** value → what it means, for enums */
  "x-enumDescriptions"?: Record<string, string>;
}

export interface OpenApiParameter {
  $ref?: string;
  name: string;
  in: string;
  required?: boolean;
  description?: string;
  schema?: JsonSchema;
}

export interface OpenApiResponse {
  description: string;
  content?: Record<string, { schema?: JsonSchema }>;
  headers?: Record<string, { description?: string; schema?: JsonSchema }>;
}

export interface OpenApiOperation {
  operationId?: string;
  summary?: string;
  description?: string;
  parameters?: OpenApiParameter[];
  requestBody?: { required?: boolean; content: Record<string, { schema?: JsonSchema }> };
  responses: Record<string, OpenApiResponse>;
  /** an empty list: no signature needed */
  security?: Record<string, string[]>[];
}

export interface SignatureExample {
  keyId: string;
  secret: string;
  timestamp: number;
  method: string;
  path: string;
  body: string;
  signedString: string;
  headers: Record<string, string>;
}

export interface SecurityScheme {
  type: string;
  in?: string;
  name?: string;
  description?: string;
  "x-worked-example"?: SignatureExample;
}

export type PathItem = Record<string, OpenApiOperation>;

export interface OpenApiDocument {
  openapi: string;
  info: { title: string; version: string; description?: string };
  paths: Record<string, PathItem>;
  webhooks?: Record<string, PathItem>;
  components: {
    schemas: Record<string, JsonSchema>;
    parameters?: Record<string, OpenApiParameter>;
    securitySchemes?: Record<string, SecurityScheme>;
  };
}
