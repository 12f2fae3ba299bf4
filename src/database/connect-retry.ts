import { isDatabaseUnavailable } from './driver-errors';

/** The database could not be reached within DB_CONNECT_TIMEOUT_SECONDS. */
export class DatabaseUnreachableError extends Error {
  constructor(seconds: number, cause: unknown) {
    super(
      `the database did not answer within ${seconds} s (DB_CONNECT_TIMEOUT_SECONDS): ${cause instanceof Error ? cause.message : String(cause)}`,
    );
    this.name = 'DatabaseUnreachableError';
  }
}

/**
 * Runs `connect` until it succeeds, retrying with a growing pause (0.5 s doubling to 5 s) while
 * the database is unreachable, for at most `timeoutSeconds`. Any other failure (a wrong
 * password, a missing database) is thrown at once: waiting would not fix it.
 */
export async function withConnectRetry<T>(timeoutSeconds: number, connect: () => Promise<T>): Promise<T> {
  const deadline = Date.now() + timeoutSeconds * 1000;
  for (let pause = 500; ; pause = Math.min(pause * 2, 5000)) {
    try {
      return await connect();
    } catch (error) {
      if (!isDatabaseUnavailable(error)) throw error;
      if (Date.now() + pause > deadline) throw new DatabaseUnreachableError(timeoutSeconds, error);
      await new Promise((resolve) => setTimeout(resolve, pause));
    }
  }
}
