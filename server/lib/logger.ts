// Structured JSON logs. Redaction is a backstop: request bodies, cookies and passwords are never passed in.
import pino from "pino";

export type Logger = pino.Logger;

export function createLogger(
  level: string = process.env.VIGIL_LOG_LEVEL ?? "info",
  destination?: pino.DestinationStream,
): Logger {
  const options: pino.LoggerOptions = {
    level,
    base: { service: "vigil" },
    timestamp: pino.stdTimeFunctions.isoTime,
    redact: {
      paths: ["password", "*.password", "headers.cookie", "*.headers.cookie", "cookie", "token", "*.token"],
      censor: "[redacted]",
    },
  };
  return destination ? pino(options, destination) : pino(options);
}

export const silentLogger = pino({ level: "silent" });
