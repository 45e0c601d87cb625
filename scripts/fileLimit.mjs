// The hub holds a file handle per connection (screens, counters, pads, phones) beside its journal.
// Many systems start processes with a soft limit of 1024 handles while allowing far more; Node
// cannot raise its own limit, so the hub is started through a shell that raises it to the hard
// limit first. Windows has no such limit to raise.

/** The command and arguments that run `cmd args…` with the soft RLIMIT_NOFILE raised as far as allowed. */
export function withRaisedFileLimit(cmd, args) {
  if (process.platform === 'win32') return [cmd, args];
  // "unlimited" is not a value Linux takes for open files: then try a generous fixed number.
  const script = 'h=$(ulimit -Hn); if [ "$h" = unlimited ]; then h=1048576; fi; ulimit -n "$h" 2>/dev/null || ulimit -n 65536 2>/dev/null; exec "$0" "$@"';
  return ['/bin/sh', ['-c', script, cmd, ...args]];
}
