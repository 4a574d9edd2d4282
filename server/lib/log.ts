// Structured, quiet-by-default logging: one JSON object per line on stderr, so stdout stays free for the
// CLI banner and log shippers can parse every line. Level from BATON_LOG_LEVEL (debug|info|warn|error|silent).

export type LogLevel = 'debug' | 'info' | 'warn' | 'error' | 'silent';
export type LogFields = Record<string, unknown>;

export interface Logger {
  debug(event: string, fields?: LogFields): void;
  info(event: string, fields?: LogFields): void;
  warn(event: string, fields?: LogFields): void;
  error(event: string, fields?: LogFields): void;
  child(component: string): Logger;
}

const RANK: Record<LogLevel, number> = { debug: 10, info: 20, warn: 30, error: 40, silent: 100 };

export function parseLogLevel(value: string | undefined): LogLevel | undefined {
  const v = value?.trim().toLowerCase();
  return v !== undefined && v in RANK ? (v as LogLevel) : undefined;
}

export interface LoggerOptions {
  level?: LogLevel;
  component?: string;
  write?: (line: string) => void;
}

export function createLogger(options: LoggerOptions = {}): Logger {
  const level = options.level ?? parseLogLevel(process.env['BATON_LOG_LEVEL']) ?? 'warn';
  const write = options.write ?? ((line: string) => process.stderr.write(line + '\n'));
  const component = options.component ?? 'server';
  const emit = (at: Exclude<LogLevel, 'silent'>, event: string, fields?: LogFields) => {
    if (RANK[at] < RANK[level]) return;
    write(JSON.stringify({ t: new Date().toISOString(), level: at, component, event, ...fields }));
  };
  return {
    debug: (e, f) => emit('debug', e, f),
    info: (e, f) => emit('info', e, f),
    warn: (e, f) => emit('warn', e, f),
    error: (e, f) => emit('error', e, f),
    child: (name) => createLogger({ level, write, component: `${component}.${name}` }),
  };
}

export const silentLogger: Logger = createLogger({ level: 'silent' });
