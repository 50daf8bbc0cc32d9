import type { Notice } from '../api-types.js';
import { parseDuration } from '../duration.js';
import { formatRfc3339Nano, nowNs } from './clock.js';
import { goDurationString, secondsToNs } from './go-duration.js';

/** What the host or API supplies to record a notice occurrence. */
export interface NoticeInput {
  type: string;
  key: string;
  data?: Record<string, string>;
  /** Go duration string, e.g. `1h`. */
  repeatAfter?: string;
  /** Owner uid; null or undefined makes the notice visible to everyone. */
  userId?: number | null;
}

/** Filters of `GET /v1/notices`. */
export interface NoticeQuery {
  userId?: number;
  allUsers?: boolean;
  types: readonly string[];
  keys: readonly string[];
  /** Only notices last repeated strictly after this many nanoseconds since the epoch. */
  afterNs?: bigint;
}

interface StoredNotice {
  notice: Notice;
  /** `last-repeated` in nanoseconds, compared exactly (the string has the same precision). */
  lastRepeatedNs: bigint;
}

/** Notices, deduplicated by (user, type, key) as Pebble's state.AddNotice does. */
export class NoticeStore {
  private readonly notices: StoredNotice[] = [];
  private nextId = 1;

  /** Record an occurrence; repeats of the same (user, type, key) update the existing notice. */
  add(input: NoticeInput): Notice {
    const atNs = nowNs();
    const at = formatRfc3339Nano(atNs);
    const userId = input.userId ?? null;
    const repeatAfterNs = input.repeatAfter ? secondsToNs(parseDuration(input.repeatAfter)) : 0n;
    let stored = this.notices.find(
      (s) => s.notice.type === input.type && s.notice.key === input.key && s.notice['user-id'] === userId,
    );
    if (!stored) {
      stored = {
        notice: {
          id: String(this.nextId++),
          'user-id': userId,
          type: input.type,
          key: input.key,
          'first-occurred': at,
          'last-occurred': at,
          'last-repeated': at,
          occurrences: 1,
          'expire-after': '168h0m0s',
        },
        lastRepeatedNs: atNs,
      };
      this.notices.push(stored);
    } else {
      stored.notice.occurrences += 1;
      // The new occurrence's repeat-after decides, as in Pebble (not the one stored on the notice).
      if (repeatAfterNs === 0n || atNs > stored.lastRepeatedNs + repeatAfterNs) {
        stored.notice['last-repeated'] = at;
        stored.lastRepeatedNs = atNs;
      }
    }
    const { notice } = stored;
    notice['last-occurred'] = at;
    // Each occurrence replaces the data and repeat-after (absent ones clear them).
    if (input.data && Object.keys(input.data).length > 0) notice['last-data'] = { ...input.data };
    else delete notice['last-data'];
    if (repeatAfterNs > 0n) notice['repeat-after'] = goDurationString(repeatAfterNs);
    else delete notice['repeat-after'];
    return notice;
  }

  /** A notice by id. */
  get(id: string): Notice | undefined {
    return this.notices.find((s) => s.notice.id === id)?.notice;
  }

  /** Notices matching the filters, oldest last-repeated first. */
  list(q: NoticeQuery): Notice[] {
    return this.notices
      .filter(
        ({ notice: n }) =>
          q.allUsers || q.userId === undefined || n['user-id'] === null || n['user-id'] === q.userId,
      )
      .filter(({ notice: n }) => q.types.length === 0 || q.types.includes(n.type))
      .filter(({ notice: n }) => q.keys.length === 0 || q.keys.includes(n.key))
      .filter((s) => q.afterNs === undefined || s.lastRepeatedNs > q.afterNs)
      .sort((a, b) =>
        a.lastRepeatedNs < b.lastRepeatedNs ? -1 : a.lastRepeatedNs > b.lastRepeatedNs ? 1 : 0,
      )
      .map((s) => s.notice);
  }
}
