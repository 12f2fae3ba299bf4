import { LoggerService } from '@nestjs/common';
import { LogLevel } from '../../config/app-config';

const FRAMEWORK_CONTEXTS = new Set(['InstanceLoader', 'RoutesResolver', 'RouterExplorer', 'NestFactory', 'NestApplication']);

const ORDER: Record<LogLevel, number> = { debug: 10, info: 20, warn: 30, error: 40, silent: 99 };

/**
 * One JSON object per line on stdout. Callers pass structured fields; nothing here ever
 * receives a request header or body, so secrets cannot reach the log through it.
 */
export class JsonLogger implements LoggerService {
  constructor(
    private readonly level: LogLevel = 'info',
    private readonly write: (line: string) => void = (line) => process.stdout.write(line + '\n'),
  ) {}

  log(message: unknown, context?: string): void {
    // The framework's start-up chatter (modules loaded, routes mapped) is only useful when debugging.
    this.emit(context && FRAMEWORK_CONTEXTS.has(context) ? 'debug' : 'info', message, context);
  }
  error(message: unknown, stackOrContext?: string, context?: string): void {
    const stack = context !== undefined ? stackOrContext : undefined;
    this.emit('error', message, context ?? stackOrContext, stack ? { stack } : undefined);
  }
  warn(message: unknown, context?: string): void {
    this.emit('warn', message, context);
  }
  debug(message: unknown, context?: string): void {
    this.emit('debug', message, context);
  }
  verbose(message: unknown, context?: string): void {
    this.emit('debug', message, context);
  }

  /** Whether events of this level are written: callers on a hot path check before building fields. */
  enabled(level: LogLevel): boolean {
    return ORDER[level] >= ORDER[this.level];
  }

  /** Structured event: `logger.event('info', 'request', { method, path, status })`. */
  event(level: LogLevel, msg: string, fields: Record<string, unknown>): void {
    if (!this.enabled(level)) return;
    this.write(JSON.stringify({ time: new Date().toISOString(), level, msg, ...fields }));
  }

  /**
   * The service's own life cycle (listening, stopping, stopped): written at every level but
   * `silent`, so that an operator running at `warn` still sees where it listens and that it stopped.
   */
  lifecycle(msg: string, fields: Record<string, unknown>): void {
    if (this.level === 'silent') return;
    this.write(JSON.stringify({ time: new Date().toISOString(), level: 'info', msg, ...fields }));
  }

  private emit(level: LogLevel, message: unknown, context?: string, extra?: Record<string, unknown>): void {
    const fields: Record<string, unknown> = { context, ...extra };
    if (message instanceof Error) {
      this.event(level, message.message, { ...fields, stack: message.stack });
    } else if (typeof message === 'object' && message !== null) {
      this.event(level, String((message as { msg?: unknown }).msg ?? ''), { ...fields, ...message });
    } else {
      this.event(level, String(message), fields);
    }
  }
}
