import { Inject, Injectable, OnModuleDestroy } from '@nestjs/common';
import Redis from 'ioredis';
import { IRateLimiterOptions, RateLimiterAbstract, RateLimiterMemory, RateLimiterRedis, RateLimiterRes } from 'rate-limiter-flexible';
import { AppConfig } from '../config/app-config';
import { APP_CONFIG } from '../config/config.module';

/**
 * The counters behind every rate limit, kept by rate-limiter-flexible: in memory (per
 * instance) by default, in Redis (shared by every instance) when REDIS_URL is set. An entry
 * lives until its own window ends — no table that a flood of new keys could flush — and a
 * Redis that stops answering falls back to memory instead of failing requests.
 *
 * - `failuresBySource`: failed authentications (token endpoint or bearer) from one address;
 *   past the limit that address is refused until the window ends.
 * - `failuresByClientAndSource`: failed secrets for one client id from one address, so that
 *   nobody can lock a client out by failing from elsewhere.
 * - `scimBySubscription` / `apiByApplication`: requests per second of a tenant on /scim/v2,
 *   of an application on /api.
 */
@Injectable()
export class RateLimits implements OnModuleDestroy {
  readonly failuresBySource: RateLimiterAbstract;
  readonly failuresByClientAndSource: RateLimiterAbstract;
  readonly scimBySubscription?: RateLimiterAbstract;
  readonly apiByApplication?: RateLimiterAbstract;
  private readonly redis?: Redis;

  constructor(@Inject(APP_CONFIG) config: AppConfig) {
    const { rateLimits, oauth } = config;
    if (rateLimits.redisUrl) {
      // Commands fail at once while Redis is away (the memory fallback answers), instead of queueing.
      this.redis = new Redis(rateLimits.redisUrl, { enableOfflineQueue: false, maxRetriesPerRequest: 1, lazyConnect: false });
      this.redis.on('error', () => undefined);
    }
    const window = oauth.failedAttemptsWindowSeconds;
    this.failuresBySource = this.limiter('fail-src', { points: rateLimits.failedAuthPerSource, duration: window, blockDuration: window });
    this.failuresByClientAndSource = this.limiter('fail-client', {
      points: oauth.failedAttemptsLimit,
      duration: window,
      blockDuration: window,
    });
    if (rateLimits.scimPerSecond > 0) this.scimBySubscription = this.limiter('scim', { points: rateLimits.scimPerSecond, duration: 1 });
    if (rateLimits.apiPerSecond > 0) this.apiByApplication = this.limiter('api', { points: rateLimits.apiPerSecond, duration: 1 });
  }

  /** Seconds `key` must still wait, or 0 when it is not held back. */
  async retryAfter(limiter: RateLimiterAbstract, key: string): Promise<number> {
    const state = await limiter.get(key);
    return state && state.consumedPoints >= limiter.points ? seconds(state) : 0;
  }

  /** Counts one failure of `key`. */
  async penalize(limiter: RateLimiterAbstract, key: string): Promise<void> {
    await limiter.consume(key).catch(() => undefined);
  }

  async clear(limiter: RateLimiterAbstract, key: string): Promise<void> {
    await limiter.delete(key).catch(() => undefined);
  }

  /** Counts one request of `key`; the seconds to wait when it is over its rate, else 0. */
  async take(limiter: RateLimiterAbstract, key: string): Promise<number> {
    try {
      await limiter.consume(key);
      return 0;
    } catch (rejection) {
      if (rejection instanceof RateLimiterRes) return seconds(rejection);
      throw rejection;
    }
  }

  async onModuleDestroy(): Promise<void> {
    if (this.redis) this.redis.disconnect();
  }

  private limiter(prefix: string, options: IRateLimiterOptions): RateLimiterAbstract {
    const keyPrefix = `usersync:${prefix}`;
    if (!this.redis) return new RateLimiterMemory({ ...options, keyPrefix });
    return new RateLimiterRedis({
      ...options,
      keyPrefix,
      storeClient: this.redis,
      rejectIfRedisNotReady: true,
      insuranceLimiter: new RateLimiterMemory({ ...options, keyPrefix }),
    });
  }
}

function seconds(state: RateLimiterRes): number {
  return Math.max(1, Math.ceil(state.msBeforeNext / 1000));
}
