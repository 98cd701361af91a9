import { redact } from './log-redact'

/**
 * Postline's log: internal failures a person can send to whoever helps them. The API takes a
 * fixed message and a small record of named fields, never an error object, a request or a
 * message: a gaxios error carries request bodies with tokens, a draft carries the person's words.
 * Every line passes through {@link redact} (log-redact.ts) before any sink sees it.
 */
export interface Logger {
  error(message: string, fields?: LogFields): void
  warn(message: string, fields?: LogFields): void
  info(message: string, fields?: LogFields): void
}

export type LogLevel = 'error' | 'warn' | 'info'
export type LogValue = string | number | boolean | null | undefined
/** Safe facts about what happened: a channel, an error's name and message, an error code, a count. */
export type LogFields = Readonly<Record<string, LogValue>>

/** Where finished (redacted) lines go: the log file, the console. */
export type LogSink = (level: LogLevel, line: string) => void

/**
 * Fields whose names say they hold what a person wrote or attached, or a credential: their values
 * are withheld whatever they look like. Keys are compared without `_`, `-` and case.
 */
const WITHHELD_KEY =
  /body|subject|html|text|content|attachment|filename|recipient|password|secret|token|verifier|authorization|cookie/

/** A line longer than this is cut: a field is for a fact, not a document. */
export const MAX_LINE_LENGTH = 4000

/** The message and its fields as one redacted line: `message {"key":"value",…}`. */
export function formatLine(message: string, fields: LogFields = {}): string {
  const safe: Record<string, string | number | boolean | null> = {}
  for (const [key, value] of Object.entries(fields)) {
    if (value === undefined) continue
    safe[key] = WITHHELD_KEY.test(key.replace(/[-_]/g, '').toLowerCase()) ? '[withheld]' : value
  }
  const line = Object.keys(safe).length === 0 ? message : `${message} ${JSON.stringify(safe)}`
  const redacted = redact(line.replace(/[\r\n]+/g, ' '))
  return redacted.length > MAX_LINE_LENGTH ? `${redacted.slice(0, MAX_LINE_LENGTH)}…` : redacted
}

/** A logger that formats and redacts each line once and hands it to every sink. Never throws. */
export function createLogger(...sinks: readonly LogSink[]): Logger {
  const write =
    (level: LogLevel) =>
    (message: string, fields?: LogFields): void => {
      let line: string
      try {
        line = formatLine(message, fields)
      } catch {
        line = redact(message)
      }
      for (const sink of sinks) {
        try {
          sink(level, line)
        } catch {
          // A log that cannot be written must not break what was being logged.
        }
      }
    }
  return { error: write('error'), warn: write('warn'), info: write('info') }
}

/** Writes lines to stderr (errors, warnings) or stdout (info), prefixed with `postline:`. */
export const consoleSink: LogSink = (level, line) => {
  const text = `postline: ${line}`
  if (level === 'error') console.error(text)
  else if (level === 'warn') console.warn(text)
  else console.log(text)
}

/** The logger the core uses when it is given none: the console, through the same redaction. */
export function consoleLogger(): Logger {
  return createLogger(consoleSink)
}

/** How many stack frames {@link errorFields} keeps: where it happened, not the whole story. */
const STACK_FRAMES = 4

/**
 * The fields that describe an error: its name, message, system code (`ENOSPC`) and the first
 * few stack frames (code locations only), never the object itself or its cause, which can hold
 * request bodies and tokens.
 */
export function errorFields(error: unknown): { error: string; errorCode?: string; at?: string } {
  if (!(error instanceof Error)) {
    return { error: typeof error === 'string' ? error : `a thrown ${typeof error}` }
  }
  const fields: { error: string; errorCode?: string; at?: string } = {
    error: `${error.name}: ${error.message}`,
  }
  const code = (error as { code?: unknown }).code
  if (typeof code === 'string' || typeof code === 'number') fields.errorCode = String(code)
  const frames = (error.stack ?? '')
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line.startsWith('at '))
    .slice(0, STACK_FRAMES)
    .map((line) => line.slice(3))
  if (frames.length > 0) fields.at = frames.join(' < ')
  return fields
}
