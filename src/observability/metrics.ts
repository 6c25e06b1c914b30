import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

/** Prometheus metrics served at /metrics. One registry per process (tests make their own). */
export class DeskMetrics {
  readonly registry = new Registry();
  readonly eventsReceived = new Counter({ name: 'desk_events_received_total', help: 'Inbound platform events accepted', labelNames: ['platform', 'outcome'] as const, registers: [this.registry] });
  readonly casesCreated = new Counter({ name: 'desk_cases_created_total', help: 'Cases opened', labelNames: ['platform'] as const, registers: [this.registry] });
  readonly messagesSent = new Counter({ name: 'desk_messages_sent_total', help: 'Outbound messages delivered', labelNames: ['platform', 'type'] as const, registers: [this.registry] });
  readonly nudgesSent = new Counter({ name: 'desk_nudges_sent_total', help: 'Scheduler nudges and escalations delivered', labelNames: ['platform'] as const, registers: [this.registry] });
  readonly slaBreaches = new Counter({ name: 'desk_sla_breaches_total', help: 'SLA clocks that passed their due time', labelNames: ['clock'] as const, registers: [this.registry] });
  readonly deliveryFailures = new Counter({ name: 'desk_delivery_failures_total', help: 'Outbound deliveries that failed and were rescheduled', labelNames: ['platform'] as const, registers: [this.registry] });
  readonly handlerLatency = new Histogram({
    name: 'desk_handler_duration_seconds',
    help: 'Time to handle an inbound request or job',
    labelNames: ['handler'] as const,
    buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
    registers: [this.registry],
  });
  readonly deadLettered = new Counter({ name: 'desk_dead_lettered_total', help: 'Queue rows given up on after their attempts were used up', labelNames: ['queue'] as const, registers: [this.registry] });
  readonly triageNeedsHuman = new Counter({
    name: 'desk_triage_needs_human_total',
    help: 'Messages handed to staff untriaged: triage ran past its budget or failed',
    labelNames: ['reason'] as const,
    registers: [this.registry],
  });
  readonly outboxDepth: Gauge;
  readonly inboxDepth: Gauge;
  readonly deadRows: Gauge<'queue'>;
  readonly collectErrors: Counter<'gauge'>;
  /** Gauge reads of the scrape in progress: prom-client collects every metric at once. */
  private readonly reads = new Set<Promise<unknown>>();

  constructor(
    depth: { outbox: () => Promise<number>; inbox: () => Promise<number>; dead?: { inbox: () => Promise<number>; outbox: () => Promise<number> } },
    withDefaults = true,
  ) {
    // Process metrics keep their standard names (process_cpu_seconds_total,
    // nodejs_eventloop_lag_seconds) so stock Node.js dashboards work; only the desk's own carry desk_.
    if (withDefaults) collectDefaultMetrics({ register: this.registry });
    this.outboxDepth = this.depthGauge('desk_outbox_depth', 'Outbound messages waiting for delivery', depth.outbox);
    this.inboxDepth = this.depthGauge('desk_inbox_depth', 'Inbound messages waiting to become cases', depth.inbox);
    const countError = (gauge: string) => this.collectErrors.inc({ gauge });
    const metrics = this;
    this.deadRows = new Gauge({
      name: 'desk_queue_dead_rows',
      help: 'Rows dead-lettered in each queue (inbox: shown to staff as needs-a-human cases)',
      labelNames: ['queue'] as const,
      registers: [this.registry],
      collect() {
        return metrics.track(readDead(this));
      },
    });
    const readDead = async (gauge: Gauge<'queue'>) => {
      {
        for (const queue of ['inbox', 'outbox'] as const) {
          const count = depth.dead?.[queue];
          if (!count) continue;
          // The database away: no sample rather than a made-up number, and the miss is counted.
          const n = await count().catch(() => null);
          if (n === null) {
            gauge.remove({ queue });
            countError('desk_queue_dead_rows');
          } else gauge.set({ queue }, n);
        }
      }
    };
    // Registered after the gauges it counts for: a scrape collects in registration order, so a
    // miss shows in the same scrape.
    this.collectErrors = new Counter({
      name: 'desk_metrics_collect_errors_total',
      help: 'Gauges that could not be read from the database at scrape time (a depth keeps its last value, a dead-row count leaves its sample out)',
      labelNames: ['gauge'] as const,
      registers: [this.registry],
      // A miss must show in the same scrape: wait for this scrape's gauge reads first.
      collect: () => Promise.allSettled([...this.reads]).then(() => undefined),
    });
  }

  private track<T>(read: Promise<T>): Promise<T> {
    this.reads.add(read);
    return read.finally(() => this.reads.delete(read));
  }

  /**
   * A queue-depth gauge read at scrape time. When the read fails the gauge keeps its last value
   * (a made-up -1 would read as a real depth on a dashboard) and the failure is counted instead.
   */
  private depthGauge(name: string, help: string, read: () => Promise<number>): Gauge {
    const countError = () => this.collectErrors.inc({ gauge: name });
    const metrics = this;
    return new Gauge({
      name,
      help,
      registers: [this.registry],
      collect() {
        return metrics.track(
          read().then(
            (n) => this.set(n),
            () => countError(),
          ),
        );
      },
    });
  }

  /** Times an async handler into the latency histogram. */
  async time<T>(handler: string, work: () => Promise<T>): Promise<T> {
    const end = this.handlerLatency.startTimer({ handler });
    try {
      return await work();
    } finally {
      end();
    }
  }
}
