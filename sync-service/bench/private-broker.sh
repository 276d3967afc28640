#!/usr/bin/env bash
# A private, throw-away RabbitMQ node for the broker-restart run: never the shared broker on 5672, which other
# modules' tests use. Node syncbench@localhost on 127.0.0.1:5673 (distribution port 25673), state and logs under
# /tmp/syncbench, no plugins. Durable quorum queues survive its restart, as they would a production broker's.
#
#   sync-service/bench/private-broker.sh start|stop|restart|status
set -euo pipefail
base="${SYNCBENCH_BROKER_DIR:-/tmp/syncbench}"
export RABBITMQ_NODENAME=syncbench@localhost RABBITMQ_NODE_PORT=5673 RABBITMQ_DIST_PORT=25673 \
  RABBITMQ_MNESIA_BASE="$base/mnesia" RABBITMQ_LOG_BASE="$base/log" \
  RABBITMQ_ENABLED_PLUGINS_FILE="$base/enabled_plugins" RABBITMQ_CONFIG_FILE="$base/rabbitmq.conf"
ctl() { rabbitmqctl -n "$RABBITMQ_NODENAME" "$@"; }
start() {
  mkdir -p "$base/mnesia" "$base/log"
  echo "[]." > "$base/enabled_plugins"
  # The machine's /etc/rabbitmq/rabbitmq.conf binds 5672: this node gets its own listener.
  printf 'listeners.tcp.local = 127.0.0.1:5673\nloopback_users = none\n' > "$base/rabbitmq.conf"
  # The Debian scripts drop to the rabbitmq user when started as root: the node must own its directories.
  if [[ "$(id -u)" -eq 0 ]] && id rabbitmq > /dev/null 2>&1; then chown -R rabbitmq:rabbitmq "$base"; fi
  rabbitmq-server > "$base/log/console.log" 2>&1 &
  for _ in $(seq 1 60); do ctl await_startup --timeout 2 > /dev/null 2>&1 && { echo "syncbench broker up on 5673"; return; }; sleep 1; done
  echo "syncbench broker did not start; see $base/log" >&2; exit 1
}
stop() { ctl stop > /dev/null 2>&1 || true; for _ in $(seq 1 30); do ctl status > /dev/null 2>&1 || return 0; sleep 1; done; }
case "${1:-}" in
  start) start ;;
  stop) stop ;;
  restart) stop; start ;;
  status) ctl status ;;
  *) sed -n '2,7p' "$0"; exit 2 ;;
esac
