/**
 * Webserver: the ops-ts Kubernetes example. The workload container runs `python3 -m http.server`; the
 * charm reconciles it through Pebble on pebble-ready and config-changed (push the page and a config file,
 * add a layer, replan, ask the workload its version), restarts the service when its check fails, and
 * reports its status through collect-status.
 */
import {
  ActiveStatus,
  BlockedStatus,
  CharmBase,
  type CollectStatusEvent,
  ConnectionError,
  type Container,
  type Framework,
  type HookEvent,
  type Layer,
  MaintenanceStatus,
  type PebbleCheckFailedEvent,
  WaitingStatus,
} from '@ops-ts/ops';
import type { WebserverTypes } from './generated/charm-types.js';

const CONTAINER = 'webserver';
const SERVICE = 'webserver';
const CONFIG_FILE = '/etc/webserver/config.json';
const PAGE = '/srv/index.html';

export class WebserverCharm extends CharmBase<WebserverTypes> {
  constructor(framework: Framework) {
    super(framework);
    this.observe(this.on.pebbleReady(CONTAINER), this.reconcile);
    this.observe(this.on.configChanged, this.reconcile);
    this.observe(this.on.pebbleCheckFailed(CONTAINER), this.onCheckFailed);
    this.observe(this.on.collectUnitStatus, this.onCollectStatus);
  }

  private get container(): Container {
    return this.unit.getContainer(CONTAINER);
  }

  /** The configured port, or undefined when it is not a valid port number. */
  private get port(): number | undefined {
    const port = this.config.port;
    return Number.isInteger(port) && port >= 1 && port <= 65535 ? port : undefined;
  }

  /** Brings the workload in line with the config; a no-op until Pebble is up (pebble-ready will come). */
  async reconcile(_event: HookEvent): Promise<void> {
    const port = this.port;
    if (port === undefined || !(await this.container.canConnect())) return;
    const message = this.config.message;
    try {
      await this.container.push(PAGE, `<h1>${escapeHtml(message)}</h1>\n`, { makeDirs: true });
      await this.container.push(CONFIG_FILE, `${JSON.stringify({ port, message }, null, 2)}\n`, {
        makeDirs: true,
        permissions: 0o644,
      });
      // `combine` replaces our own layer on every config change instead of stacking new ones.
      await this.container.addLayer(SERVICE, layerFor(port), { combine: true });
      await this.container.replan();
      const { stdout } = await this.container.exec(['python3', '--version']).waitOutput();
      this.unit.setWorkloadVersion(stdout.trim().replace(/^Python /, ''));
    } catch (error) {
      // The container restarted under us: nothing to do now, pebble-ready fires again when it is back.
      if (!(error instanceof ConnectionError)) throw error;
      this.framework.logger.info(`webserver container went away: ${error.message}`);
    }
  }

  /** The HTTP check failed: restart the server. */
  async onCheckFailed(event: PebbleCheckFailedEvent): Promise<void> {
    const info = await event.getCheckInfo();
    this.framework.logger.warning(`check ${info.name} failed ${info.failures} time(s); restarting`);
    await event.container.restart(SERVICE);
  }

  async onCollectStatus(event: CollectStatusEvent): Promise<void> {
    const port = this.port;
    if (port === undefined) {
      event.addStatus(new BlockedStatus('port must be an integer between 1 and 65535'));
      return;
    }
    if (!(await this.container.canConnect())) {
      event.addStatus(new WaitingStatus('waiting for Pebble in the webserver container'));
      return;
    }
    const service = (await this.container.getServices(SERVICE))[SERVICE];
    if (service?.current !== 'active') event.addStatus(new MaintenanceStatus('webserver is not running yet'));
    else event.addStatus(new ActiveStatus(`serving on port ${port}`));
  }
}

/** The Pebble layer of the web server on `port`. */
function layerFor(port: number): Layer {
  return {
    summary: 'webserver layer',
    services: {
      [SERVICE]: {
        override: 'replace',
        summary: 'static web server',
        command: `python3 -m http.server ${port} --directory /srv`,
        startup: 'enabled',
      },
    },
    checks: {
      'webserver-up': {
        override: 'replace',
        level: 'ready',
        http: { url: `http://localhost:${port}/` },
      },
    },
  };
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"]/g, (c) => `&#${c.charCodeAt(0)};`);
}
