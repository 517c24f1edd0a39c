# bb-trap.sh - busybox sh traps: a handler for SIGINT sent to the shell
# itself, a default action seen from the parent, an EXIT trap.
trap 'echo got INT' INT
kill -INT $$
echo "after kill -INT: still running"
trap - INT
sh -c 'kill -TERM $$; echo not reached'
echo "a child killed by SIGTERM: status $?"
sh -c 'trap "echo child got USR1" USR1; kill -USR1 $$; echo child: after USR1'
trap 'echo "EXIT trap: status $?"' EXIT
echo "done"
