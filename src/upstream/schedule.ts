import { Queue, Worker } from 'bullmq';
import { connectionFromUrl } from '../queue/redis.js';
import type { Policy } from '../policy/types.js';

/**
 * When the watch runs by itself (`upstream.schedule`): a repeatable job in BullMQ when Redis is
 * there (one firing per period across every instance, kept over restarts), a timer in this process
 * otherwise. Either way a firing only queues the installation's watch job; the queue dedupes it.
 */
export type Schedule = Policy['upstream']['schedule'];

export const SCHEDULE_MS: Record<Exclude<Schedule, 'off'>, number> = { hourly: 3_600_000, daily: 86_400_000, weekly: 604_800_000 };

export interface ScheduledWatch {
  installationId: number;
  owner: string;
}

export interface UpstreamScheduler {
  /** Sets (or clears, with `off`) the installation's schedule. */
  set(watch: ScheduledWatch, schedule: Schedule): Promise<void>;
  close(): Promise<void>;
}

export class TimerScheduler implements UpstreamScheduler {
  private readonly timers = new Map<number, { every: number; timer: NodeJS.Timeout }>();

  constructor(
    private readonly fire: (watch: ScheduledWatch) => void,
    private readonly periods: Record<Exclude<Schedule, 'off'>, number> = SCHEDULE_MS,
  ) {}

  async set(watch: ScheduledWatch, schedule: Schedule): Promise<void> {
    const current = this.timers.get(watch.installationId);
    const every = schedule === 'off' ? 0 : this.periods[schedule];
    if (current?.every === every) return;
    if (current) clearInterval(current.timer);
    this.timers.delete(watch.installationId);
    if (every === 0) return;
    const timer = setInterval(() => this.fire(watch), every);
    timer.unref();
    this.timers.set(watch.installationId, { every, timer });
  }

  async close(): Promise<void> {
    for (const { timer } of this.timers.values()) clearInterval(timer);
    this.timers.clear();
  }
}

export const SCHEDULE_QUEUE = 'plimsoll-upstream-schedule';

export class BullScheduler implements UpstreamScheduler {
  private readonly queue: Queue;
  private readonly worker: Worker;

  constructor(url: string, fire: (watch: ScheduledWatch) => void, name = SCHEDULE_QUEUE, private readonly periods = SCHEDULE_MS) {
    const connection = connectionFromUrl(url);
    this.queue = new Queue(name, { connection });
    this.queue.on('error', () => undefined);
    this.worker = new Worker(name, async (job) => fire(job.data as ScheduledWatch), { connection });
    this.worker.on('error', () => undefined);
  }

  async set(watch: ScheduledWatch, schedule: Schedule): Promise<void> {
    const id = `upstream-${watch.installationId}`;
    if (schedule === 'off') {
      await this.queue.removeJobScheduler(id);
      return;
    }
    await this.queue.upsertJobScheduler(id, { every: this.periods[schedule] }, { name: 'upstream', data: watch, opts: { removeOnComplete: true, removeOnFail: true } });
  }

  async close(): Promise<void> {
    await this.worker.close();
    await this.queue.close();
  }
}
