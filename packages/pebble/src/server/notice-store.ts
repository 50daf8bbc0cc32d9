import type { Notice } from '../api-types.js';
import { parseDuration } from '../duration.js';
import { now } from './clock.js';

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
  after?: string;
}

/** Notices, deduplicated by (user, type, key) as Pebble does. */
export class NoticeStore {
  private readonly notices: Notice[] = [];
  private nextId = 1;

  /** Record an occurrence; repeats of the same (user, type, key) update the existing notice. */
  add(input: NoticeInput): Notice {
    const at = now();
    const userId = input.userId ?? null;
    const existing = this.notices.find(
      (n) => n.type === input.type && n.key === input.key && n['user-id'] === userId,
    );
    if (existing) {
      existing.occurrences += 1;
      existing['last-occurred'] = at;
      const repeatAfter = existing['repeat-after'] ? parseDuration(existing['repeat-after']) : 0;
      if (Date.parse(at) - Date.parse(existing['last-repeated']) >= repeatAfter * 1000) {
        existing['last-repeated'] = at;
      }
      if (input.data) existing['last-data'] = input.data;
      if (input.repeatAfter) existing['repeat-after'] = input.repeatAfter;
      return existing;
    }
    const notice: Notice = {
      id: String(this.nextId++),
      'user-id': userId,
      type: input.type,
      key: input.key,
      'first-occurred': at,
      'last-occurred': at,
      'last-repeated': at,
      occurrences: 1,
      'expire-after': '168h0m0s',
    };
    if (input.data) notice['last-data'] = input.data;
    if (input.repeatAfter) notice['repeat-after'] = input.repeatAfter;
    this.notices.push(notice);
    return notice;
  }

  /** A notice by id. */
  get(id: string): Notice | undefined {
    return this.notices.find((n) => n.id === id);
  }

  /** Notices matching the filters, oldest last-repeated first. */
  list(q: NoticeQuery): Notice[] {
    return this.notices
      .filter(
        (n) => q.allUsers || q.userId === undefined || n['user-id'] === null || n['user-id'] === q.userId,
      )
      .filter((n) => q.types.length === 0 || q.types.includes(n.type))
      .filter((n) => q.keys.length === 0 || q.keys.includes(n.key))
      .filter((n) => !q.after || Date.parse(n['last-repeated']) > Date.parse(q.after))
      .sort((a, b) => Date.parse(a['last-repeated']) - Date.parse(b['last-repeated']));
  }
}
