import type { Writable } from 'node:stream';
import type { Redactor } from './redact';

export type LogLevel = 'debug' | 'info' | 'warn' | 'error';
const LEVELS: Record<LogLevel, number> = { debug: 10, info: 20, warn: 30, error: 40 };

export interface LogRecord {
  time: string;
  level: LogLevel;
  runId: string;
  msg: string;
  [field: string]: unknown;
}

export interface LoggerOptions {
  redactor: Redactor;
  /** JSON Lines for schedulers; otherwise one human line per record. */
  json: boolean;
  level?: LogLevel;
  out?: Writable;
  /** Extra sinks (the run's log file, the UI's log tail); they receive redacted records only. */
  sinks?: Array<(record: LogRecord) => void>;
}

/** Structured logger: every line carries the run id, and every line is redacted before it leaves. */
export class Logger {
  constructor(
    private readonly options: LoggerOptions,
    readonly runId: string,
    private readonly bound: Record<string, unknown> = {},
  ) {}

  /** A logger for another run (or sub-task) sharing the same outputs. */
  child(fields: Record<string, unknown>, runId = this.runId): Logger {
    return new Logger(this.options, runId, { ...this.bound, ...fields });
  }

  addSink(sink: (record: LogRecord) => void): () => void {
    const sinks = this.options.sinks ?? [];
    this.options.sinks = sinks;
    sinks.push(sink);
    return () => sinks.splice(sinks.indexOf(sink) >>> 0, 1);
  }

  debug(msg: string, fields?: Record<string, unknown>): void {
    this.write('debug', msg, fields);
  }
  info(msg: string, fields?: Record<string, unknown>): void {
    this.write('info', msg, fields);
  }
  warn(msg: string, fields?: Record<string, unknown>): void {
    this.write('warn', msg, fields);
  }
  error(msg: string, fields?: Record<string, unknown>): void {
    this.write('error', msg, fields);
  }

  private write(level: LogLevel, msg: string, fields: Record<string, unknown> = {}): void {
    if (LEVELS[level] < LEVELS[this.options.level ?? 'info']) return;
    const scrubbed = this.options.redactor.scrub({ ...this.bound, ...fields }) as Record<string, unknown>;
    const record: LogRecord = {
      ...scrubbed,
      time: new Date().toISOString(),
      level,
      runId: this.runId,
      msg: this.options.redactor.scrubText(msg),
    };
    const out = this.options.out ?? process.stderr;
    out.write(`${this.options.json ? JSON.stringify(record) : formatHuman(record)}\n`);
    for (const sink of this.options.sinks ?? []) sink(record);
  }
}

function formatHuman(record: LogRecord): string {
  const { time, level, runId, msg, ...fields } = record;
  const extra = Object.entries(fields)
    .map(([key, value]) => `${key}=${typeof value === 'string' ? value : JSON.stringify(value)}`)
    .join(' ');
  return `${time.slice(11, 19)} ${level.toUpperCase().padEnd(5)} [${runId}] ${msg}${extra ? ` ${extra}` : ''}`;
}

/** Short sortable run ids: 20261129T061500Z-ab12. */
export function newRunId(now = new Date()): string {
  const stamp = now
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d+Z$/, 'Z');
  return `${stamp}-${Math.random().toString(16).slice(2, 6)}`;
}
