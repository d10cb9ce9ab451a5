#!/bin/sh
# llamakit HumanEval sandbox, run as pid 1 of fresh network, mount and pid namespaces (unshare --net --mount --pid --fork).
# Arguments: UID PYTHON_PREFIX PYTHON_EXE CPU_SECONDS MEMORY_BYTES MAX_PROCS MAX_FILE_BYTES TMPFS_BYTES WALL_SECONDS
# Exit 124 (or 137 when TERM was ignored) when the program outlived WALL_SECONDS, measured from its own start.
# stdin: the launcher (first), then the program, separated by the line LLAMAKIT-PROGRAM-FOLLOWS.
# The program runs chrooted in a private tmpfs root holding only read-only binds of /usr (and the Python prefix),
# three device nodes and an empty writable /work, as an unprivileged uid without capabilities.
set -eu
uid="$1"; prefix="$2"; python="$3"; cpu="$4"; mem="$5"; nproc="$6"; fsize="$7"; tmpfs_bytes="$8"; wall="$9"
mount --make-rprivate / 2>/dev/null || true
root=/tmp/.llamakit-sandbox-root
mount -t tmpfs -o "size=$tmpfs_bytes,mode=755,nosuid,nodev" llamakit-sandbox /tmp
mkdir -p "$root"
mount -t tmpfs -o "size=$tmpfs_bytes,mode=755,nosuid,nodev" llamakit-root "$root"
ro_bind() {
  mkdir -p "$root$1"
  mount --bind "$1" "$root$1"
  mount -o remount,bind,ro,nosuid,nodev "$root$1"
}
for d in /bin /sbin /lib /lib32 /lib64 /libx32; do
  if [ -L "$d" ]; then ln -s "$(readlink "$d")" "$root$d"; elif [ -d "$d" ]; then ro_bind "$d"; fi
done
ro_bind /usr
case "$prefix" in /usr|/usr/*) ;; *) ro_bind "$prefix" ;; esac
mkdir -p "$root/dev" "$root/tmp" "$root/work"
for n in null zero urandom; do
  : > "$root/dev/$n"
  mount --bind "/dev/$n" "$root/dev/$n"
done
chmod 1777 "$root/tmp"
awk -v l="$root/work/launcher.py" -v p="$root/work/program.py" \
  'BEGIN{o=l} o==l && $0=="LLAMAKIT-PROGRAM-FOLLOWS"{o=p; next} {print > o}'
chmod 444 "$root/work/launcher.py" "$root/work/program.py"
chown "$uid:$uid" "$root/work" "$root/tmp"
prlimit="$(command -v prlimit)"; chroot="$(command -v chroot)"; timeout="$(command -v timeout)"
set +e
env -i PATH=/usr/local/bin:/usr/bin:/bin HOME=/work TMPDIR=/tmp LANG=C.UTF-8 \
  "$timeout" -k 0.5 "$wall" "$prlimit" --cpu="$cpu" --as="$mem" --nproc="$nproc" --fsize="$fsize" --nofile=64 --core=0 -- \
  "$chroot" "$root" /usr/bin/setpriv --reuid="$uid" --regid="$uid" --clear-groups --no-new-privs \
    --inh-caps=-all --bounding-set=-all -- "$python" -I -B /work/launcher.py /work/program.py </dev/null
rc=$?
exit $rc
