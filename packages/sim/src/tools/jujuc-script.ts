/**
 * The hook-tool client the simulator puts on a hook's PATH, once as `jujuc` and as a symlink per tool
 * name. It is a bash script, not a Node program: a Node process costs ~100 ms per call, bash with its
 * built-in `/dev/tcp` costs a few ms and spawns nothing else. Like Juju's jujuc it sends the context id,
 * the working directory, the tool name, the argv and (only when the tool reads `--file -`) stdin to the
 * server of the running hook, and copies back stdout, stderr and the exit code.
 *
 * Wire format (NUL-separated, as argv may hold newlines): request
 * `OPSTS1 ctx cwd tool argc arg... stdinLength stdin`, response `exitCode stdout stderr`.
 */
export const JUJUC_SCRIPT = `#!/usr/bin/env bash
# ops-ts simulator hook tool: forwards this call to the simulator serving the running hook.
export LC_ALL=C
tool="\${0##*/}"
if [ -z "\${JUJU_CONTEXT_ID:-}" ]; then echo "ERROR JUJU_CONTEXT_ID not set" >&2; exit 1; fi
addr="\${JUJU_AGENT_SOCKET_ADDRESS:-}"
if [ -z "$addr" ]; then echo "ERROR JUJU_AGENT_SOCKET_ADDRESS not set" >&2; exit 1; fi
if ! exec 3<>"/dev/tcp/\${addr%:*}/\${addr##*:}"; then
  echo "ERROR cannot connect to the simulator at $addr" >&2; exit 1
fi
stdin=""
prev=""
for a in "$@"; do
  if [ "$a" = "--file=-" ] || { [ "$prev" = "--file" ] && [ "$a" = "-" ]; }; then stdin="$(cat; printf x)"; stdin="\${stdin%x}"; break; fi
  prev="$a"
done
{
  printf 'OPSTS1\\0%s\\0%s\\0%s\\0%s\\0' "$JUJU_CONTEXT_ID" "$PWD" "$tool" "$#"
  [ "$#" -gt 0 ] && printf '%s\\0' "$@"
  printf '%s\\0%s' "\${#stdin}" "$stdin"
} >&3
IFS= read -r -d '' code <&3 || { echo "ERROR the simulator closed the connection" >&2; exit 1; }
IFS= read -r -d '' out <&3
IFS= read -r -d '' err <&3
exec 3<&-
printf '%s' "$out"
printf '%s' "$err" >&2
exit "$code"
`;
