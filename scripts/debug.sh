#!/bin/sh
# debug.sh BUILD PORT INIT "QEMU COMMAND..." - start QEMU paused with a GDB
# stub and attach GDB with kernel (and init's) symbols.
set -e
build=$1 port=$2 init=$3 qemu=$4
prog=$(basename "$init")
user=""
if [ -f "$build/bin/$prog" ]; then
	user="add-symbol-file $build/bin/$prog"
fi
sed -e "s|@BUILD@|$build|g" -e "s|@PORT@|$port|g" -e "s|@USER_SYMBOLS@|$user|" -e "s|@ROOT@|$(pwd)|g" \
	scripts/gdbinit.tmpl > "$build/gdbinit"
echo "*** QEMU is paused waiting for GDB on port $port; GDB script: $build/gdbinit"
echo "*** QEMU's serial output goes to $build/serial.log (tail -f it in another window)"
$qemu -cdrom "$build/os.iso" -S -gdb tcp::"$port" -serial file:"$build/serial.log" -monitor none &
qemu_pid=$!
trap 'kill $qemu_pid 2>/dev/null' EXIT INT TERM
sleep 0.5
gdb -q -x "$build/gdbinit"
