#!/usr/bin/env bash
# A deployment script written for the real `juju` CLI (3.6): it makes a model, deploys the packed
# secret-keeper example twice (keeper, client) and the greeter example twice (greeter, fan), integrates
# keeper:credentials with client:vault and greeter:greeting with fan:audience, waits until every unit
# is active and idle (a JSON query over `juju status --format json`), runs rotate-password on
# keeper/leader and reads its result.
#
#   test/juju-script/deploy-integrate.sh <secret-keeper.charm> <greeter.charm>
#
# On a real controller it uses the current cloud (microk8s: `juju bootstrap microk8s`); with the ops-ts
# simulator's `juju` first on PATH (`eval "$(ops-ts juju env)"`) it runs unchanged.
# MODEL names the model (default js-<pid>); KEEP_MODEL=1 leaves it for a look afterwards.
set -euo pipefail

keeper_charm=${1:?usage: deploy-integrate.sh <secret-keeper.charm> <greeter.charm>}
greeter_charm=${2:?usage: deploy-integrate.sh <secret-keeper.charm> <greeter.charm>}
model=${MODEL:-js-$$}
timeout=${TIMEOUT:-600}

juju add-model "$model"
if [ -z "${KEEP_MODEL:-}" ]; then
  trap 'juju destroy-model "$model" --no-prompt --force --no-wait >/dev/null 2>&1 || true' EXIT
fi

juju deploy -m "$model" "$keeper_charm" keeper
juju deploy -m "$model" "$keeper_charm" client
juju deploy -m "$model" "$greeter_charm" greeter
juju deploy -m "$model" "$greeter_charm" fan
juju integrate -m "$model" keeper:credentials client:vault
juju integrate -m "$model" greeter:greeting fan:audience

# Every application has units, each active and idle; any unit in error fails the script.
ready='
  let s = ""; process.stdin.on("data", (d) => (s += d)).on("end", () => {
    const units = Object.values(JSON.parse(s).applications).flatMap((a) => Object.values(a.units ?? {}));
    if (units.some((u) => u["workload-status"].current === "error")) process.exit(2);
    const ok = units.length > 0 && units.every((u) => u["workload-status"].current === "active" && u["juju-status"].current === "idle");
    process.exit(ok ? 0 : 1);
  });'
deadline=$((SECONDS + timeout))
until juju status -m "$model" --format json | node -e "$ready"; do
  if [ $? -eq 2 ]; then echo "a unit is in error" >&2; juju status -m "$model" >&2; exit 1; fi
  if [ "$SECONDS" -ge "$deadline" ]; then echo "timed out waiting for the model to settle" >&2; exit 1; fi
  sleep 2
done
echo "model $model is active"

# The action's result, keyed by unit (keeper/leader is reported as keeper/N).
result=$(juju run -m "$model" keeper/leader rotate-password length=32 charset=hex --format json)
echo "$result" | node -e '
  let s = ""; process.stdin.on("data", (d) => (s += d)).on("end", () => {
    const [unit, task] = Object.entries(JSON.parse(s))[0];
    if (task.status !== "completed") { console.error(`rotate-password ${task.status}: ${task.message ?? ""}`); process.exit(1); }
    const r = task.results;
    console.log(`rotated on ${unit}: ${r.password.length} ${r.password.charset} characters, secret ${r.secret.label} (${r.rotations} rotation(s))`);
  });'
