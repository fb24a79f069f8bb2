#!/usr/bin/env bash
# software-render-timing.sh - how fast the window is under software rendering (Mesa llvmpipe /
# lavapipe on a private Xvfb display, as a reader in a VM or remote desktop gets it).
#
# Usage: tools/software-render-timing.sh [-b BINARY] [-r RUNS] [-s WxH]
#   -b  the program (default target/release/caspian-atlas; build it with cargo build --release)
#   -r  runs of each measurement (default 5); the medians are reported
#   -s  window size (default 1600x1000)
# Measures, for the whole region:
#   cold start → written `--screenshot`: wall and CPU seconds (GNU time) per run;
#   a frame while panning: the median time between frames while the map pans 3 points a frame
#   (the program's CASPIAN_ATLAS_PAN_PROBE probe, 40 frames per run), and the process' CPU time
#   per frame over them (all threads, Mesa's rasteriser included: robust on a loaded machine).
# Needs: xvfb, mesa (libgl1-mesa-dri, mesa-vulkan-drivers), GNU time. Starts and stops only its
# own Xvfb and its own program runs; the saved state goes to a throw-away HOME.
set -u
bin=target/release/caspian-atlas runs=5 size=1600x1000
while getopts "b:r:s:h" opt; do
  case $opt in
    b) bin=$OPTARG ;; r) runs=$OPTARG ;; s) size=$OPTARG ;;
    *) sed -n '2,/^set -u/s/^# \{0,1\}//p' "$0" | sed '$d' >&2; exit 2 ;;
  esac
done
[ -x "$bin" ] || { echo "timing: $bin is not an executable (cargo build --release?)" >&2; exit 2; }
command -v Xvfb >/dev/null || { echo "timing: Xvfb not found (apt-get install xvfb)" >&2; exit 2; }
[ -x /usr/bin/time ] || { echo "timing: GNU time not found (apt-get install time)" >&2; exit 2; }

tmp=$(mktemp -d)
xvfb_pid=""
cleanup() {
  if [ -n "$xvfb_pid" ] && kill -0 "$xvfb_pid" 2>/dev/null; then kill "$xvfb_pid"; fi
  rm -rf "$tmp"
}
trap cleanup EXIT INT TERM

# A free display number.
d=90
while [ -e "/tmp/.X11-unix/X$d" ] || [ -e "/tmp/.X$d-lock" ]; do d=$((d + 1)); done
w=${size%x*} h=${size#*x}
Xvfb ":$d" -screen 0 "$((w + 100))x$((h + 100))x24" -nolisten tcp >"$tmp/xvfb.log" 2>&1 &
xvfb_pid=$!
for _ in $(seq 50); do [ -e "/tmp/.X11-unix/X$d" ] && break; sleep 0.1; done
export DISPLAY=":$d" HOME="$tmp/home" XDG_RUNTIME_DIR="$tmp/run" XDG_DATA_HOME="$tmp/home/.local/share"
mkdir -p "$HOME" "$XDG_RUNTIME_DIR" && chmod 700 "$XDG_RUNTIME_DIR"

median() { sort -n | awk '{v[NR]=$1} END {if (NR == 0) print "n/a"; else if (NR % 2) print v[(NR+1)/2]; else printf "%.3f\n", (v[NR/2]+v[NR/2+1])/2}'; }

echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //'), load $(cut -d' ' -f1-3 /proc/loadavg)"
echo "renderer: Xvfb + Mesa ($(dpkg-query -W -f '${Version}' libgl1-mesa-dri 2>/dev/null || echo '?')), window $size, binary $bin"
: >"$tmp/walls"; : >"$tmp/cpus"; : >"$tmp/pans"; : >"$tmp/pancpus"
fresh() { rm -rf "$HOME" && mkdir -p "$HOME"; }  # no saved state from an earlier run
for i in $(seq "$runs"); do
  fresh
  rm -f "$tmp/shot.png"
  /usr/bin/time -f '%e %U %S' -o "$tmp/time" "$bin" --screenshot "$tmp/shot.png" --size "$size" >"$tmp/shot.log" 2>&1
  read -r wall user sys <"$tmp/time"
  if [ -s "$tmp/shot.png" ]; then
    echo "$wall" >>"$tmp/walls"
    echo "$user $sys" | awk '{print $1 + $2}' >>"$tmp/cpus"
    echo "run $i: screenshot in ${wall} s wall, $(echo "$user $sys" | awk '{print $1 + $2}') s CPU"
  else
    echo "run $i: no screenshot written ($(tail -n 2 "$tmp/shot.log" | tr '\n' ' '))"
  fi
  fresh
  CASPIAN_ATLAS_PAN_PROBE=40 timeout 400 "$bin" --size "$size" >"$tmp/pan.log" 2>&1
  pan=$(sed -n 's/.*pan probe: .* median \([0-9.]*\) ms.*/\1/p' "$tmp/pan.log" | tail -n 1)
  if [ -n "$pan" ]; then
    echo "$pan" >>"$tmp/pans"
    sed -n 's/.*CPU \([0-9.]*\) ms a frame.*/\1/p' "$tmp/pan.log" | tail -n 1 >>"$tmp/pancpus"
    echo "run $i: $(grep 'pan probe' "$tmp/pan.log" | tail -n 1)"
  else
    echo "run $i: no pan probe report (the binary may predate the probe)"
  fi
done
echo "median of $runs runs: screenshot $(median <"$tmp/walls") s wall, $(median <"$tmp/cpus") s CPU; frame while panning $(median <"$tmp/pans") ms ($(median <"$tmp/pancpus") ms CPU a frame)"
