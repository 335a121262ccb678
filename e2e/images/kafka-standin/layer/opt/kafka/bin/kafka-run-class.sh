#!/usr/bin/env bash
# kafka-run-class.sh <main class> [args]: runs a class of this Kafka layout (libs/ beside bin/)
# with the JVM options of the usual KAFKA_* variables. Part of the apache/kafka stand-in.
set -euo pipefail
KAFKA_HOME=${KAFKA_HOME:-$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)}
java=java
[ -n "${JAVA_HOME:-}" ] && java="$JAVA_HOME/bin/java"
# Tools log warnings to stderr; kafka-server-start.sh sets the broker's own logging.
log4j=${KAFKA_LOG4J_OPTS:--Dlog4j2.configurationFile=$KAFKA_HOME/config/tools-log4j2.properties}
heap=${KAFKA_HEAP_OPTS:--Xmx256m}
perf=${KAFKA_JVM_PERFORMANCE_OPTS:--XX:+UseG1GC -XX:MaxGCPauseMillis=20 -Djava.awt.headless=true}
# Word splitting of the option strings is intended: each holds several JVM options.
# shellcheck disable=SC2086
exec "$java" $heap $perf ${KAFKA_GC_LOG_OPTS:-} ${KAFKA_JMX_OPTS:-} $log4j ${KAFKA_OPTS:-} \
  -cp "$KAFKA_HOME/libs/*" "$@"
