// Fixtures of the service stand-in tests: a tiny HTTP server (the stand-in) and a shell charm that
// adds a layer for it, drives it through Pebble and reports what it reaches on the mapped port.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { packShellCharm } from './shell-charm.js';

/**
 * The stand-in: answers with what it was given (env, cwd), leaves a `sleep` in its process group (to
 * prove the group is killed), and exits with code 4 after answering `/crash`.
 */
const SERVER = `import { spawn } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
const helper = spawn('sleep', ['300'], { stdio: 'ignore' });
writeFileSync('helper.pid', String(helper.pid));
console.log('listening on', process.env.OPS_TS_PORT_8080, 'greeting', process.env.GREETING);
createServer((req, res) => {
  if (req.url === '/crash') {
    res.end('bye');
    setTimeout(() => process.exit(4), 20);
    return;
  }
  res.end(JSON.stringify({
    greeting: process.env.GREETING,
    cwd: process.cwd(),
    pid: process.pid,
    env: Object.keys(process.env).sort(),
  }));
}).listen(Number(process.env.OPS_TS_PORT_8080), '127.0.0.1');
`;

const LAYER = JSON.stringify({
  action: 'add',
  label: 'web',
  format: 'yaml',
  combine: true,
  layer:
    'services:\n  web:\n    override: replace\n    command: /usr/bin/real-web-server\n    startup: enabled\n    kill-delay: 2s\n    environment:\n      GREETING: GREETING_VALUE\n',
});

// What the charm reaches at its container port 8080: the greeting, or "unreachable".
const ANSWER = `node -e 'const p=JSON.parse(process.env.OPS_TS_CONTAINER_PORTS||"{}").web||{};fetch("http://127.0.0.1:"+p["8080"]+"/").then(r=>r.json()).then(j=>console.log(j.greeting)).catch(()=>console.log("unreachable"))'`;

const DISPATCH = `#!/bin/sh
hook="\${JUJU_DISPATCH_PATH##*/}"
sock="$OPS_TS_PEBBLE_DIR/web/pebble.socket"
api() { curl -sf --unix-socket "$sock" "$@"; }
# Runs a service action and waits for its change; prints why a task failed, if one did.
services() {
  # Pebble's replan takes no service names (api_services.go); the others name the service.
  names='["web"]'; [ "$1" = replan ] && names='[]'
  out=$(api -XPOST http://localhost/v1/services -d "{\\"action\\":\\"$1\\",\\"services\\":$names}") || return 1
  id=$(echo "$out" | sed 's/.*"change":"\\([0-9]*\\)".*/\\1/')
  api "http://localhost/v1/changes/$id/wait" | grep -o 'cannot [a-z]* service: [^)"]*'
}
current() { api "http://localhost/v1/services?names=web" | grep -o '"current":"[a-z]*"' | cut -d'"' -f4; }
report() {
  err="$1"
  if [ -n "$err" ]; then status-set blocked "web=$(current) $err"; return; fi
  status-set active "web=$(current) answer=$(${ANSWER})"
}
case "$hook" in
  web-pebble-ready)
    api -XPOST http://localhost/v1/layers -d '${LAYER}' >/dev/null || exit 1
    report "$(services replan)" ;;
  config-changed)
    mode="$(config-get mode)"
    case "$mode" in
      stop|restart|start) report "$(services "$mode")" ;;
      greeting=*)
        api -XPOST http://localhost/v1/layers -d "$(printf '%s' '${LAYER}' | sed "s/GREETING_VALUE/\${mode#greeting=}/")" >/dev/null || exit 1
        report "$(services replan)" ;;
    esac ;;
  update-status) report "" ;;
esac
`;

/** A temp dir holding the stand-in server script `server.mjs`. */
export function writeStandInServer(): string {
  const dir = mkdtempSync(join(tmpdir(), 'ops-ts-stand-in-'));
  writeFileSync(join(dir, 'server.mjs'), SERVER);
  return dir;
}

/** Packs the `web` charm (container `web`, service `web`, port 8080). */
export function packWebCharm(): string {
  return packShellCharm({ name: 'web', containers: { web: { resource: 'web-image' } }, dispatch: DISPATCH });
}
