// `getLogger(name)`: a charm library's module logger reaches `juju-log` through the dispatch that runs,
// also when several dispatches run at once in one process (as the testing kit runs them).
import { Context, state } from '@ops-ts/testing';
import { describe, expect, it } from 'vitest';
import { CharmBase, type Framework, getLogger } from '../src/index.js';

// At module level, as a library would: `const logger = logging.getLogger(__name__)`.
const logger = getLogger('my-lib');

/** A library function that logs, knowing nothing of the charm. */
async function libraryWork(tag: string): Promise<void> {
  await new Promise((resolve) => setTimeout(resolve, 5));
  logger.warning(`library did ${tag}`);
}

class LibCharm extends CharmBase {
  constructor(framework: Framework) {
    super(framework);
    this.observe(this.on.configChanged, this.onConfig);
  }
  async onConfig(): Promise<void> {
    await libraryWork(String(this.config.tag));
  }
}

const options = { meta: { name: 'lib-charm' }, config: { options: { tag: { type: 'string' } } } };

describe('getLogger', () => {
  it('logs through juju-log of the running dispatch, each run its own', async () => {
    const runs = ['one', 'two', 'three'].map(async (tag) => {
      const ctx = new Context(LibCharm, options);
      await ctx.run(ctx.on.configChanged(), state({ config: { tag } }));
      return ctx.jujuLog.map((l) => `${l.level} ${l.message}`);
    });
    expect(await Promise.all(runs)).toEqual([
      ['WARNING library did one'],
      ['WARNING library did two'],
      ['WARNING library did three'],
    ]);
  });

  it('below the dispatch level nothing is sent (no juju-log process)', async () => {
    const ctx = new Context(LibCharm, options);
    await ctx.run(ctx.on.configChanged(), state({ config: { tag: 'x' } }));
    logger.info('outside any dispatch: dropped');
    expect(ctx.trace.filter((c) => c.tool === 'juju-log')).toHaveLength(1);
  });
});
