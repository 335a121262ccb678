#!/usr/bin/env bash
# kafka-server-start.sh <server.properties>: the broker/controller in the foreground.
set -euo pipefail
[ $# -ge 1 ] || { echo "usage: $0 server.properties [--override key=value]..." >&2; exit 1; }
KAFKA_HOME=${KAFKA_HOME:-$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)}
export KAFKA_HEAP_OPTS=${KAFKA_HEAP_OPTS:--Xmx1g -Xms1g}
export KAFKA_LOG4J_OPTS=${KAFKA_LOG4J_OPTS:--Dlog4j2.configurationFile=$KAFKA_HOME/config/log4j2.properties}
exec "$KAFKA_HOME/bin/kafka-run-class.sh" kafka.Kafka "$@"
