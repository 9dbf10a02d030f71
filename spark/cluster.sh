#!/usr/bin/env bash
# A standalone Spark cluster on 127.0.0.1: one master and two workers, started with pyspark's
# bin/spark-class (the pip wheel has no sbin/start-master.sh), for tests and trials.
#
#   bash spark/cluster.sh start STATE_DIR   # prints the master URL (spark://127.0.0.1:PORT)
#   bash spark/cluster.sh stop STATE_DIR    # stops every process it started, by PID
#
# STATE_DIR holds the PIDs, the logs and the workers' scratch space. Each worker offers
# WORKER_CORES cores [1] and WORKER_MEMORY [1g]. Every wait is bounded (START_TIMEOUT seconds
# [180]); on a failed start whatever was started is stopped again and the logs' tails printed.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
cmd="${1:-}"
state="${2:-}"
if [ -z "$cmd" ] || [ -z "$state" ]; then
  echo "usage: bash spark/cluster.sh start|stop STATE_DIR" >&2
  exit 2
fi
python="${CHAINLENS_PYTHON:-$here/.venv/bin/python}"
[ -x "$python" ] || python="$(command -v python3)"

stop() {
  local pid
  for f in "$state"/worker-2.pid "$state"/worker-1.pid "$state"/master.pid; do
    [ -f "$f" ] || continue
    pid="$(cat "$f")"
    if kill -0 "$pid" 2>/dev/null; then
      kill "$pid" 2>/dev/null || true
      for _ in $(seq 1 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.2; done
      kill -0 "$pid" 2>/dev/null && kill -9 "$pid" 2>/dev/null || true
    fi
    rm -f "$f"
  done
}

if [ "$cmd" = stop ]; then
  stop
  exit 0
fi
[ "$cmd" = start ] || { echo "cluster.sh: unknown command $cmd" >&2; exit 2; }

mkdir -p "$state"
spark_home="$("$python" -c 'import os, pyspark; print(os.path.dirname(pyspark.__file__))')" || {
  echo "cluster.sh: pyspark is not installed for $python; install it with: bash spark/install.sh" >&2
  exit 1
}
export SPARK_HOME="$spark_home" SPARK_LOCAL_IP=127.0.0.1 PYSPARK_PYTHON="$python"
export PATH="$(dirname "$python"):$PATH"
free_port() { "$python" -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }
port="$(free_port)"
webui="$(free_port)"
timeout="${START_TIMEOUT:-180}"
trap 'stop; tail -n 20 "$state"/*.log >&2 || true' ERR

"$SPARK_HOME/bin/spark-class" org.apache.spark.deploy.master.Master \
  --host 127.0.0.1 --port "$port" --webui-port "$webui" >"$state/master.log" 2>&1 &
echo $! >"$state/master.pid"
master="spark://127.0.0.1:$port"
for i in 1 2; do
  mkdir -p "$state/work-$i"
  "$SPARK_HOME/bin/spark-class" org.apache.spark.deploy.worker.Worker \
    --host 127.0.0.1 --cores "${WORKER_CORES:-1}" --memory "${WORKER_MEMORY:-1g}" \
    --webui-port "$(free_port)" --work-dir "$state/work-$i" "$master" >"$state/worker-$i.log" 2>&1 &
  echo $! >"$state/worker-$i.pid"
done
# Wait until the master reports two alive workers (its JSON status page), at most $timeout s.
deadline=$((SECONDS + timeout))
until [ "$("$python" - "$webui" <<'PY' 2>/dev/null
import json, sys, urllib.request
status = json.load(urllib.request.urlopen(f"http://127.0.0.1:{sys.argv[1]}/json/", timeout=5))
print(status.get("aliveworkers", 0))
PY
)" = 2 ]; do
  if [ "$SECONDS" -ge "$deadline" ]; then
    echo "cluster.sh: the master did not see two workers within ${timeout}s" >&2
    false
  fi
  for f in "$state"/*.pid; do
    kill -0 "$(cat "$f")" 2>/dev/null || { echo "cluster.sh: $(basename "$f" .pid) exited" >&2; false; }
  done
  sleep 1
done
trap - ERR
echo "$master"
