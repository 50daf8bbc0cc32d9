// A tiny charm whose dispatch is a POSIX sh script: packed like a real charm, but starting in ~5 ms,
// so the scheduler's tests run hundreds of hooks quickly. Behaviour is steered by config:
// `fail-hook` makes that hook set a status, write relation data, then exit 1.
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { zipDirectory } from '@ops-ts/archive';
import { stringify } from 'yaml';

const DISPATCH = `#!/bin/sh
hook="\${JUJU_DISPATCH_PATH##*/}"
fail="$(config-get fail-hook)"
case "$JUJU_DISPATCH_PATH" in
  actions/*)
    action-log "running $hook"
    action-set "echo=$(action-get text)" "unit=$JUJU_UNIT_NAME"
    [ "$(action-get fail)" = "True" ] && action-fail "asked to fail"
    exit 0 ;;
esac
juju-log "hook $hook remote=\${JUJU_REMOTE_UNIT:-}"
if [ "$hook" = "$fail" ]; then
  status-set maintenance "about to fail in $hook"
  for rid in $(relation-ids db 2>/dev/null) $(relation-ids backend 2>/dev/null); do relation-set -r "$rid" failed=yes; done
  echo "failing $hook on purpose" >&2
  exit 1
fi
case "$hook" in
  *-relation-joined|*-relation-created)
    relation-set "unit-seen=$JUJU_UNIT_NAME"
    if [ "$(is-leader)" = "True" ]; then relation-set --app "app-hello=from-$JUJU_UNIT_NAME"; fi ;;
  config-changed)
    [ "$(is-leader)" = "True" ] && status-set --application active "mode $(config-get mode)"
    for rid in $(relation-ids db) $(relation-ids backend); do relation-set -r "$rid" "mode=$(config-get mode)"; done ;;
esac
status-set active "ran $hook"
`;

/** Charm metadata variants the tests need. */
export interface ShellCharmOptions {
  name: string;
  provides?: Record<string, { interface: string; limit?: number }>;
  requires?: Record<string, { interface: string; limit?: number }>;
  peers?: Record<string, { interface: string }>;
  containers?: Record<string, { resource?: string }>;
  dispatch?: string;
}

/** Packs a shell charm into a temp dir; returns the .charm path. */
export function packShellCharm(opts: ShellCharmOptions): string {
  const dir = mkdtempSync(join(tmpdir(), 'ops-ts-shell-charm-'));
  const src = join(dir, 'src');
  mkdirSync(src);
  const { dispatch, ...meta } = opts;
  writeFileSync(join(src, 'metadata.yaml'), stringify(meta));
  writeFileSync(
    join(src, 'config.yaml'),
    stringify({
      options: {
        mode: { type: 'string', default: 'normal' },
        'fail-hook': { type: 'string', default: '' },
        replicas: { type: 'int', default: 1 },
        debug: { type: 'boolean', default: false },
      },
    }),
  );
  writeFileSync(
    join(src, 'actions.yaml'),
    stringify({
      echo: {
        description: 'Echo text back.',
        params: { text: { type: 'string' }, fail: { type: 'boolean', default: false } },
        required: ['text'],
        additionalProperties: false,
      },
      rotate: {
        description: 'Schema keywords the simulator must check before queueing.',
        params: {
          length: { type: 'integer', minimum: 12, maximum: 64 },
          mode: { enum: ['fast', 'safe'] },
          size: { oneOf: [{ type: 'integer' }, { type: 'string', pattern: '^\\d+[KMG]$' }] },
          tag: { anyOf: [{ type: 'string' }, { type: 'integer' }] },
        },
      },
    }),
  );
  writeFileSync(join(src, 'dispatch'), dispatch ?? DISPATCH, { mode: 0o755 });
  const file = join(dir, `${opts.name}_amd64.charm`);
  writeFileSync(file, zipDirectory(src));
  return file;
}
