import { Inject, Injectable } from '@nestjs/common';
import { AppConfig } from '../config/app-config';
import { APP_CONFIG } from '../config/config.module';

const MAX_TRACKED_CLIENTS = 50000;

/**
 * Counts failed client authentications per client id in a fixed window; past the limit the
 * client is refused until the window ends, even with the right secret. Kept per instance:
 * with N instances a client gets at most N × the limit, which still defeats guessing a
 * 256-bit secret.
 */
@Injectable()
export class FailedAttemptsLimiter {
  private readonly windows = new Map<string, { failures: number; resetAt: number }>();

  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {}

  /** Seconds until the client may try again, or 0 when it may try now. */
  retryAfterSeconds(clientId: string, now = Date.now()): number {
    const window = this.windows.get(clientId);
    if (!window || window.resetAt <= now) return 0;
    return window.failures >= this.config.oauth.failedAttemptsLimit ? Math.ceil((window.resetAt - now) / 1000) : 0;
  }

  recordFailure(clientId: string, now = Date.now()): void {
    let window = this.windows.get(clientId);
    if (!window || window.resetAt <= now) {
      if (this.windows.size >= MAX_TRACKED_CLIENTS) this.evictExpired(now);
      window = { failures: 0, resetAt: now + this.config.oauth.failedAttemptsWindowSeconds * 1000 };
      this.windows.set(clientId, window);
    }
    window.failures += 1;
  }

  recordSuccess(clientId: string): void {
    this.windows.delete(clientId);
  }

  private evictExpired(now: number): void {
    for (const [key, window] of this.windows) if (window.resetAt <= now) this.windows.delete(key);
    if (this.windows.size >= MAX_TRACKED_CLIENTS) this.windows.clear();
  }
}
