/**
 * The bench's own failures: a BenchError names the step that failed and may carry the end of that
 * step's log; describeError turns any thrown value into the message printed after "bench: FAILED:".
 */

export class BenchError extends Error {
  /** The end of a build or preview log, shown with the error. */
  logTail?: string;
  constructor(message: string, options?: { cause?: unknown; logTail?: string }) {
    super(message, options);
    this.name = 'BenchError';
    this.logTail = options?.logTail;
  }
}

/**
 * The message, its causes (up to six deep) and the log tail of a BenchError. An unexpected error
 * (not a BenchError) also gets its stack, since it points at a bug in the bench itself.
 */
export function describeError(error: unknown): string {
  const parts: string[] = [];
  let current: unknown = error;
  for (let depth = 0; current && depth < 6; depth++) {
    if (current instanceof Error) {
      parts.push(depth === 0 ? current.message : `caused by: ${current.stack ?? current.message}`);
      if (current instanceof BenchError && current.logTail) parts.push(`── end of the log ──\n${current.logTail}`);
      current = current.cause;
    } else {
      parts.push(String(current));
      break;
    }
  }
  if (!(error instanceof BenchError) && error instanceof Error && error.stack) parts.push(error.stack);
  return parts.join('\n');
}
