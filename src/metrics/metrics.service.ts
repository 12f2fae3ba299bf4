import { Injectable, OnModuleDestroy } from '@nestjs/common';
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';
import { DataSource } from 'typeorm';

/** What a SCIM request was, as the metrics and the activity name it. */
export type ScimOutcome = 'success' | 'refused' | 'error';

interface PoolState {
  total: number;
  idle: number;
  waiting: number;
}

/**
 * The service's Prometheus metrics, in a registry of its own (two apps in one process, as in the
 * tests, never collide). Labels are bounded sets: route templates, methods, statuses, SCIM
 * resource types, operations and outcomes, OAuth error codes. Never a user, a token or a path id.
 */
@Injectable()
export class Metrics implements OnModuleDestroy {
  readonly registry = new Registry();

  private readonly httpRequests = new Counter({
    name: 'usersync_http_requests_total',
    help: 'HTTP requests answered, by method, route template and status',
    labelNames: ['method', 'route', 'status'] as const,
    registers: [this.registry],
  });

  private readonly httpDuration = new Histogram({
    name: 'usersync_http_request_duration_seconds',
    help: 'Time from a request arriving to its answer being written, by method, route template and status',
    labelNames: ['method', 'route', 'status'] as const,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [this.registry],
  });

  private readonly scimOperations = new Counter({
    name: 'usersync_scim_operations_total',
    help: 'SCIM requests of identity providers, by resource type, operation and outcome (success, refused = 4xx, error = 5xx)',
    labelNames: ['resource_type', 'operation', 'outcome'] as const,
    registers: [this.registry],
  });

  private readonly tokenRequests = new Counter({
    name: 'usersync_oauth_token_requests_total',
    help: 'Token endpoint requests, by outcome: issued, or the RFC 6749 error answered',
    labelNames: ['outcome'] as const,
    registers: [this.registry],
  });

  private readonly refusalsNotRecorded = new Counter({
    name: 'usersync_activity_refusals_not_recorded_total',
    help: 'Refused SCIM requests left out of the provisioning activity because one subscription was refused faster than the activity records',
    registers: [this.registry],
  });

  constructor(dataSource: DataSource) {
    new Gauge({
      name: 'usersync_db_pool_connections',
      help: 'Database connections of this instance, by state (total, idle; waiting = requests queued for one)',
      labelNames: ['state'] as const,
      registers: [this.registry],
      collect() {
        const pool = poolState(dataSource);
        this.set({ state: 'total' }, pool.total);
        this.set({ state: 'idle' }, pool.idle);
        this.set({ state: 'waiting' }, pool.waiting);
      },
    });
    // Process memory, CPU, event-loop lag and GC, as every Node service exports them.
    collectDefaultMetrics({ register: this.registry, prefix: 'usersync_', eventLoopMonitoringPrecision: 20 });
  }

  httpRequest(method: string, route: string, status: number, seconds: number): void {
    const labels = { method, route, status: String(status) };
    this.httpRequests.inc(labels);
    this.httpDuration.observe(labels, seconds);
  }

  scimOperation(resourceType: string, operation: string, outcome: ScimOutcome): void {
    this.scimOperations.inc({ resource_type: resourceType, operation, outcome });
  }

  refusalNotRecorded(): void {
    this.refusalsNotRecorded.inc();
  }

  tokenRequest(outcome: string): void {
    this.tokenRequests.inc({ outcome });
  }

  /** The exposition text and its content type. */
  async render(): Promise<{ contentType: string; body: string }> {
    return { contentType: this.registry.contentType, body: await this.registry.metrics() };
  }

  onModuleDestroy(): void {
    this.registry.clear();
  }
}

/** Pool use as each driver keeps it: node-postgres' Pool, mssql's tarn pool; SQLite has one connection. */
function poolState(dataSource: DataSource): PoolState {
  if (!dataSource.isInitialized) return { total: 0, idle: 0, waiting: 0 };
  const master = (dataSource.driver as unknown as { master?: unknown }).master as
    { totalCount?: number; idleCount?: number; waitingCount?: number; pool?: TarnPool } | undefined;
  if (master && typeof master.totalCount === 'number') {
    return { total: master.totalCount, idle: master.idleCount ?? 0, waiting: master.waitingCount ?? 0 };
  }
  if (master?.pool && typeof master.pool.numUsed === 'function') {
    const used = master.pool.numUsed();
    const free = master.pool.numFree();
    return { total: used + free, idle: free, waiting: master.pool.numPendingAcquires() };
  }
  return { total: 1, idle: 0, waiting: 0 };
}

interface TarnPool {
  numUsed(): number;
  numFree(): number;
  numPendingAcquires(): number;
}
